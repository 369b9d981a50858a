import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UrlFetchError, UrlFetchRepository } from './url-fetch.repository';
import { startLoopbackServer, tableResolver, type LoopbackServer } from './url-fetch/testing/loopback-server';

// 127.0.0.1 plays a public host (allowed by exact address); 127.0.0.2 plays an internal one.
const publicAddress = '127.0.0.1';
const internalAddress = '127.0.0.2';
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const fetcher = new UrlFetchRepository({
  maxBytes: 1024 * 1024,
  timeoutMs: 3000,
  allowAddresses: [publicAddress],
});

const servers: LoopbackServer[] = [];
async function serve(...args: Parameters<typeof startLoopbackServer>): Promise<LoopbackServer> {
  const server = await startLoopbackServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function servePng(host = publicAddress, port = 0) {
  return serve(
    (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
    },
    host,
    port,
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

describe('UrlFetchRepository', () => {
  it('fetches from an allowed host, connecting to the checked address', async () => {
    const server = await servePng();
    const { resolve, calls } = tableResolver({ 'images.example.com': publicAddress });

    const fetched = await fetcher.fetch(`http://images.example.com:${server.port}/cat.png?size=2`, {
      resolve,
    });

    expect(fetched).toEqual({
      bytes: png,
      contentType: 'image/png',
      finalUrl: `http://images.example.com:${server.port}/cat.png?size=2`,
    });
    expect(calls).toEqual(['images.example.com']);
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('/cat.png?size=2');
    // Plain headers only: no cookies, no authorization, no compression.
    expect(request?.headers).toEqual({
      host: `images.example.com:${server.port}`,
      'user-agent': 'Atelier/1.0 (+image import)',
      accept: 'image/*',
      'accept-encoding': 'identity',
      connection: 'close',
    });
  });

  it('fetches from a literal address that is explicitly allowed', async () => {
    const server = await servePng();
    const fetched = await fetcher.fetch(`${server.origin}/a.png`);
    expect(fetched.bytes).toEqual(png);
  });

  it('needs maxBytes and timeoutMs from the defaults or the call', async () => {
    await expect(new UrlFetchRepository().fetch('http://example.com/')).rejects.toThrow(TypeError);
  });
});

describe('redirects', () => {
  async function redirectChain(hops: number) {
    const server = await serve((request, response) => {
      const hop = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('hop') ?? 0);
      if (hop < hops) {
        // Alternate absolute and relative Locations.
        const next = `/r?hop=${hop + 1}`;
        response.writeHead(hop % 2 ? 302 : 307, {
          Location: hop % 2 ? next : `http://127.0.0.1:${server.port}${next}`,
        });
        response.end();
      } else {
        response.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
      }
    });
    return server;
  }

  it('follows up to three redirects by default, checking each hop', async () => {
    const server = await redirectChain(3);
    const fetched = await fetcher.fetch(`${server.origin}/r`);
    expect(fetched.finalUrl).toBe(`${server.origin}/r?hop=3`);
    expect(server.requests).toHaveLength(4);
  });

  it('refuses a fourth redirect', async () => {
    const server = await redirectChain(4);
    const error = await failure(fetcher.fetch(`${server.origin}/r`));
    expect(error).toMatchObject({
      reason: 'TOO_MANY_REDIRECTS',
      message: 'the URL redirected more than 3 times',
    });
    expect(server.requests).toHaveLength(4);
  });

  it('follows no redirect when maxRedirects is 0', async () => {
    const server = await redirectChain(1);
    const error = await failure(fetcher.fetch(`${server.origin}/r`, { maxRedirects: 0 }));
    expect(error).toMatchObject({
      reason: 'TOO_MANY_REDIRECTS',
      message: 'the URL redirects, and redirects are not followed',
    });
  });

  it.each([
    [
      'an internal literal address',
      () => `http://${internalAddress}:PORT/`,
      'the address 127.0.0.2 is loopback',
    ],
    [
      'a name resolving inside',
      () => 'http://intranet.example.com:PORT/',
      'resolves to 127.0.0.2, which is loopback',
    ],
    ['localhost', () => 'http://localhost:PORT/', 'the host name localhost is reserved for this machine'],
    [
      'the metadata address',
      () => 'http://169.254.169.254/latest/meta-data/',
      'is the cloud metadata address',
    ],
    ['the metadata address in decimal', () => 'http://2852039166/', 'is the cloud metadata address'],
    [
      'IPv4-mapped loopback',
      () => 'http://[::ffff:127.0.0.2]:PORT/',
      'is loopback (it carries the IPv4 address 127.0.0.2)',
    ],
  ])('refuses a redirect to %s without connecting to it', async (_name, location, message) => {
    const internal = await servePng(internalAddress);
    const target = location().replace('PORT', String(internal.port));
    const server = await serve((_request, response) => {
      response.writeHead(302, { Location: target }).end();
    });
    const { resolve } = tableResolver({ 'intranet.example.com': internalAddress });

    const error = await failure(fetcher.fetch(`${server.origin}/start`, { resolve }));

    expect(error).toMatchObject({ reason: 'FORBIDDEN_ADDRESS', message: expect.stringContaining(message) });
    expect(server.requests).toHaveLength(1);
    expect(internal.connections()).toBe(0);
  });

  it.each([
    ['file:///etc/passwd', 'INVALID_URL', 'only http and https URLs are allowed, not file:'],
    ['gopher://127.0.0.1:6379/_FLUSHALL', 'INVALID_URL', 'only http and https URLs are allowed, not gopher:'],
    ['http://admin:admin@127.0.0.1/', 'INVALID_URL', 'URLs with a user name or password are not allowed'],
  ])('refuses a redirect to %s', async (location, reason, message) => {
    const server = await serve((_request, response) => {
      response.writeHead(301, { Location: location }).end();
    });
    await expect(fetcher.fetch(`${server.origin}/`)).rejects.toMatchObject({ reason, message });
  });
});

describe('DNS rebinding', () => {
  // Both servers share one port, so only the address decides which one a connection reaches.
  async function publicAndInternal() {
    const outside = await servePng(publicAddress);
    const inside = await servePng(internalAddress, outside.port);
    return { outside, inside };
  }

  /** Answers public on the first call and internal afterwards, as a TTL-0 rebinding server would. */
  function rebindingResolver() {
    const calls: string[] = [];
    const resolve = async (hostname: string) => {
      calls.push(hostname);
      const address = calls.length === 1 ? publicAddress : internalAddress;
      return [{ address, family: 4 as const }];
    };
    return { resolve, calls };
  }

  it('connects to the address it checked and never looks the name up again', async () => {
    const { outside, inside } = await publicAndInternal();
    const { resolve, calls } = rebindingResolver();

    const fetched = await fetcher.fetch(`http://rebind.example.com:${outside.port}/a.png`, { resolve });

    expect(fetched.bytes).toEqual(png);
    // A second lookup by the socket would have received 127.0.0.2.
    expect(calls).toEqual(['rebind.example.com']);
    expect(outside.connections()).toBe(1);
    expect(inside.connections()).toBe(0);
  });

  it('refuses the internal answer when it comes first', async () => {
    const { outside, inside } = await publicAndInternal();
    const { resolve } = rebindingResolver();
    await fetcher.fetch(`http://rebind.example.com:${outside.port}/a.png`, { resolve });

    const error = await failure(
      fetcher.fetch(`http://rebind.example.com:${outside.port}/a.png`, { resolve }),
    );

    expect(error).toMatchObject({
      reason: 'FORBIDDEN_ADDRESS',
      message: expect.stringContaining('127.0.0.2'),
    });
    expect(inside.connections()).toBe(0);
  });

  it('re-checks the same name on every redirect hop', async () => {
    const outside = await serve((_request, response) => {
      response.writeHead(302, { Location: '/second-hop.png' }).end();
    });
    const inside = await servePng(internalAddress, outside.port);
    const { resolve, calls } = rebindingResolver();

    const error = await failure(fetcher.fetch(`http://rebind.example.com:${outside.port}/`, { resolve }));

    expect(error).toMatchObject({
      reason: 'FORBIDDEN_ADDRESS',
      message: 'the host rebind.example.com resolves to 127.0.0.2, which is loopback',
    });
    expect(calls).toHaveLength(2);
    expect(outside.requests).toHaveLength(1);
    expect(inside.connections()).toBe(0);
  });
});

describe('https', () => {
  it('sends the original host name as SNI while connecting to the checked address', async () => {
    const servernames: (string | undefined)[] = [];
    // No certificate needed: the handshake is refused right after the ClientHello is read.
    const tls = createTlsServer({
      SNICallback: (servername, callback) => {
        servernames.push(servername);
        callback(new Error('no certificate here'));
      },
    });
    await new Promise<void>((resolve) => tls.listen(0, publicAddress, resolve));
    try {
      const { port } = tls.address() as AddressInfo;
      const { resolve } = tableResolver({ 'secure.example.com': publicAddress });

      const error = await failure(fetcher.fetch(`https://secure.example.com:${port}/a.png`, { resolve }));

      expect(error.reason).toBe('NETWORK');
      expect(servernames).toEqual(['secure.example.com']);
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });
});
