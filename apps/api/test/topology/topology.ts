import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type AtelierProcess, startAtelierProcess } from '../support/atelier-process';
import {
  createMigratedDatabase,
  dropDatabase,
  startTestCluster,
  type TestCluster,
} from '../support/postgres';
import { type S3TestServer, startS3Server } from '../support/s3-server';
import { type Nginx, startNginx } from './nginx';

export interface Topology {
  /** nginx: the only address clients use. */
  url: string;
  databaseUrl: string;
  /** The API processes' ATELIER_DATA_DIR (one for all: nothing may be written there). */
  dataDir: string;
  apis: AtelierProcess[];
  workers: TopologyWorker[];
  nginx: Nginx;
  /** nginx's config, logs and temp files. */
  nginxDir: string;
  /** host:port of each API process, as nginx's upstream names it. */
  apiAddresses: string[];
  bucket: S3TestServer;
  /** Every process's output, for a failure message. */
  logs(): string;
  stop(): Promise<void>;
}

export interface TopologyWorker extends AtelierProcess {
  /** The graphile-worker ids of its pools: `locked_by` of the tasks it holds. */
  workerIds: string[];
}

export interface TopologyOptions {
  apis: number;
  workers: number;
  /** ATELIER_LOCAL_STEP_MS for the local provider. */
  localStepMs: number;
  /** DATABASE_URL of an external server to make a database on; else an embedded one. */
  externalDatabaseUrl: string | undefined;
}

const READY_WITHIN_MS = 90_000;
/** A third of the 6 s lease, and a little more (see jobs/lease-keeper.ts). */
const LEASE_RENEWAL_MS = 2_100;

function withinTime<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} not ready within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Where an API process says it listens (it picks a free port: PORT=0). */
function listeningAddress(api: AtelierProcess): string {
  const match = /Atelier is ready at http:\/\/([\d.]+:\d+)/.exec(api.output());
  if (!match) throw new Error(`no listening address in:\n${api.output()}`);
  return match[1]!;
}

/**
 * Should the test runner itself exit without `stop` (killed, or crashed), the processes go with it
 * rather than linger holding ports and connections (nginx gets SIGTERM so its workers stop too).
 */
function endWithThisProcess(child: ChildProcess, signal: NodeJS.Signals): () => Promise<void> {
  const end = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.once('exit', end);
  return async () => {
    process.off('exit', end);
  };
}

/** The worker leases that appear besides `known` (a worker process renews one per pool). */
async function newLeases(databaseUrl: string, known: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const read = async () =>
      (
        await client.query<{ id: string }>(
          'select worker_id as id from worker_lease where not (worker_id = any($1))',
          [known],
        )
      ).rows.map((row) => row.id);
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await read()).length > 0) {
        // Its pools may be announced in more than one renewal (every 2 s): wait for the next.
        await new Promise((resolve) => setTimeout(resolve, LEASE_RENEWAL_MS));
        return await read();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the worker took no lease within 10 s');
  } finally {
    await client.end();
  }
}

function logsOf(processes: readonly { name: string; process: AtelierProcess }[]): string {
  return processes.map(({ name, process }) => `----- ${name}\n${process.output().slice(-4_000)}`).join('\n');
}

/**
 * PostgreSQL, an S3 server, API and worker processes of the production entry point (compiled when
 * built), and nginx in front of the APIs. Anything started is stopped by `stop`, also when a later
 * part fails to start.
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  const processes: { name: string; process: AtelierProcess }[] = [];
  try {
    const root = await mkdtemp(join(tmpdir(), 'atelier-topology-'));
    // As root, nginx's workers run as nobody and must be able to enter it.
    await chmod(root, 0o755);
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const dataDir = join(root, 'data');

    const cluster: TestCluster = await startTestCluster(options.externalDatabaseUrl);
    cleanups.push(() => cluster.stop());
    const databaseName = `atelier_topology_${process.pid}_${Date.now()}`;
    const databaseUrl = await createMigratedDatabase(cluster.adminUrl, databaseName);
    cleanups.push(() => dropDatabase(cluster.adminUrl, databaseName));

    const bucket = await startS3Server();
    cleanups.push(() => bucket.stop());

    const env = {
      ATELIER_STORAGE: 's3',
      S3_ENDPOINT: bucket.endpoint,
      S3_REGION: bucket.region,
      S3_BUCKET: bucket.bucket,
      S3_ACCESS_KEY_ID: bucket.accessKeyId,
      S3_SECRET_ACCESS_KEY: bucket.secretAccessKey,
      S3_FORCE_PATH_STYLE: '1',
      // Files stream through the APIs (and so through nginx), rather than redirecting to the bucket.
      ATELIER_FILES_DELIVERY: 'stream',
      ATELIER_LOCAL_STEP_MS: String(options.localStepMs),
    };
    const start = (role: 'api' | 'worker', index: number, extra: Record<string, string>) => {
      const child = startAtelierProcess({
        role,
        databaseUrl,
        dataDir,
        // The production build, as deployed (`pnpm test:topology` builds it first).
        compiled: true,
        env: { ...env, ...extra },
      });
      processes.push({ name: `${role} ${index + 1}`, process: child });
      cleanups.push(endWithThisProcess(child.process, 'SIGKILL'));
      cleanups.push(() => child.stop('SIGKILL'));
      return child;
    };
    const apis = Array.from({ length: options.apis }, (_, index) =>
      start('api', index, { PORT: '0', ATELIER_TRUST_PROXY: '1' }),
    );
    // Workers one after another, so that each one's graphile-worker ids (its leases) are known.
    const workers: TopologyWorker[] = [];
    for (let index = 0; index < options.workers; index++) {
      const child = start('worker', index, { WORKER_CONCURRENCY: '1', WORKER_REMOTE_CONCURRENCY: '2' });
      await withinTime(child.ready, READY_WITHIN_MS, `worker ${index + 1}`);
      const others = workers.flatMap((worker) => worker.workerIds);
      workers.push(Object.assign(child, { workerIds: await newLeases(databaseUrl, others) }));
    }
    await withinTime(Promise.all(apis.map((child) => child.ready)), READY_WITHIN_MS, 'API processes');

    const nginxDir = join(root, 'nginx');
    const apiAddresses = apis.map(listeningAddress);
    const nginx = await startNginx({ dir: nginxDir, upstreams: apiAddresses });
    cleanups.push(endWithThisProcess(nginx.process, 'SIGTERM'));
    cleanups.push(() => nginx.stop());

    return {
      url: nginx.url,
      databaseUrl,
      dataDir,
      apis,
      workers,
      nginx,
      nginxDir,
      apiAddresses,
      bucket,
      logs: () => logsOf(processes),
      stop,
    };
  } catch (error) {
    const logs = logsOf(processes);
    await stop();
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }
}
