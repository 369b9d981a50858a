/**
 * Claim: going back to a page whose data graphcache already holds issues no network request for it.
 * Debian's Chromium drives the built SPA served by the real API: gallery → image → gallery →
 * collections → a collection → back → back → back, clicking links as a person would (in-app
 * navigation, one page load). Counts the GraphQL requests over HTTP (by operation) and the
 * subscriptions started over the WebSocket after each navigation.
 */
import type { Page, Request } from 'playwright-core';
import { ensureWebBuilt, generateImages, launchChromium, signedInContext } from '../support/browser';
import { type BenchStack, startBenchStack } from '../support/stack';
import { printTable } from '../support/stats';

const QUIET_MS = 1_000;

interface Step {
  name: string;
  revisit: boolean;
  go: (page: Page) => Promise<unknown>;
  /** Where it leads, and what must be on screen there before the step counts as arrived. */
  url: RegExp;
  arrived: string;
}

function variablesOf(request: Request): string {
  try {
    const fromUrl = new URL(request.url()).searchParams.get('variables');
    const body = request.postDataJSON() as { variables?: unknown } | null;
    return fromUrl ?? JSON.stringify(body?.variables ?? {});
  } catch {
    return '?';
  }
}

function operationName(request: Request): string {
  const url = new URL(request.url());
  const fromUrl = url.searchParams.get('operationName');
  if (fromUrl) return fromUrl;
  try {
    const body = request.postDataJSON() as { operationName?: string; query?: string } | null;
    return body?.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1] ?? '(anonymous)';
  } catch {
    return '(unreadable)';
  }
}

