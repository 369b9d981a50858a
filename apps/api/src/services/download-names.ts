/** What a downloaded file is named after. */
export interface NameSource {
  prompt: string;
  createdAt: Date;
  seed: number | null;
  mime: string;
}

const MAX_SLUG = 60;
const FALLBACK = 'image';
const extensions: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * The prompt as a file name part: ASCII letters, digits and dashes only, lowercase, at most 60
 * characters, cut at a word boundary; `image` when nothing is left.
 */
export function slugOf(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG) return slug || FALLBACK;
  const cut = slug.slice(0, MAX_SLUG + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : cut.slice(0, MAX_SLUG)).replace(/-+$/, '');
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * `lighthouse-on-a-cliff_2026-12-06_seed1590685662.png`. With `hidePrompt` (a share link that hides
 * the parameters) neither the prompt nor the seed shows: `image_2026-12-06.png`.
 */
export function downloadName(
  image: NameSource,
  options: { mime?: string; hidePrompt?: boolean } = {},
): string {
  const parts = [options.hidePrompt ? FALLBACK : slugOf(image.prompt), dayOf(image.createdAt)];
  if (image.seed !== null && !options.hidePrompt) parts.push(`seed${image.seed}`);
  return `${parts.join('_')}.${extensions[options.mime ?? image.mime] ?? 'bin'}`;
}

/** Gives every name once: a repeat becomes `name_2.ext`, `name_3.ext`… */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(name: string): string {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${stem}_${n}${ext}`;
    this.taken.add(candidate);
    return candidate;
  }
}
