import { type Logger, runMigrations } from 'graphile-worker';
import { type Kysely, Migrator } from 'kysely';
import { migrations } from './migrations/index';

/** Brings the schema (ours, then graphile-worker's) up to date; safe to run from several processes. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  connectionString: string,
  logger: Logger,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  await runMigrations({ connectionString, logger });
  return (results ?? []).map((result) => result.migrationName);
}
