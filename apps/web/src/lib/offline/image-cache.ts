import { RECENT_IMAGES_CACHE, RECENT_IMAGES_LIMIT, STARRED_IMAGES_CACHE } from './cache-names';

/**
 * The page's side of the offline image caches the service worker fills: starred images are kept
 * apart (never pushed out by the recent ones), Settings shows what is kept, and signing out clears
 * both. Every function does nothing where Cache Storage is missing (old browsers, jsdom).
 */

interface KeptImage {
  starred: boolean;
  thumbnails: readonly { url: string }[];
}

const available = () => typeof caches !== 'undefined';

/** Keeps the renditions of starred images for offline use, and lets go of unstarred ones. */
export async function keepStarredOffline(images: readonly KeptImage[]): Promise<void> {
  if (!available() || images.length === 0) return;
  const starred = await caches.open(STARRED_IMAGES_CACHE);
  await Promise.all(
    images.flatMap((image) =>
      image.thumbnails.map(async ({ url }) => {
        if (!image.starred) {
          await starred.delete(url);
        } else if (!(await starred.match(url))) {
          // Offline or refused: it is tried again the next time the image is seen.
          await starred.add(url).catch(() => {});
        }
      }),
    ),
  );
}

export interface OfflineImageUsage {
  recent: number;
  starred: number;
  bytes: number;
  limit: number;
}

async function measure(name: string): Promise<{ count: number; bytes: number }> {
  if (!(await caches.has(name))) return { count: 0, bytes: 0 };
  const cache = await caches.open(name);
  const requests = await cache.keys();
  let bytes = 0;
  for (const request of requests) {
    const response = await cache.match(request);
    const declared = Number(response?.headers.get('content-length'));
    bytes += Number.isFinite(declared) && declared > 0 ? declared : ((await response?.blob())?.size ?? 0);
  }
  return { count: requests.length, bytes };
}

/** How many renditions are kept on this device, and their size. */
export async function offlineImageUsage(): Promise<OfflineImageUsage> {
  if (!available()) return { recent: 0, starred: 0, bytes: 0, limit: RECENT_IMAGES_LIMIT };
  const [recent, starred] = await Promise.all([measure(RECENT_IMAGES_CACHE), measure(STARRED_IMAGES_CACHE)]);
  return {
    recent: recent.count,
    starred: starred.count,
    bytes: recent.bytes + starred.bytes,
    limit: RECENT_IMAGES_LIMIT,
  };
}

/** Forgets every kept image (Settings → Clear, and signing out). */
export async function clearOfflineImages(): Promise<void> {
  if (!available()) return;
  await Promise.all([caches.delete(RECENT_IMAGES_CACHE), caches.delete(STARRED_IMAGES_CACHE)]);
}
