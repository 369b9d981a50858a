import type { KeyboardEvent, RefObject } from 'react';

interface MenuKeyboardOptions {
  /** Escape, or Tab, closes the menu. */
  onClose: (key: 'Escape' | 'Tab') => void;
  /** Tab moves focus on as usual after closing (otherwise the menu keeps the key). */
  tabMovesOn?: boolean;
}

/**
 * The keys of a role="menu": arrows move among its menuitems (round the ends), Home and End jump to
 * the first and last, Escape and Tab close it. Returns the menu's onKeyDown.
 */
export function useMenuKeyboard(
  menu: RefObject<HTMLElement | null>,
  { onClose, tabMovesOn = false }: MenuKeyboardOptions,
): (event: KeyboardEvent) => void {
  return (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        focusAt(index - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(items.length - 1);
        break;
      case 'Escape':
        onClose('Escape');
        break;
      case 'Tab':
        onClose('Tab');
        if (tabMovesOn) return;
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };
}
