import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RunningServer } from '../src/server';
import { createTestStack, type TestStack } from './support/harness';

// The built SPA as the server sends it: how long browsers may keep each file, and a rebuild
// (files replaced under a running server) served at once instead of taking the process down.

let stack: TestStack;
let server: RunningServer;
let dist: string;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
  dist = await mkdtemp(join(tmpdir(), 'atelier-web-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(
    join(dist, 'index.html'),
    '<!doctype html><title>Atelier</title><script src="/assets/app-1.js"></script>',
  );
  await writeFile(join(dist, 'assets', 'app-1.js'), 'console.log("build 1")');
  await writeFile(join(dist, 'service-worker.js'), '/* build 1 */');
  server = await buildServer(stack.app, { webDist: dist }).listen(0, '127.0.0.1');
});
afterAll(async () => {
  await server?.stop();
  await stack?.close();
  await rm(dist, { recursive: true, force: true });
});

describe('the web app files', () => {
  it('keeps hashed assets for a year, revalidates the page, and never caches the service worker', async () => {
    const asset = await fetch(`${server.url}/assets/app-1.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await fetch(`${server.url}/gallery`);
    expect(await page.text()).toContain('<title>Atelier</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const worker = await fetch(`${server.url}/service-worker.js`);
    expect(worker.headers.get('cache-control')).toBe('no-store');
  });

  it('serves a rebuild at once, and a file removed under it is not an error that stops the server', async () => {
    await rm(join(dist, 'assets', 'app-1.js'));
    await writeFile(join(dist, 'assets', 'app-2.js'), 'console.log("build 2")');
    await writeFile(join(dist, 'service-worker.js'), '/* build 2 */');

    expect(await (await fetch(`${server.url}/assets/app-2.js`)).text()).toBe('console.log("build 2")');
    expect(await (await fetch(`${server.url}/service-worker.js`)).text()).toBe('/* build 2 */');
    const gone = await fetch(`${server.url}/assets/app-1.js`);
    expect(await gone.text()).not.toContain('build 1');

    const alive = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await alive.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
