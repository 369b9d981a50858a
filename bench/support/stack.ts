import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageProvider } from '@atelier/providers';
import { createApp, type App } from '../../apps/api/src/app';
import type { WorkerHandle } from '../../apps/api/src/jobs/worker';
import { createLogger } from '../../apps/api/src/logger';
import { buildServer, type RunningServer } from '../../apps/api/src/server';
import { createMigratedDatabase, dropDatabase, startTestCluster } from '../../apps/api/test/support/postgres';

export interface BenchStack {
  app: App;
  worker: WorkerHandle | null;
  server: RunningServer;
  databaseUrl: string;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Like `graphql`, also returning the server's own time from its Server-Timing header. */
  timed<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data: T; serverMs: number }>;
  close(): Promise<void>;
}

/**
 * The real API (yoga, graphile-worker, sharp, disk storage) on a throw-away embedded PostgreSQL
 * (or DATABASE_URL's server), listening on loopback.
 */
export async function startBenchStack(options: {
  worker: boolean;
  concurrency?: number;
  providers?: ImageProvider[];
}): Promise<BenchStack> {
  const cluster = await startTestCluster(process.env.DATABASE_URL);
  const name = `atelier_bench_${process.pid}`;
  const databaseUrl = await createMigratedDatabase(cluster.adminUrl, name);
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-bench-'));
  await chmod(dataDir, 0o755);
  const app = await createApp({
    databaseUrl,
    dataDir,
    logger: createLogger('warn'),
    localStepMs: 0,
    ...(options.providers && { providers: options.providers }),
  });
  const workers = options.worker
    ? await app.startWorkers({ local: options.concurrency ?? 2, remote: 32 })
    : null;
  const worker = workers?.[0] ?? null;
  const server = await buildServer(app).listen(0, '127.0.0.1');
  const timed: BenchStack['timed'] = async (query, variables) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    const serverMs = Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
    return { data: body.data, serverMs };
  };
  return {
    app,
    worker,
    server,
    databaseUrl,
    timed,
    graphql: async (query, variables) => (await timed(query, variables)).data,
    async close() {
      await server.stop();
      await app.stop();
      await dropDatabase(cluster.adminUrl, name);
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
