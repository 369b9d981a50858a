import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { migrateToLatest } from '../../src/db/migrator';
import { createLogger, toWorkerLogger } from '../../src/logger';

export interface TestCluster {
  /** A connection string to the server's `postgres` database, for creating and dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server for one test run: the server behind DATABASE_URL when set, otherwise a
 * throw-away embedded cluster (fsync off) deleted on stop.
 */
export async function startTestCluster(externalUrl: string | undefined): Promise<TestCluster> {
  if (externalUrl) {
    return { adminUrl: withDatabase(externalUrl, 'postgres'), stop: async () => undefined };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-test-pg-'));
  // mkdtemp makes it private; as root, PostgreSQL runs as `postgres` and must be able to enter it.
  await chmod(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres({
    dataDir,
    database: 'postgres',
    logger: createLogger('warn'),
    ephemeral: true,
  });
  return {
    adminUrl: embedded.connectionString,
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await admin(adminUrl, (client) =>
    client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`),
  );
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
}

/** A fresh database with every migration applied (ours and graphile-worker's). */
export async function createMigratedDatabase(adminUrl: string, name: string): Promise<string> {
  const url = await createDatabase(adminUrl, name);
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
  });
  try {
    await migrateToLatest(db, url, toWorkerLogger(createLogger('warn')));
  } finally {
    await db.destroy();
  }
  return url;
}
