import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
  host: string;
  port: number;
  /** http://host:port, with brackets for IPv6. */
  origin: string;
  /** Every request that reached the server. */
  requests: IncomingMessage[];
  /** TCP connections accepted, whether or not a request followed. */
  connections(): number;
  close(): Promise<void>;
}

/** A test server on a loopback address; `close` also cuts connections that are still open. */
export async function startLoopbackServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  host = '127.0.0.1',
  port = 0,
): Promise<LoopbackServer> {
  const requests: IncomingMessage[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const listener: RequestListener = (request, response) => {
    requests.push(request);
    handler(request, response);
  };
  const server = createServer(listener);
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    host,
    port: address.port,
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A resolver answering from a fixed table, counting calls; unknown names fail like NXDOMAIN. */
export function tableResolver(table: Record<string, string | string[]>) {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const answer = table[hostname];
    if (answer === undefined) {
      throw Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' });
    }
    return (Array.isArray(answer) ? answer : [answer]).map((address) => ({
      address,
      family: address.includes(':') ? (6 as const) : (4 as const),
    }));
  };
  return { resolve, calls };
}
