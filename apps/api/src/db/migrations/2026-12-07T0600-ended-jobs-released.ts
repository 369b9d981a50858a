import { type Kysely, sql } from 'kysely';

/**
 * A run now lets go of its job when the job ends (`runner_id` null); only a canceled job whose run
 * is still keeping its finished images is held, and its watchers wait for that. Jobs that ended
 * before this held on to their run's id for ever: release them, or their watchers would wait too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update job set runner_id = null
    where status in ('SUCCEEDED', 'FAILED', 'CANCELED') and runner_id is not null`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: an ended job's run id was never read.
}
