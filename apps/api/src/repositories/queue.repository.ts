import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/db.generated';
import type { TaskDefinition } from '../jobs/kit';

type Executor = Kysely<DB> | Transaction<DB>;

export interface EnqueueOptions {
  /** Makes the task addressable (to remove it) and stops a second copy being queued. */
  jobKey: string;
  maxAttempts: number;
}

/** graphile-worker's queue, reached through its SQL API so enqueueing joins the caller's transaction. */
export class QueueRepository {
  constructor(private readonly db: Database) {}

  /**
   * The SQL that enqueues a task, for a caller to run inside its own statement or transaction, so a
   * row and the task that works on it are committed together or not at all.
   */
  enqueue<Payload>(
    task: TaskDefinition<Payload>,
    payload: Payload,
    options: EnqueueOptions,
  ): RawBuilder<unknown> {
    return sql`graphile_worker.add_job(
      ${task.name},
      ${JSON.stringify(task.payload.parse(payload))}::json,
      job_key => ${options.jobKey},
      max_attempts => ${options.maxAttempts}
    )`;
  }

  /** Removes a task that no worker holds; a locked one is left to finish and see it was canceled. */
  async remove(executor: Executor, jobKey: string): Promise<void> {
    await sql`select graphile_worker.remove_job(${jobKey})`.execute(executor);
  }

  async renewLeases(workerIds: readonly string[]): Promise<void> {
    if (workerIds.length === 0) return;
    await this.db
      .insertInto('workerLease')
      .values(workerIds.map((workerId) => ({ workerId })))
      .onConflict((oc) => oc.column('workerId').doUpdateSet({ seenAt: sql`now()` }))
      .execute();
  }

  async dropLeases(workerIds: readonly string[]): Promise<void> {
    if (workerIds.length === 0) return;
    await this.db
      .deleteFrom('workerLease')
      .where('workerId', 'in', [...workerIds])
      .execute();
  }

  /**
   * Workers that hold a task but have not renewed their lease within `staleSeconds`: their process
   * died. graphile-worker alone would wait four hours before retrying their tasks.
   */
  async deadWorkersHoldingTasks(staleSeconds: number): Promise<string[]> {
    const { rows } = await sql<{ lockedBy: string }>`
      select distinct jobs.locked_by as "lockedBy"
      from graphile_worker._private_jobs as jobs
      where jobs.locked_by is not null
        and jobs.locked_at < now() - make_interval(secs => ${staleSeconds})
        and not exists (
          select 1 from worker_lease
          where worker_lease.worker_id = jobs.locked_by
            and worker_lease.seen_at > now() - make_interval(secs => ${staleSeconds})
        )`.execute(this.db);
    return rows.map((row) => row.lockedBy);
  }
}
