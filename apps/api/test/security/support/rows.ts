import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { App } from '../../../src/app';
import { countRows, globalId } from '../../support/factories';

export interface Everything {
  jobs: number;
  images: number;
  files: number;
  accounts: number;
  apiTokens: number;
  shareLinks: number;
  tasks: number;
  savedPrompts: number;
  promptHistory: number;
  templates: number;
  templateVersions: number;
  stylePresets: number;
}

/** Every row and stored file a refused request must not leave behind (countRows, account and library rows). */
export async function countEverything(app: App, dataDir: string): Promise<Everything> {
  const { rows } = await sql<Omit<Everything, 'jobs' | 'images' | 'files'>>`
    select
      (select count(*) from app_user)::int as "accounts",
      (select count(*) from api_token)::int as "apiTokens",
      (select count(*) from share_link)::int as "shareLinks",
      -- Scheduled runs (trash purge, insights rollup) come and go on the clock, whatever the request.
      (select count(*) from graphile_worker._private_jobs where not (payload::jsonb ? '_cron'))::int as "tasks",
      (select count(*) from saved_prompt)::int as "savedPrompts",
      (select count(*) from prompt_history)::int as "promptHistory",
      (select count(*) from prompt_template)::int as "templates",
      (select count(*) from prompt_template_version)::int as "templateVersions",
      (select count(*) from style_preset)::int as "stylePresets"`.execute(app.db);
  return { ...(await countRows(app, dataDir)), ...rows[0]! };
}

/**
 * A job of `ownerId` that stays QUEUED: its row exists, but no worker task does (so tests can try to
 * cancel or watch someone's pending job without racing a worker). Returns its global id.
 */
export async function queuedJob(app: App, ownerId: string, like: string): Promise<string> {
  const model = await app.repositories.jobs.findById(like);
  if (!model) throw new Error(`no job ${like} to copy`);
  const id = randomUUID();
  await app.repositories.jobs.insertWithTask(
    { id, ownerId, kind: model.kind, provider: model.provider, input: model.input },
    sql`null`,
  );
  return globalId('Job', id);
}

/** Waits until no job is queued or running (so a request that wrongly queued one cannot disturb the next). */
export async function settle(app: App, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from job j
      where j.status in ('QUEUED', 'RUNNING')
        and exists (select 1 from graphile_worker._private_jobs t where t.key = 'job:' || j.id)`.execute(
      app.db,
    );
    if (rows[0]!.n === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until no job has a worker task left: a finished job's task row goes a moment after the job
 * row says it ended, so a setup that made images waits for it before tests count rows.
 */
export async function drained(app: App, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from job j
      where exists (select 1 from graphile_worker._private_jobs t where t.key = 'job:' || j.id)`.execute(
      app.db,
    );
    if (rows[0]!.n === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
