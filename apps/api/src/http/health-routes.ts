import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseHealth } from '../db/database-health';

export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';

/**
 * `/healthz`: the process serves (for a supervisor deciding to restart it; never fails because of
 * the database, which a restart would not fix). `/readyz`: it can do its work now, the database
 * answering (for a load balancer deciding where to send requests); 503 with Retry-After if not.
 */
export function createHealthHandler(health: DatabaseHealth) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (req.url?.startsWith(LIVENESS_PATH)) {
      res.writeHead(200, headers).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    const reachable = await health.check();
    if (reachable) {
      res.writeHead(200, headers).end(JSON.stringify({ status: 'ready', database: 'up' }));
      return;
    }
    const retryAfterSeconds = health.retryAfterSeconds();
    res
      .writeHead(503, { ...headers, 'retry-after': String(retryAfterSeconds) })
      .end(JSON.stringify({ status: 'unavailable', database: 'unreachable', retryAfterSeconds }));
  };
}
