import type { ServerResponse } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { UrlFetchError, UrlFetchRepository } from './url-fetch.repository';
import { startLoopbackServer, tableResolver, type LoopbackServer } from './url-fetch/testing/loopback-server';

const megabyte = 1024 * 1024;
const fetcher = new UrlFetchRepository({
  maxBytes: megabyte,
  timeoutMs: 3000,
  allowAddresses: ['127.0.0.1'],
});

const servers: LoopbackServer[] = [];
const timers: NodeJS.Timeout[] = [];
async function serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}
afterEach(async () => {
  timers.splice(0).forEach(clearInterval);
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Writes `chunk` every `everyMs` until the client goes away; resolves with the bytes written. */
function stream(response: ServerResponse, chunk: Buffer, everyMs: number): Promise<number> {
  let written = 0;
  const timer = setInterval(() => {
    if (response.destroyed) return;
    written += chunk.length;
    response.write(chunk);
  }, everyMs);
  timers.push(timer);
  return new Promise((resolve) =>
    response.once('close', () => {
      clearInterval(timer);
      resolve(written);
    }),
  );
}

async function failure(promise: Promise<unknown>): Promise<UrlFetchError> {
  const error = await promise.then(
    () => new Error('the fetch succeeded'),
    (error: unknown) => error,
  );
  if (error instanceof UrlFetchError) return error;
  throw error;
}

describe('size cap', () => {
  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    let written: Promise<number> | undefined;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Length': 20 * megabyte });
      written = stream(response, Buffer.alloc(64 * 1024), 1);
    });

    const error = await failure(fetcher.fetch(`${server.origin}/big.png`));

    expect(error).toMatchObject({
      reason: 'TOO_LARGE',
      message: 'the response is larger than 1 MB (the server says 20 MB)',
    });
    expect(await written).toBeLessThan(megabyte);
  });

  it('stops reading an undeclared body as soon as it passes the cap', async () => {
    let written: Promise<number> | undefined;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'image/png' });
      written = stream(response, Buffer.alloc(64 * 1024), 1);
    });

    const error = await failure(fetcher.fetch(`${server.origin}/endless.png`));

    expect(error).toMatchObject({ reason: 'TOO_LARGE', message: 'the response is larger than 1 MB' });
    // The connection is cut right away: the server got to write little more than the cap.
    expect(await written).toBeLessThan(4 * megabyte);
  });

  it.each([
    ['with', true],
    ['without', false],
  ])(
    'accepts a body of exactly the cap %s Content-Length, and refuses one byte more',
    async (_name, declared) => {
      const server = await serve((request, response) => {
        const body = Buffer.alloc(request.url === '/exact' ? 1000 : 1001, 7);
        response.writeHead(200, declared ? { 'Content-Length': body.length } : {});
        response.end(body);
      });
      const small = new UrlFetchRepository({
        maxBytes: 1000,
        timeoutMs: 3000,
        allowAddresses: ['127.0.0.1'],
      });

      await expect(small.fetch(`${server.origin}/exact`)).resolves.toMatchObject({
        bytes: Buffer.alloc(1000, 7),
      });
      await expect(small.fetch(`${server.origin}/over`)).rejects.toMatchObject({
        reason: 'TOO_LARGE',
        message: expect.stringMatching(/^the response is larger than 1000 bytes/),
      });
    },
  );
});

describe('compression', () => {
  const image = Buffer.alloc(5000, 'image bytes ');
  // 64 MB of zeros, about 64 KB on the wire.
  const gzipBomb = gzipSync(Buffer.alloc(64 * megabyte));

  function serveEncoded(encoding: string, body: Buffer) {
    return serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Encoding': encoding });
      response.end(body);
    });
  }

  it.each([
    ['gzip', gzipSync(image)],
    ['br', brotliCompressSync(image)],
  ])('decodes a %s body the server sent although we asked for identity', async (encoding, body) => {
    const server = await serveEncoded(encoding, body);
    const fetched = await fetcher.fetch(`${server.origin}/a.png`);
    expect(fetched.bytes).toEqual(image);
    expect(server.requests[0]?.headers['accept-encoding']).toBe('identity');
  });

  it('stops a gzip bomb at the cap, counting decoded bytes', async () => {
    expect(gzipBomb.length).toBeLessThan(megabyte);
    const server = await serveEncoded('gzip', gzipBomb);

    const error = await failure(fetcher.fetch(`${server.origin}/bomb.png`));

    expect(error).toMatchObject({ reason: 'TOO_LARGE', message: 'the response is larger than 1 MB' });
  });

  it.each(['zstd', 'gzip, gzip', 'compress'])('refuses a body encoded as %j', async (encoding) => {
    const server = await serveEncoded(encoding, Buffer.from('whatever'));
    await expect(fetcher.fetch(`${server.origin}/a.png`)).rejects.toMatchObject({
      reason: 'HTTP_ERROR',
      message: `the server sent the body encoded as "${encoding}", which is not supported`,
    });
  });
});

