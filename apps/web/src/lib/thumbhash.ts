import { thumbHashToDataURL } from 'thumbhash';

const cache = new Map<string, string | null>();
const MAX_ENTRIES = 2000;

function base64ToBytes(base64: string): Uint8Array {
  const normalized = base64.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(normalized.padEnd(Math.ceil(normalized.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A PNG data URL that paints the ThumbHash placeholder, or null when the hash is missing or
 * unreadable (a tile then shows its plain background). Memoized: a scrolling grid asks again for
 * every tile it remounts.
 */
export function thumbhashToDataUrl(base64: string | null | undefined): string | null {
  if (!base64) return null;
  const hit = cache.get(base64);
  if (hit !== undefined) return hit;
  let url: string | null;
  try {
    url = thumbHashToDataURL(base64ToBytes(base64));
  } catch {
    url = null;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(base64, url);
  return url;
}
