import type {
  Attempt,
  ErrorPayload,
  JobInput,
  JobKind,
  JobOrigin,
  JobRecord,
  JobStatus,
} from '@atelier/domain';
import {
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
  sql,
  type Transaction,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import type { Database } from '../db/database';
import type { DB, Job } from '../db/db.generated';
import { EVENTS_CHANNEL } from '../db/notify-channel';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

type Executor = Kysely<DB> | Transaction<DB>;

export interface NewJob {
  id: string;
  ownerId: string;
  kind: JobKind;
  provider: string;
  input: JobInput;
  /** Where it was asked for (Insights); WEB when not said. */
  origin?: JobOrigin;
}

/** A provider call that has started and not ended yet. */
export interface InFlightAttempt {
  provider: string;
  model: string | null;
  startedAt: Date;
}

/** Which of a person's jobs a list shows; null or empty means any. */
export interface JobFilter {
  statuses?: readonly JobStatus[] | null;
  providers?: readonly string[] | null;
  kinds?: readonly JobKind[] | null;
  createdFrom?: Date | null;
  /** Exclusive. */
  createdUntil?: Date | null;
}

export interface JobChange {
  status?: JobStatus;
  /** The provider now working on the job (it changes on fallback). */
  provider?: string;
  /** Appended to the job's attempts. */
  attempt?: Attempt;
  /** Replaces the job's attempts (a run writes its whole list as it ends). */
  attempts?: Attempt[];
  /** The provider call in flight now, or null once none is. */
  currentAttempt?: InFlightAttempt | null;
  /** Records the call still in flight (if any) as INTERRUPTED, with this message, and forgets it. */
  interruptCurrentAttempt?: string;
  /** The run that owns the job from now on (null: none, it is released). */
  runnerId?: string | null;
  stage?: string | null;
  progress?: number;
  preview?: string | null;
  error?: ErrorPayload | null;
  startedAt?: 'now';
  finishedAt?: 'now';
}

export function toJobRecord(row: Selectable<Job>): JobRecord {
  return {
    id: row.id,
    ownerId: row.ownerId,
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    stage: row.stage,
    progress: row.progress,
    seq: row.seq,
    provider: row.provider,
    input: row.input as unknown as JobInput,
    attempts: row.attempts as unknown as Attempt[],
    error: row.error as unknown as ErrorPayload | null,
    preview: row.preview,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    updatedAt: row.updatedAt,
    held: row.runnerId !== null,
  };
}

/** How many jobs have one status, kind and provider. */
export interface JobCount {
  status: JobStatus;
  kind: JobKind;
  provider: string;
  count: number;
}

export class JobRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the job and runs `enqueue` (its task) in the same statement: both exist, or neither. */
  async insertWithTask(
    job: NewJob,
    enqueue: RawBuilder<unknown>,
    db: Kysely<DB> = this.db,
  ): Promise<JobRecord> {
    const row = await db
      .with('inserted', (db) =>
        db
          .insertInto('job')
          .values({
            id: job.id,
            ownerId: job.ownerId,
            kind: job.kind,
            provider: job.provider,
            input: JSON.stringify(job.input),
            origin: job.origin ?? 'WEB',
          })
          .returningAll(),
      )
      .selectFrom('inserted')
      .selectAll()
      .select(sql`${enqueue}`.as('task'))
      .executeTakeFirstOrThrow();
    return toJobRecord(row);
  }

  /**
   * insertWithTask in one statement with no transaction around it, for a person without a quota:
   * null (nothing written) when the owner has a quota, whose check needs their row held.
   */
  async insertWithTaskUnlessLimited(job: NewJob, enqueue: RawBuilder<unknown>): Promise<JobRecord | null> {
    const row = await this.db
      .with('inserted', (db) =>
        db
          .insertInto('job')
          .columns(['id', 'ownerId', 'kind', 'provider', 'input', 'origin'])
          .expression(
            db
              .selectNoFrom([
                sql<string>`${job.id}::uuid`.as('id'),
                sql<string>`${job.ownerId}::uuid`.as('ownerId'),
                sql<string>`${job.kind}::text`.as('kind'),
                sql<string>`${job.provider}::text`.as('provider'),
                sql<string>`${JSON.stringify(job.input)}::jsonb`.as('input'),
                sql<string>`${job.origin ?? 'WEB'}::text`.as('origin'),
              ])
              .where((eb) =>
                eb.not(
                  eb.exists(
                    db
                      .selectFrom('appUser')
                      .select(sql`1`.as('limited'))
                      .where('appUser.id', '=', job.ownerId)
                      .where((user) =>
                        user.or([
                          user('appUser.maxConcurrentJobs', 'is not', null),
                          user('appUser.maxImagesPerDay', 'is not', null),
                        ]),
                      ),
                  ),
                ),
              ),
          )
          .returningAll(),
      )
      .selectFrom('inserted')
      .selectAll()
      .select(sql`${enqueue}`.as('task'))
      .executeTakeFirst();
    return row ? toJobRecord(row) : null;
  }

  async findById(id: string): Promise<JobRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJobRecord(row) : null;
  }

  async findManyForOwner(ownerId: string, ids: readonly string[]): Promise<JobRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db
      .selectFrom('job')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where('id', 'in', valid)
      .execute();
    return rows.map(toJobRecord);
  }

  /** Newest first on the (owner_id, created_at, id) index; the other filters narrow that range. */
  async listForOwner(ownerId: string, filter: JobFilter, page: KeysetPage): Promise<JobRecord[]> {
    const direction = keysetDirection(page);
    let query = this.db
      .selectFrom('job')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where((eb) => eb.and(keysetConditions('job', page)));
    if (filter.statuses?.length) query = query.where('status', 'in', [...filter.statuses]);
    if (filter.providers?.length) query = query.where('provider', 'in', [...filter.providers]);
    if (filter.kinds?.length) query = query.where('kind', 'in', [...filter.kinds]);
    if (filter.createdFrom) query = query.where('createdAt', '>=', filter.createdFrom);
    if (filter.createdUntil) query = query.where('createdAt', '<', filter.createdUntil);
    const rows = await query
      .orderBy('createdAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toJobRecord);
  }

  /** 1 for the oldest queued job of anyone's; queue order is global because workers are shared. */
  async queuePosition(job: JobRecord): Promise<number> {
    const { ahead } = await this.db
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number>().as('ahead'))
      .where('status', '=', 'QUEUED')
      .where(sql<boolean>`(created_at, id) < (${job.createdAt}::timestamptz, ${job.id}::uuid)`)
      .executeTakeFirstOrThrow();
    return ahead + 1;
  }

  /**
   * Jobs by status, kind and provider, for the metrics scrape (read when scraped, never per
   * request): one pass over the table, grouped into a few rows.
   */
  async countByStatus(): Promise<JobCount[]> {
    const { rows } = await sql<JobCount>`
      select status, kind, provider, count(*)::int as count
      from job
      group by status, kind, provider`.execute(this.db);
    return rows;
  }

  /** Queued jobs by kind and provider, with when the oldest of each was created (the partial index job_queued). */
  async queuedSummary(): Promise<(Omit<JobCount, 'status'> & { oldestCreatedAt: Date })[]> {
    const { rows } = await sql<Omit<JobCount, 'status'> & { oldestCreatedAt: Date }>`
      select kind, provider, count(*)::int as count, min(created_at) as "oldestCreatedAt"
      from job
      where status = 'QUEUED'
      group by kind, provider`.execute(this.db);
    return rows;
  }

  /**
   * Applies a change only when the job is in one of `from` (and, given `runnerId`, still owned by
   * that run), bumps `seq` and notifies listeners, all in one statement. Returns null when the job
   * was not in an allowed state.
   */
  async transition(
    id: string,
    from: readonly JobStatus[],
    change: JobChange,
    options: { executor?: Executor; runnerId?: string } = {},
  ): Promise<JobRecord | null> {
    const [row] = await changing(options.executor ?? this.db, change, (update) => {
      const allowed = update.where('id', '=', id).where('status', 'in', [...from]);
      return options.runnerId === undefined ? allowed : allowed.where('runnerId', '=', options.runnerId);
    });
    return row ?? null;
  }

  /**
   * Gives running jobs back to the queue after their worker was lost: QUEUED again with `stage`
   * saying why, the call in flight recorded as INTERRUPTED, no run owning them; each one notifies.
   */
  async requeue(executor: Executor, ids: readonly string[], stage: string): Promise<JobRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await changing(
      executor,
      {
        status: 'QUEUED',
        stage,
        progress: 0,
        preview: null,
        runnerId: null,
        interruptCurrentAttempt: 'The worker running the job stopped before the call ended',
      },
      (update) => update.where('id', 'in', valid).where('status', '=', 'RUNNING'),
    );
    return rows;
  }

  /**
   * Ends the jobs still QUEUED or RUNNING (unchanged for `idleSeconds`) whose task can never run
   * again, gone or out of attempts with no one holding it, as FAILED with `error`: nobody waits on
   * them for ever. Tasks are found by their key, `taskKeyPrefix` + the job id.
   */
  async failStranded(error: ErrorPayload, taskKeyPrefix: string, idleSeconds: number): Promise<JobRecord[]> {
    const rows = await changing(
      this.db,
      { status: 'FAILED', stage: null, preview: null, error, runnerId: null, finishedAt: 'now' },
      (update) =>
        update
          .where('status', 'in', ['QUEUED', 'RUNNING'])
          .where('updatedAt', '<', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
          .where(
            sql<boolean>`not exists (
              select 1 from graphile_worker._private_jobs as task
              where task.key = ${taskKeyPrefix} || job.id::text
                and (task.locked_at is not null or task.attempts < task.max_attempts)
            )`,
          ),
    );
    return rows;
  }
}

