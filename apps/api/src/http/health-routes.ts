import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app';
import { LATEST_MIGRATION } from '../db/database-health';

export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';

/** What one check found: `ok: false` makes /readyz answer 503. */
export interface CheckResult {
  ok: boolean;
  state: string;
}

export interface Readiness {
  checks: Record<string, () => Promise<CheckResult>>;
  /** What to tell a client to wait before asking again, when not ready. */
  retryAfterSeconds(): number;
}

/** A check that has not answered by then has failed: a probe must answer a load balancer in time. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * What this process needs to do its work: the database answering, this code's latest migration
 * applied, the file storage writable and, for a process that runs jobs, its job runners alive and
 * its worker leases renewed (lease-keeper.ts).
 */
export function appReadiness(app: App, roles: { worker: boolean }): Readiness {
  const checks: Readiness['checks'] = {
    database: async () =>
      (await app.health.check()) ? { ok: true, state: 'up' } : { ok: false, state: 'unreachable' },
    migrations: async () =>
      (await app.migrationsApplied())
        ? { ok: true, state: 'up to date' }
        : { ok: false, state: `${LATEST_MIGRATION} is not applied` },
    storage: async () =>
      (await app.repositories.storage.checkWritable())
        ? { ok: true, state: 'writable' }
        : { ok: false, state: 'not writable' },
  };
  if (roles.worker) {
    checks.worker = async () => {
      const problem = app.workerProblem();
      return problem ? { ok: false, state: problem } : { ok: true, state: 'running' };
    };
  }
  return { checks, retryAfterSeconds: () => app.health.retryAfterSeconds() };
}

async function settle(check: () => Promise<CheckResult>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, state: 'no answer in time' }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      check().catch((error: unknown) => ({
        ok: false,
        state: `failed: ${error instanceof Error ? error.message : String(error)}`,
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: the process serves (for a supervisor deciding to restart it; never fails because of
 * the database, which a restart would not fix). `/readyz`: it can do its work now (for a load
 * balancer deciding where to send requests); every check is listed, and 503 with Retry-After names
 * those failing.
 */
export function createHealthHandler(readiness: Readiness) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
    if (req.url?.startsWith(LIVENESS_PATH)) {
      res.writeHead(200, headers).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    const names = Object.keys(readiness.checks);
    const results = await Promise.all(names.map((name) => settle(readiness.checks[name]!)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
    const failing = names.filter((_, i) => !results[i]!.ok);
    if (failing.length === 0) {
      res.writeHead(200, headers).end(JSON.stringify({ status: 'ready', checks }));
      return;
    }
    const retryAfterSeconds = readiness.retryAfterSeconds();
    res
      .writeHead(503, { ...headers, 'retry-after': String(retryAfterSeconds) })
      .end(JSON.stringify({ status: 'unavailable', failing, checks, retryAfterSeconds }));
  };
}

export interface HealthServer {
  url: string;
  stop(): Promise<void>;
}

/** /healthz and /readyz on a port of their own (ATELIER_HEALTH_PORT), for a process without the API's server. */
export async function startHealthServer(
  readiness: Readiness,
  port: number,
  host: string,
): Promise<HealthServer> {
  const handle = createHealthHandler(readiness);
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (path === LIVENESS_PATH || path === READINESS_PATH) void handle(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
