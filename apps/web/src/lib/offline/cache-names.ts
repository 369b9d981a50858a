/**
 * What the service worker and the page agree on about images kept for offline use. Plain values
 * only: this module is compiled into both the page and the service worker.
 */

/** Thumbnails and 768 px renditions of recently seen images; least recently used out. */
export const RECENT_IMAGES_CACHE = 'atelier-images-recent';
/** Renditions of starred images: kept until unstarred, signed out, or cleared in Settings. */
export const STARRED_IMAGES_CACHE = 'atelier-images-starred';
/** How many recent renditions the service worker keeps (a 256 px WebP is ~20 KB, a 768 px ~90 KB). */
export const RECENT_IMAGES_LIMIT = 500;
/**
 * Query parameter the web app adds to rendition URLs (the server ignores it): the service worker
 * keeps only these, so originals stay online-only.
 */
export const RENDITION_PARAM = 'rendition';

/** Whether a URL is an image rendition the service worker may keep for offline use. */
export function isOfflineRendition(url: URL): boolean {
  return (
    url.pathname.startsWith('/files/') &&
    url.searchParams.has(RENDITION_PARAM) &&
    // Share links are public pages: nothing opened through one is kept.
    !url.searchParams.has('share') &&
    !url.searchParams.has('download')
  );
}