type JobUpdate = UpdateQueryBuilder<DB, 'job', 'job', UpdateResult>;

/**
 * Applies `change` to the jobs `pick` selects, bumping each one's `seq` and notifying listeners of
 * each, in one statement; returns the changed rows.
 */
async function changing(executor: Executor, change: JobChange, pick: (update: JobUpdate) => JobUpdate) {
  const rows = await executor
    .with('changed', (db) => pick(db.updateTable('job').set(changeSet(change))).returningAll())
    .selectFrom('changed')
    .selectAll()
    .select(notifyChanged().as('notified'))
    .execute();
  // kysely cannot see the CTE's columns through `pick`'s builder type; they are the job's own.
  return rows.map((row) => toJobRecord(row as unknown as Selectable<Job>));
}

function changeSet(change: JobChange) {
  return (eb: ExpressionBuilder<DB, 'job'>) => ({
    ...(change.status !== undefined && { status: change.status }),
    ...(change.provider !== undefined && { provider: change.provider }),
    ...(change.attempts !== undefined && { attempts: JSON.stringify(change.attempts) }),
    ...(change.attempt !== undefined && {
      attempts: sql<string>`attempts || jsonb_build_array(${JSON.stringify(change.attempt)}::jsonb)`,
    }),
    ...(change.interruptCurrentAttempt !== undefined && {
      attempts: attemptsWithCurrentInterrupted(change.interruptCurrentAttempt),
      currentAttempt: null,
    }),
    ...(change.currentAttempt !== undefined && {
      currentAttempt: change.currentAttempt && JSON.stringify(change.currentAttempt),
    }),
    ...(change.runnerId !== undefined && { runnerId: change.runnerId }),
    ...(change.stage !== undefined && { stage: change.stage }),
    ...(change.progress !== undefined && { progress: change.progress }),
    ...(change.preview !== undefined && { preview: change.preview }),
    ...(change.error !== undefined && { error: change.error && JSON.stringify(change.error) }),
    ...(change.startedAt && { startedAt: sql<Date>`coalesce(started_at, now())` }),
    ...(change.finishedAt && { finishedAt: sql<Date>`now()` }),
    seq: eb('seq', '+', 1),
    updatedAt: sql<Date>`now()`,
  });
}

/** The attempts, with the call in flight (if any) closed as INTERRUPTED now. */
function attemptsWithCurrentInterrupted(message: string): RawBuilder<string> {
  return sql<string>`case when current_attempt is null then attempts else attempts || jsonb_build_array(
    current_attempt || jsonb_build_object(
      'outcome', 'INTERRUPTED',
      'message', ${message}::text,
      'finishedAt', now(),
      'latencyMs', greatest(0, round(extract(epoch from now() - (current_attempt ->> 'startedAt')::timestamptz) * 1000))::int,
      'costUsd', null,
      'withheld', 0
    )) end`;
}

function notifyChanged(): RawBuilder<string> {
  return sql<string>`pg_notify(${EVENTS_CHANNEL}, json_build_object('jobId', changed.id, 'seq', changed.seq, 'status', changed.status, 'batchId', changed.batch_id, 'sentAt', round(extract(epoch from clock_timestamp()) * 1000))::text)`;
}
