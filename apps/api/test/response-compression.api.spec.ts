import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncoding, COMPRESS_FROM_BYTES } from '../src/http/response-compression.plugin';
import { CSRF_HEADER, type RunningServer } from '../src/server';
import { newImage } from './support/factories';
import { createTestStack, type TestStack, VIEWER_HEADER } from './support/harness';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
  server = await stack.listen();
});
afterAll(() => stack?.close());

const Gallery = `query { images(first: 50) { edges { node { id prompt width height createdAt } } } }`;
const Me = `query { viewer { id } }`;

/** The raw answer, bytes as sent: node:http leaves Content-Encoding to the caller. */
function post(viewer: Viewer, query: string, acceptEncoding?: string) {
  const body = JSON.stringify({ query });
  return new Promise<{ headers: Record<string, string | string[] | undefined>; bytes: Buffer }>(
    (resolve, reject) => {
      const req = request(
        `${server.url}/graphql`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [CSRF_HEADER]: '1',
            [VIEWER_HEADER]: viewer.id,
            ...(acceptEncoding !== undefined && { 'accept-encoding': acceptEncoding }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
}

async function personWithImages(count: number): Promise<Viewer> {
  const me = await stack.newUser();
  for (let i = 0; i < count; i++) {
    await newImage(stack.app, me, { prompt: `a lighthouse on a cliff at dusk, take ${i}` });
  }
  return me;
}

describe('GraphQL answers over HTTP', () => {
  it('come brotli-compressed when the client accepts br, and unpack to the same JSON', async () => {
    const me = await personWithImages(30);
    const plain = await post(me, Gallery);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(COMPRESS_FROM_BYTES);

    const packed = await post(me, Gallery, 'gzip, deflate, br, zstd');
    expect(packed.headers['content-encoding']).toBe('br');
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(packed.headers['content-length'])).toBe(packed.bytes.length);
    expect(packed.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(JSON.parse(brotliDecompressSync(packed.bytes).toString())).toEqual(
      JSON.parse(plain.bytes.toString()),
    );
  });

  it('fall back to gzip, and go plain when the client refuses both', async () => {
    const me = await personWithImages(30);
    const gzipped = await post(me, Gallery, 'gzip;q=1.0, br;q=0');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzipped.bytes).toString()).data.images.edges).toHaveLength(30);

    const refused = await post(me, Gallery, 'identity');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.bytes.toString()).data.images.edges).toHaveLength(30);
  });

  it('leave answers under 1 KB as they are', async () => {
    const me = await stack.newUser();
    const small = await post(me, Me, 'br, gzip');
    expect(small.bytes.length).toBeLessThan(COMPRESS_FROM_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(small.bytes.toString()).data.viewer.id).toBeTruthy();
  });
});

describe('acceptedEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['BR', 'br'],
    ['*', 'gzip'],
    ['deflate', null],
    ['gzip;q=0', null],
    [null, null],
  ])('picks from %s: %s', (header, expected) => {
    expect(acceptedEncoding(header)).toBe(expected);
  });
});
