import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_TIMING_PHASES } from '../src/http/server-timing.plugin';
import type { RunningServer } from '../src/server';
import { newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import type { HttpClient } from './support/http-client';
import { signedUpClient } from './support/http-client';

let stack: TestStack;
let server: RunningServer;
let browser: HttpClient;

beforeAll(async () => {
  stack = await createTestStack({ worker: false, auth: 'real' });
  server = await stack.listen();
  const owner = await stack.app.repositories.users.findLocalOwner();
  for (let i = 0; i < 12; i++) await newImage(stack.app, owner!, { prompt: `harbour at dawn ${i}` });
  browser = (await signedUpClient(server.url, { first: true })).client;
});
afterAll(() => stack?.close());

const Gallery = `query Gallery($first: Int, $filter: ImageQueryParams) {
  images(first: $first, filter: $filter) {
    edges { cursor node { id prompt width height thumbhash createdAt thumbnails { size url } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** `name;dur=ms` entries of a Server-Timing header, in order. */
function phasesOf(header: string | null): { name: string; ms: number }[] {
  return (header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name = '', ...params] = entry.split(';').map((part) => part.trim());
      const dur = params.find((param) => param.startsWith('dur='));
      return { name, ms: dur ? Number(dur.slice(4)) : Number.NaN };
    });
}

describe('Server-Timing on a gallery page', () => {
  it('names the total first, then every phase of the request, each with a duration in ms', async () => {
    const { data, errors, response } = await browser.graphql(Gallery, { first: 10 });
    expect(errors).toBeUndefined();
    expect(data.images.edges).toHaveLength(10);

    const phases = phasesOf(response.headers.get('server-timing'));
    expect(phases.map((phase) => phase.name)).toEqual(['total', ...SERVER_TIMING_PHASES]);
    expect(SERVER_TIMING_PHASES).toEqual(
      expect.arrayContaining(['parse', 'validate', 'auth', 'execute', 'serialize']),
    );
    for (const phase of phases) {
      expect(Number.isFinite(phase.ms), `${phase.name} has a number`).toBe(true);
      expect(phase.ms).toBeGreaterThanOrEqual(0);
    }
    const [total, ...rest] = phases;
    const summed = rest.reduce((sum, phase) => sum + phase.ms, 0);
    // Phases are parts of the total (each is rounded to 0.01 ms).
    expect(summed).toBeLessThanOrEqual(total!.ms + 0.01 * rest.length);
  });

  it('times the same phases when the person asks again (cached parse and validation included)', async () => {
    await browser.graphql(Gallery, { first: 5, filter: { provider: 'local' } });
    const again = await browser.graphql(Gallery, { first: 5, filter: { provider: 'local' } });
    expect(again.data.images.edges).toHaveLength(5);
    const names = phasesOf(again.response.headers.get('server-timing')).map((phase) => phase.name);
    expect(names).toEqual(['total', ...SERVER_TIMING_PHASES]);
  });

  it('has no auth or execute phase for a document that does not parse', async () => {
    const broken = await browser.graphql('query { images(first: ', {});
    expect(broken.errors?.length).toBeGreaterThan(0);
    const names = phasesOf(broken.response.headers.get('server-timing')).map((phase) => phase.name);
    expect(names).toContain('parse');
    expect(names).not.toContain('auth');
    expect(names).not.toContain('execute');
  });
});
