import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import type { ImageProvider } from '@atelier/providers';
import { createApp, type App } from '../../apps/api/src/app';
import type { WorkerHandle } from '../../apps/api/src/jobs/worker';
import { createLogger } from '../../apps/api/src/logger';
import { buildServer, type RunningServer } from '../../apps/api/src/server';
import { createMigratedDatabase, dropDatabase, startTestCluster } from '../../apps/api/test/support/postgres';
import { parseServerTiming } from './server-timing';

export interface BenchStack {
  app: App;
  worker: WorkerHandle | null;
  server: RunningServer;
  databaseUrl: string;
  /** The admin the stack signed up through `setup`; requests carry their API token. */
  owner: Viewer;
  /** `Authorization` header value of the owner's API token. */
  authorization: string;
  /** The owner's browser session cookie (`name=value`). */
  cookie: string;
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
  /** The built SPA to serve beside the API (browser benchmarks). */
  webDist?: string;
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
    ? await app.startWorkers({ cpu: options.concurrency ?? 2, remote: 32 })
    : null;
  const worker = workers?.[0] ?? null;
  // Benchmarks hammer the API on purpose; the per-person mutation limit would measure itself.
  const server = await buildServer(app, { rateLimits: false, webDist: options.webDist }).listen(
    0,
    '127.0.0.1',
  );
  const { owner, authorization, cookie } = await signUpOwner(app, server.url);
  const timed: BenchStack['timed'] = (query, variables) =>
    timedRequest(server.url, { authorization }, query, variables);
  return {
    app,
    worker,
    server,
    databaseUrl,
    owner,
    authorization,
    cookie,
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

/** POSTs one operation; returns its data and the server's own time from the Server-Timing header. */
export async function timedRequest<T = any>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data: T; serverMs: number; response: Response; phases: Record<string, number> }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  const serverMs = Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
  // Each phase the server names (parse, validate, auth, execute, serialize, ...), in ms.
  const phases = parseServerTiming(response.headers.get('server-timing'));
  return { data: body.data, serverMs, response, phases };
}

const Setup = `mutation($input: SignUpInput!) { setup(input: $input) { __typename ... on Error { message } } }`;
const CreateToken = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { __typename ... on CreatedApiToken { secret } ... on Error { message } }
}`;

/** Claims the server through `setup` as a person would, then makes an API token for the benchmark. */
async function signUpOwner(
  app: App,
  url: string,
): Promise<{ owner: Viewer; authorization: string; cookie: string }> {
  const owner = await app.repositories.users.findLocalOwner();
  if (!owner) throw new Error('expected a fresh database with its built-in owner');
  const setup = await timedRequest(url, {}, Setup, {
    input: { email: 'bench@example.test', password: 'benchmark password 1', displayName: 'Bench' },
  });
  if (setup.data.setup.__typename !== 'Account') throw new Error(JSON.stringify(setup.data));
  const cookie = setup.response.headers.getSetCookie()[0]!.split(';')[0]!;
  const token = await timedRequest(url, { cookie }, CreateToken, {
    input: { name: 'bench', scopes: ['read', 'generate'] },
  });
  if (token.data.createApiToken.__typename !== 'CreatedApiToken') throw new Error(JSON.stringify(token.data));
  return { owner, authorization: `Bearer ${token.data.createApiToken.secret}`, cookie };
}

/** Waits until no job is queued or running: the work a benchmark started has all ended. */
export async function untilNoOpenJobs(app: App): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ open: number }>`
      select count(*)::int as open from job where status in ('QUEUED','RUNNING')`.execute(app.db);
    if (rows[0]!.open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
