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

/** The placeholder if it was painted before (or the hash is unusable: null); undefined if not yet. */
export function paintedPlaceholder(base64: string | null | undefined): string | null | undefined {
  return base64 ? cache.get(base64) : null;
}

const waiting = new Map<string, Set<(url: string | null) => void>>();
let scheduled = false;

/**
 * Paints placeholders after the frame that puts their images on screen, a few per idle moment:
 * decoding is ~1 ms a tile on a cold start, and a page of 48 decoded while rendering held back the
 * first paint and the images' requests by tens of ms. Returns a cancel for an unmounted tile.
 */
export function paintPlaceholderSoon(base64: string, done: (url: string | null) => void): () => void {
  const callbacks = waiting.get(base64) ?? new Set();
  callbacks.add(done);
  waiting.set(base64, callbacks);
  schedule();
  return () => {
    callbacks.delete(done);
    if (callbacks.size === 0) waiting.delete(base64);
  };
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  if (typeof window !== 'undefined' && typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(paintWaiting, { timeout: 200 });
  } else {
    setTimeout(() => paintWaiting(null), 16);
  }
}

function paintWaiting(deadline: IdleDeadline | null) {
  scheduled = false;
  for (const [base64, callbacks] of waiting) {
    if (deadline && !deadline.didTimeout && deadline.timeRemaining() < 2) break;
    waiting.delete(base64);
    const url = thumbhashToDataUrl(base64);
    for (const done of callbacks) done(url);
  }
  if (waiting.size > 0) schedule();
}
