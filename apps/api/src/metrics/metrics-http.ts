import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';

export const METRICS_PATH = '/metrics';

export function isMetricsPath(url: string): boolean {
  return url.split('?')[0] === METRICS_PATH;
}

/**
 * /metrics on the main port: served only when a metrics token is configured and presented as
 * `Authorization: Bearer <token>`; otherwise there is nothing here (404), so it is never public.
 */
export function createMetricsRoute(metrics: Metrics | null, token: string | null, logger: Logger) {
  const expected = token ? digest(token) : null;
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!metrics || !expected) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests: equal lengths, and the time taken says nothing about the token.
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      res
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' })
        .end('A metrics token is required');
      return;
    }
    answer(metrics, req, res, logger);
  };
}

export interface MetricsServer {
  url: string;
  stop(): Promise<void>;
}

/** A server of its own for /metrics (ATELIER_METRICS_PORT): for the API, and the only one a worker-only process has. */
export async function startMetricsServer(
  metrics: Metrics,
  port: number,
  host: string,
  logger: Logger,
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (isMetricsPath(req.url ?? '/')) answer(metrics, req, res, logger);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${METRICS_PATH}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(metrics: Metrics, req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  metrics.scrape().then(
    (text) => {
      res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
    },
    (error: unknown) => {
      logger.warn({ err: error }, 'metrics scrape failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics unavailable');
    },
  );
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
