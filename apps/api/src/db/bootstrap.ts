import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Env } from '../env';
import { type Logger, toWorkerLogger } from '../logger';
import { isDatabaseUnavailable } from './connection-errors';
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
  await untilReachable(url, logger, () => migrate(url, logger));
  return { url, stop: async () => embedded?.stop() };
}

async function migrate(url: string, logger: Logger): Promise<void> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5_000 }),
    }),
  });
  try {
    const applied = await migrateToLatest(db, url, toWorkerLogger(logger));
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  } finally {
    await db.destroy();
  }
}

/** Runs `work`, waiting (and saying so once) while the database cannot be reached: it may start after us. */
async function untilReachable(url: string, logger: Logger, work: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await work();
      if (attempt > 0) logger.info('the database is reachable');
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (attempt === 0) {
        logger.warn(
          { host: new URL(url).host, reason: (error as Error).message },
          'waiting for the database',
        );
      }
      const waitMs = Math.min(5_000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
