import { type Kysely, sql } from 'kysely';

/**
 * A job remembers the provider call in flight (`current_attempt`: provider, model, startedAt), so
 * a call cut short by a dead worker still appears in its attempts as INTERRUPTED; and which run
 * owns it (`runner_id`), so a run whose worker was given up for dead cannot write over the run
 * that took the job over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table job
      add column current_attempt jsonb,
      add column runner_id text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table job drop column current_attempt, drop column runner_id`.execute(db);
}
