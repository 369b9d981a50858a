export type Theme = 'dark' | 'light';

export const THEME_KEY = 'atelier.theme';

export function savedTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(THEME_KEY);
    return value === 'dark' || value === 'light' ? value : null;
  } catch {
    return null;
  }
}

/** Dark by default (images carry the colour); light when the person chose it. */
export function initialTheme(): Theme {
  return savedTheme() ?? 'dark';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export function saveTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(THEME_KEY, theme);
  } catch {
    // The choice still applies to this page.
  }
}