describe('deadline', () => {
  const quick = new UrlFetchRepository({ maxBytes: megabyte, timeoutMs: 300, allowAddresses: ['127.0.0.1'] });
  const timeout = { reason: 'TIMEOUT', message: 'the URL did not finish loading within 300 ms' };

  async function timed(promise: Promise<unknown>) {
    const started = performance.now();
    const error = await failure(promise);
    return { error, elapsed: performance.now() - started };
  }

  it('times out a server that sends headers and then stalls', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Length': 1000 });
      response.write('x');
    });
    const { error, elapsed } = await timed(quick.fetch(`${server.origin}/stall.png`));
    expect(error).toMatchObject(timeout);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
  });

  it('counts the whole transfer, so a trickling body cannot outlive it', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200);
      void stream(response, Buffer.from('x'), 20);
    });
    const { error, elapsed } = await timed(quick.fetch(`${server.origin}/trickle.png`));
    expect(error).toMatchObject(timeout);
    expect(elapsed).toBeLessThan(1500);
  });

  it('times out a server that never answers', async () => {
    const server = await serve(() => {});
    const { error } = await timed(quick.fetch(`${server.origin}/silent.png`));
    expect(error).toMatchObject(timeout);
  });

  it('times out a name lookup that never returns', async () => {
    const { error } = await timed(
      quick.fetch('http://slow-dns.example.com/', { resolve: () => new Promise(() => {}) }),
    );
    expect(error).toMatchObject(timeout);
  });

  it('spans every redirect hop', async () => {
    const server = await serve((request, response) => {
      const hop = Number(request.url?.slice(1) || 0);
      setTimeout(() => response.writeHead(302, { Location: `/${hop + 1}` }).end(), 120);
    });
    const { error } = await timed(quick.fetch(`${server.origin}/0`));
    expect(error).toMatchObject(timeout);
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });
});

describe('abort signal', () => {
  it('rejects with the signal’s reason mid-body', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200);
      void stream(response, Buffer.from('x'), 10);
    });
    const controller = new AbortController();
    const reason = new Error('the person cancelled the import');
    setTimeout(() => controller.abort(reason), 50);

    await expect(fetcher.fetch(`${server.origin}/a.png`, { signal: controller.signal })).rejects.toBe(reason);
  });

  it('does not connect when the signal is already aborted', async () => {
    const server = await serve(() => {});
    const signal = AbortSignal.abort();
    await expect(fetcher.fetch(`${server.origin}/a.png`, { signal })).rejects.toBe(signal.reason);
    expect(server.connections()).toBe(0);
  });
});

describe('HTTP and network failures', () => {
  it.each([
    [404, 'the server answered 404 Not Found'],
    [403, 'the server answered 403 Forbidden'],
    [500, 'the server answered 500 Internal Server Error'],
    [304, 'the server answered 304 Not Modified'],
  ])('reports status %i', async (status, message) => {
    const server = await serve((_request, response) => {
      response.writeHead(status).end();
    });
    await expect(fetcher.fetch(`${server.origin}/a.png`)).rejects.toMatchObject({
      reason: 'HTTP_ERROR',
      status,
      message,
    });
  });

  it('reports a redirect without a Location', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(302).end();
    });
    await expect(fetcher.fetch(`${server.origin}/a.png`)).rejects.toMatchObject({
      reason: 'HTTP_ERROR',
      status: 302,
      message: 'the server answered 302 Found without saying where to',
    });
  });

  it('reports a refused connection', async () => {
    const server = await serve(() => {});
    const { port } = server;
    await server.close();
    await expect(fetcher.fetch(`http://127.0.0.1:${port}/a.png`)).rejects.toMatchObject({
      reason: 'NETWORK',
      message: '127.0.0.1 refused the connection',
    });
  });

  it('reports a body cut short', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Length': 1000 });
      response.write('only a little', () => response.destroy());
    });
    await expect(fetcher.fetch(`${server.origin}/a.png`)).rejects.toMatchObject({ reason: 'NETWORK' });
  });

  it('reports a name that does not resolve', async () => {
    const { resolve } = tableResolver({});
    await expect(fetcher.fetch('https://gone.example.com/a.png', { resolve })).rejects.toMatchObject({
      reason: 'NETWORK',
      message: 'the host gone.example.com was not found',
    });
  });
});
