import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Env } from '../env';
import { type Logger, toWorkerLogger } from '../logger';
import { startEmbeddedPostgres } from './embedded';
import { migrateToLatest } from './migrator';

export interface ReadyDatabase {
  url: string;
  /** Stops the embedded server, if this process started one. */
  stop(): Promise<void>;
}

/** The database behind DATABASE_URL, or an embedded one under the data directory; migrated. */
export async function prepareDatabase(env: Env, logger: Logger): Promise<ReadyDatabase> {
  const embedded = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: env.ATELIER_DATA_DIR, database: 'atelier', logger });
  const url = env.DATABASE_URL ?? embedded!.connectionString;
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  try {
    const applied = await migrateToLatest(db, url, toWorkerLogger(logger));
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  } finally {
    await db.destroy();
  }
  return { url, stop: async () => embedded?.stop() };
}
