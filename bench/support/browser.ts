import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { BenchStack } from './stack';

export const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

/** The built SPA; builds it first when `apps/web/dist` is missing. */
export function ensureWebBuilt(): string {
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    console.log('apps/web/dist is missing: building the web app…');
    execFileSync('pnpm', ['--filter', '@atelier/web', 'build'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: 'inherit',
    });
  }
  return WEB_DIST;
}

/** Debian's Chromium, launched as the e2e suite launches it (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (empty HTTP cache) signed in as the stack's owner with its session cookie. */
export async function signedInContext(
  browser: Browser,
  stack: BenchStack,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const [name, ...value] = stack.cookie.split('=');
  await context.addCookies([{ name: name!, value: value.join('='), url: stack.server.url }]);
  return context;
}

export interface NetworkEntry {
  url: string;
  type: string;
  /** Bytes on the wire (headers and body); 0 when the browser answered from its cache. */
  bytes: number;
  /** 'network', 'http cache' (memory or disk) or 'service worker'. */
  source: 'network' | 'http cache' | 'service worker';
  status: number;
}

/** Every response a page gets, with where it came from and its bytes on the wire (Chrome DevTools Protocol). */
export async function recordNetwork(page: Page): Promise<{ entries: NetworkEntry[]; clear(): void }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const pending = new Map<string, NetworkEntry>();
  const entries: NetworkEntry[] = [];
  // Chrome says "served from cache" before it reports the response itself.
  const servedFromCache = new Set<string>();
  cdp.on('Network.requestServedFromCache', ({ requestId }) => {
    servedFromCache.add(requestId);
    const entry = pending.get(requestId);
    if (entry) entry.source = 'http cache';
  });
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    pending.set(requestId, {
      url: response.url,
      type,
      bytes: 0,
      source: response.fromServiceWorker
        ? 'service worker'
        : servedFromCache.has(requestId) || response.fromDiskCache || response.fromPrefetchCache
          ? 'http cache'
          : 'network',
      status: response.status,
    });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const entry = pending.get(requestId);
    if (!entry) return;
    pending.delete(requestId);
    servedFromCache.delete(requestId);
    if (entry.source === 'network') entry.bytes = encodedDataLength;
    entries.push(entry);
  });
  return { entries, clear: () => entries.splice(0) };
}

/** Turns `count` prompts into real images (local provider, through the API and worker) and waits for them. */
export async function generateImages(stack: BenchStack, count: number, size = 1024): Promise<void> {
  const CreateBatch = `mutation($input: CreateBatchInput!) {
    createBatch(input: $input) { __typename ... on Error { message } }
  }`;
  for (let start = 0; start < count; start += 100) {
    const prompts = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({
      prompt: `a lighthouse on a cliff, study ${start + i}`,
      seed: start + i,
    }));
    const result = await stack.graphql(CreateBatch, {
      input: { provider: 'local', width: size, height: size, steps: 1, prompts },
    });
    if (result.createBatch.__typename !== 'Batch') throw new Error(result.createBatch.message);
  }
  for (;;) {
    const { rows } = await sql<{ open: number }>`
      select count(*)::int as open from job where status in ('QUEUED', 'RUNNING')`.execute(stack.app.db);
    if (rows[0]!.open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