/** Records GraphQL traffic: HTTP requests to /graphql and `subscribe` messages on the WebSocket. */
function watchGraphQL(page: Page) {
  let http: string[] = [];
  let detail: string[] = [];
  let subscriptions: string[] = [];
  let inFlight = 0;
  let lastActivity = performance.now();
  const isGraphQL = (request: Request) => new URL(request.url()).pathname === '/graphql';
  page.on('request', (request) => {
    if (!isGraphQL(request)) return;
    http.push(operationName(request));
    detail.push(
      `${operationName(request)} ${variablesOf(request)} (${request.headers()['cache-control'] ?? 'no cache-control'})`,
    );
    inFlight += 1;
    lastActivity = performance.now();
  });
  const settle = (request: Request) => {
    if (!isGraphQL(request)) return;
    inFlight -= 1;
    lastActivity = performance.now();
  };
  page.on('requestfinished', settle);
  page.on('requestfailed', settle);
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      try {
        const message = JSON.parse(String(payload)) as {
          type?: string;
          payload?: { operationName?: string; query?: string };
        };
        if (message.type !== 'subscribe') return;
        const name =
          message.payload?.operationName ??
          /subscription\s+(\w+)/.exec(message.payload?.query ?? '')?.[1] ??
          '(anonymous)';
        subscriptions.push(name);
        lastActivity = performance.now();
      } catch {
        // Not JSON: not a graphql-ws message.
      }
    });
  });
  return {
    take() {
      const taken = { http, subscriptions, detail };
      http = [];
      detail = [];
      subscriptions = [];
      return taken;
    },
    async quiet() {
      while (inFlight > 0 || performance.now() - lastActivity < QUIET_MS) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

async function seed(stack: BenchStack): Promise<string> {
  await generateImages(stack, 12, 256);
  const page = await stack.graphql(`{ images(first: 6) { edges { node { id } } } }`);
  const ids = page.images.edges.map((edge: { node: { id: string } }) => edge.node.id);
  const created = await stack.graphql(
    `mutation($input: CreateCollectionInput!) { createCollection(input: $input) { __typename ... on Collection { id } } }`,
    { input: { name: 'Lighthouses' } },
  );
  const collectionId: string = created.createCollection.id;
  const added = await stack.graphql(
    `mutation($id: ID!, $imageIds: [ID!]!) { addImagesToCollection(id: $id, imageIds: $imageIds) { __typename } }`,
    { id: collectionId, imageIds: ids },
  );
  if (added.addImagesToCollection.__typename !== 'Collection') throw new Error(JSON.stringify(added));
  return collectionId;
}

async function main() {
  const webDist = ensureWebBuilt();
  const stack = await startBenchStack({ worker: true, webDist });
  const browser = await launchChromium();
  try {
    // Links carry the id URL-encoded (global ids end in `=`).
    const collectionId = encodeURIComponent(await seed(stack));
    const context = await signedInContext(browser, stack);
    const page = await context.newPage();
    const graphql = watchGraphQL(page);
    const click = (selector: string) => (p: Page) => p.locator(selector).first().click();
    const gallery = { url: /\/gallery$/, arrived: '.gallery-canvas img' };
    const image = { url: /\/images\/[^/]+$/, arrived: '.detail-stage img' };
    const collections = { url: /\/collections$/, arrived: `a[href="/collections/${collectionId}"]` };
    const collection = { url: /\/collections\/[^/]+$/, arrived: '.collection-images img' };
    const steps: Step[] = [
      {
        name: 'open /gallery (page load)',
        revisit: false,
        go: (p) => p.goto(`${stack.server.url}/gallery`),
        ...gallery,
      },
      { name: 'gallery → image', revisit: false, go: click('.gallery-canvas a[href^="/images/"]'), ...image },
      { name: 'image → gallery', revisit: true, go: click('a[href="/gallery"]'), ...gallery },
      { name: 'gallery → collections', revisit: false, go: click('a[href="/collections"]'), ...collections },
      {
        name: 'collections → collection',
        revisit: false,
        go: click(`a[href="/collections/${collectionId}"]`),
        ...collection,
      },
      { name: 'back → collections', revisit: true, go: (p) => p.goBack(), ...collections },
      { name: 'back → gallery', revisit: true, go: (p) => p.goBack(), ...gallery },
      { name: 'back → image', revisit: true, go: (p) => p.goBack(), ...image },
      { name: 'forward → gallery', revisit: true, go: (p) => p.goForward(), ...gallery },
    ];
    const rows = [];
    const refetches: string[] = [];
    for (const step of steps) {
      graphql.take();
      await step.go(page);
      await page.waitForURL(step.url, { timeout: 30_000 });
      await page.locator(step.arrived).first().waitFor({ timeout: 30_000 });
      await graphql.quiet();
      const { http, subscriptions, detail } = graphql.take();
      if (step.revisit) refetches.push(...detail.map((line) => `${step.name}: ${line}`));
      rows.push({
        navigation: step.name,
        revisit: step.revisit ? 'yes' : 'no',
        'graphql requests': http.length,
        operations: http.join(' ') || '—',
        'subscriptions started': subscriptions.length,
        subscribed: subscriptions.join(' ') || '—',
      });
    }
    printTable('cache efficiency: GraphQL network requests per navigation (in-app, one page load)', rows);
    if (refetches.length > 0) {
      console.log(`\nrequests on revisits (operation, variables):\n  ${refetches.join('\n  ')}`);
    }
    const navigations = rows.length - 1;
    const afterLoad = rows.slice(1).reduce((sum, row) => sum + row['graphql requests'], 0);
    const revisits = rows.filter((row) => row.revisit === 'yes');
    const onRevisits = revisits.reduce((sum, row) => sum + row['graphql requests'], 0);
    console.log(
      `\nrequests per navigation after the page load: ${afterLoad} / ${navigations} = ${(afterLoad / navigations).toFixed(2)}` +
        `\nrequests on revisits: ${onRevisits} over ${revisits.length} revisits   goal 0`,
    );
    await context.close();
  } finally {
    await browser.close();
    await stack.close();
  }
}

await main();
