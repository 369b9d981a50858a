import { type Kysely, sql } from 'kysely';

/**
 * The task that runs jobs on this machine's CPU was named after the local provider
 * ('run-local-job'); it is 'run-cpu-job' now, so "local" means the provider only. Tasks already
 * queued keep running under the new name. (graphile-worker's schema is absent on a new database.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await rename(db, 'run-local-job', 'run-cpu-job');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rename(db, 'run-cpu-job', 'run-local-job');
}

async function rename(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  // Dynamic SQL: a static reference to the table would fail to plan when it does not exist.
  await sql`
    do $$
    begin
      if to_regclass('graphile_worker._private_tasks') is not null then
        execute format(
          'update graphile_worker._private_tasks set identifier = %L where identifier = %L
             and not exists (select 1 from graphile_worker._private_tasks where identifier = %L)',
          ${sql.lit(to)}, ${sql.lit(from)}, ${sql.lit(to)});
      end if;
    end $$;
  `.execute(db);
}
