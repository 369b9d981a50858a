import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/db.generated';

type Executor = Kysely<DB> | Transaction<DB>;

/** A task to enqueue: its name, its (checked) payload, its key and how many attempts it gets. */
export interface TaskToEnqueue {
  name: string;
  payload: unknown;
  /** Makes the task addressable (to remove it) and stops a second copy being queued. */
  key: string;
  maxAttempts: number;
}

/** graphile-worker's queue, reached through its SQL API so enqueueing joins the caller's transaction. */
export class QueueRepository {
  constructor(private readonly db: Database) {}

  /**
   * The SQL that enqueues a task, for a caller to run inside its own statement or transaction, so a
   * row and the task that works on it are committed together or not at all.
   */
  enqueue(task: TaskToEnqueue): RawBuilder<unknown> {
    return sql`graphile_worker.add_job(
      ${task.name},
      ${JSON.stringify(task.payload)}::json,
      job_key => ${task.key},
      max_attempts => ${task.maxAttempts}
    )`;
  }

  /** Removes a task that no worker holds; a locked one is left to finish and see it was canceled. */
  async remove(executor: Executor, jobKey: string): Promise<void> {
    await sql`select graphile_worker.remove_job(${jobKey})`.execute(executor);
  }

  /**
   * Gives a task back the attempt it used when the run was stopped for a reason that was not the
   * task's (its worker shut down or died), so interruptions do not use up its attempts.
   */
  async giveBackAttempt(jobKey: string, executor: Executor = this.db): Promise<void> {
    await sql`
      update graphile_worker._private_jobs
      set attempts = greatest(attempts - 1, 0)
      where key = ${jobKey}`.execute(executor);
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

  /** The tasks locked by `workerIds`, with when each was taken. */
  async heldBy(workerIds: readonly string[]): Promise<{ id: string; lockedAt: Date }[]> {
    if (workerIds.length === 0) return [];
    const { rows } = await sql<{ id: string; lockedAt: Date }>`
      select id::text as id, locked_at as "lockedAt"
      from graphile_worker._private_jobs
      where locked_by = any(${[...workerIds]}::text[])`.execute(this.db);
    return rows;
  }

  /** Unlocks tasks whose end could not be recorded, so they run again (a finished job's run is a no-op). */
  async unlock(taskIds: readonly string[]): Promise<void> {
    if (taskIds.length === 0) return;
    await sql`
      update graphile_worker._private_jobs
      set locked_by = null, locked_at = null
      where id = any(${[...taskIds]}::bigint[])`.execute(this.db);
    await nudgeWorkers(this.db, taskIds.length);
  }

  /**
   * Hands the tasks of jobs a stopping worker interrupted (`taskIds`, held by its pools `workerIds`)
   * to the other workers at once: each whose job was queued again is unlocked, made due now, and
   * idle workers are woken. graphile-worker would put it back itself, but only after a retry delay
   * and with no wake-up (and its release may still be on its way: this one makes it a no-op).
   */
  async handOver(taskIds: readonly string[], workerIds: readonly string[]): Promise<void> {
    if (taskIds.length === 0) return;
    const { numAffectedRows } = await sql`
      update graphile_worker._private_jobs as task
      set run_at = now(), locked_by = null, locked_at = null
      from job
      where task.id = any(${[...taskIds]}::bigint[])
        and (task.locked_by is null or task.locked_by = any(${[...workerIds]}::text[]))
        and job.id::text = task.payload ->> 'jobId'
        and job.status = 'QUEUED'`.execute(this.db);
    if (numAffectedRows) await nudgeWorkers(this.db, Number(numAffectedRows));
  }

  /**
   * Releases every task held by a worker that holds tasks but has not renewed its lease within
   * `staleSeconds` (its process died; graphile-worker alone would wait four hours): the tasks are
   * unlocked and get back the attempt they used (dying was not their fault), and the dead
   * workers' leases are dropped. Returns the Atelier jobs those tasks ran.
   */
  async releaseDeadWorkers(
    executor: Executor,
    staleSeconds: number,
  ): Promise<{ workers: string[]; jobIds: string[] }> {
    const { rows } = await sql<{ worker: string; jobId: string | null }>`
      with dead as (
        select distinct jobs.locked_by as worker
        from graphile_worker._private_jobs as jobs
        where jobs.locked_by is not null
          and jobs.locked_at < now() - make_interval(secs => ${staleSeconds})
          and not exists (
            select 1 from worker_lease
            where worker_lease.worker_id = jobs.locked_by
              and worker_lease.seen_at > now() - make_interval(secs => ${staleSeconds})
          )
      ),
      queues as (
        update graphile_worker._private_job_queues
        set locked_by = null, locked_at = null
        where locked_by in (select worker from dead)
      ),
      leases as (
        delete from worker_lease where worker_id in (select worker from dead)
      ),
      released as (
        update graphile_worker._private_jobs as jobs
        set locked_by = null, locked_at = null, attempts = greatest(jobs.attempts - 1, 0)
        from dead
        where jobs.locked_by = dead.worker
        returning dead.worker, jobs.payload ->> 'jobId' as "jobId"
      )
      select worker, "jobId" from released`.execute(executor);
    if (rows.length > 0) await nudgeWorkers(executor, rows.length);
    return {
      workers: [...new Set(rows.map((row) => row.worker))],
      jobIds: rows.flatMap((row) => (row.jobId ? [row.jobId] : [])),
    };
  }
}

/** Wakes idle workers anywhere to take tasks made runnable again, as graphile-worker's add_job does. */
async function nudgeWorkers(executor: Executor, count: number): Promise<void> {
  await sql`select pg_notify('jobs:insert', json_build_object('r', random(), 'count', ${count}::int)::text)`.execute(
    executor,
  );
}
