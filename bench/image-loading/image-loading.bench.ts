/**
 * Claim: a gallery page of 50 thumbnails loads quickly over HTTP, and a second view of the same page
 * comes from the browser's cache without fetching a thumbnail again. The real API serves the built
 * SPA and 50 images made by the local provider (with their WebP thumbnails); Debian's Chromium opens
 * /gallery in a fresh profile (cold cache), waits until every thumbnail is loaded and decoded, then
 * opens the page again in the same profile. Bytes and cache hits come from the DevTools protocol.
 */
import type { Page } from 'playwright-core';
import {
  ensureWebBuilt,
  generateImages,
  launchChromium,
  type NetworkEntry,
  recordNetwork,
  signedInContext,
} from '../support/browser';
import { startBenchStack } from '../support/stack';
import { percentile, printTable } from '../support/stats';

const IMAGES = 50;
// The web app's page is 48 tiles (GALLERY_PAGE_SIZE): the first page of the 50 images.
const PAGE = 48;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// Tall enough that every tile of the page is in view: lazy loading then fetches them all at once.
const VIEWPORT = { width: 1920, height: 5000 };

interface View {
  decodedMs: number;
  images: number;
  entries: NetworkEntry[];
  /** Paths of the requests that reached the server during the view (whatever the browser or a service worker did). */
  served: string[];
}

/** Opens the gallery; resolves when the page's `PAGE` thumbnails are loaded and decoded (ms from navigation start). */
async function viewGallery(page: Page, url: string): Promise<Omit<View, 'entries' | 'served'>> {
  await page.goto(`${url}/gallery`);
  await waitOrExplain(page, () =>
    page.waitForFunction(
      (count) => {
        const images = [...document.querySelectorAll<HTMLImageElement>('.gallery-canvas img')];
        return images.length >= count && images.every((img) => img.complete && img.naturalWidth > 0);
      },
      PAGE,
      { polling: 'raf', timeout: 30_000 },
    ),
  );
  return page.evaluate(async () => {
    const images = [...document.querySelectorAll<HTMLImageElement>('.gallery-canvas img')];
    await Promise.all(images.map((img) => img.decode()));
    return { decodedMs: performance.now(), images: images.length };
  });
}

/** On a timeout, says what the page showed (and leaves a screenshot) instead of a bare TimeoutError. */
async function waitOrExplain(page: Page, wait: () => Promise<unknown>): Promise<void> {
  try {
    await wait();
  } catch (error) {
    const shown = await page.evaluate(() => ({
      url: location.href,
      images: document.querySelectorAll('.gallery-canvas img').length,
      loaded: [...document.querySelectorAll<HTMLImageElement>('.gallery-canvas img')].filter(
        (i) => i.complete,
      ).length,
      text: document.body.innerText.slice(0, 300),
    }));
    await page.screenshot({ path: '/tmp/image-loading-timeout.png' });
    throw new Error(`gallery did not show ${PAGE} loaded thumbnails: ${JSON.stringify(shown)}`, {
      cause: error,
    });
  }
}

const isThumbnail = (entry: NetworkEntry) => entry.url.includes('/files/') && entry.type === 'Image';
const isGraphQL = (entry: NetworkEntry) => new URL(entry.url).pathname === '/graphql';

function describe(view: View) {
  const thumbnails = view.entries.filter(isThumbnail);
  const fromNetwork = (entries: NetworkEntry[]) => entries.filter((entry) => entry.source === 'network');
  return {
    'decoded ms': view.decodedMs,
    images: view.images,
    'thumb KiB': thumbnails.reduce((sum, entry) => sum + entry.bytes, 0) / 1024,
    'all KiB': view.entries.reduce((sum, entry) => sum + entry.bytes, 0) / 1024,
    'thumbs from network': fromNetwork(thumbnails).length,
    'thumbs from cache': thumbnails.filter((entry) => entry.source !== 'network').length,
    'graphql from network': fromNetwork(view.entries.filter(isGraphQL)).length,
    'other from network': fromNetwork(view.entries.filter((e) => !isThumbnail(e) && !isGraphQL(e))).length,
    'server: thumbs': view.served.filter((path) => path.startsWith('/files/')).length,
    'server: all': view.served.length,
  };
}

async function main() {
  const webDist = ensureWebBuilt();
  const stack = await startBenchStack({ worker: true, webDist });
  const browser = await launchChromium();
  try {
    await generateImages(stack, IMAGES);
    const served: string[] = [];
    stack.server.server.on('request', (request: { url?: string }) => served.push(request.url ?? ''));
    const first: View[] = [];
    const second: View[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const context = await signedInContext(browser, stack, VIEWPORT);
      const page = await context.newPage();
      const network = await recordNetwork(page);
      served.splice(0);
      first.push({
        ...(await viewGallery(page, stack.server.url)),
        entries: [...network.entries],
        served: [...served],
      });
      // Let late responses (revalidation, subscriptions) settle before the second view.
      await page.waitForTimeout(500);
      network.clear();
      served.splice(0);
      second.push({
        ...(await viewGallery(page, stack.server.url)),
        entries: [...network.entries],
        served: [...served],
      });
      await context.close();
    }
    const rows = [
      ...first.map((view, i) => ({ view: `first (cold) #${i + 1}`, ...describe(view) })),
      ...second.map((view, i) => ({ view: `second (cached) #${i + 1}`, ...describe(view) })),
    ];
    printTable(
      `image loading: /gallery (first page, ${PAGE} tiles) of ${IMAGES} local 1024² images in Chromium, viewport ${VIEWPORT.width}×${VIEWPORT.height}`,
      rows,
    );
    const p50 = (views: View[]) =>
      percentile(
        views.map((view) => view.decodedMs),
        50,
      );
    const refetched = second.reduce(
      (sum, view) => sum + view.served.filter((path) => path.startsWith('/files/')).length,
      0,
    );
    const firstBytes = percentile(
      first.map((view) => describe(view)['all KiB']),
      50,
    );
    const secondBytes = percentile(
      second.map((view) => describe(view)['all KiB']),
      50,
    );
    console.log(
      `\nall ${PAGE} thumbnails decoded, p50: first ${p50(first).toFixed(0)} ms, second ${p50(second).toFixed(0)} ms;` +
        ` ratio second/first ${(p50(second) / p50(first)).toFixed(2)}×` +
        `\nbytes on the wire, p50: first ${firstBytes.toFixed(0)} KiB, second ${secondBytes.toFixed(0)} KiB` +
        `\nthumbnail requests that reached the server on second views: ${refetched}   goal 0`,
    );
  } finally {
    await browser.close();
    await stack.close();
  }
}

await main();
