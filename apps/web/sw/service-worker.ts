/// <reference lib="webworker" />
/**
 * Atelier's service worker: the app shell from the build's precache manifest (so the studio opens
 * with no network), and a bounded cache of image renditions seen before (so the gallery browses
 * offline). GraphQL never goes through here: graphcache persists data in IndexedDB itself.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import {
  isOfflineRendition,
  RECENT_IMAGES_CACHE,
  RECENT_IMAGES_LIMIT,
  STARRED_IMAGES_CACHE,
} from '../src/lib/offline/cache-names';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page of the SPA is index.html; the server's own paths are never answered from here.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/(graphql|files|downloads|mcp|oauth|v1|healthz|readyz|metrics|\.well-known)(\/|$)/],
  }),
);

// Renditions are content-addressed (a URL never changes what it shows): cache first.
const recent = new CacheFirst({
  cacheName: RECENT_IMAGES_CACHE,
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: RECENT_IMAGES_LIMIT, purgeOnQuotaError: true }),
  ],
});
registerRoute(
  ({ url, request }) => request.method === 'GET' && isOfflineRendition(url),
  async (options) => {
    const starred = await caches.open(STARRED_IMAGES_CACHE);
    return (await starred.match(options.request)) ?? recent.handle(options);
  },
);

self.addEventListener('message', (event) => {
  // A new build waits until the person chooses to reload: workbox-window sends this after their click.
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
