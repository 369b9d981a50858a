import type { Attempt } from '@atelier/providers';
import type { ErrorPayload, JobInput, JobKind, JobRecord, JobStatus } from '@atelier/schema/context';
import { type Kysely, type RawBuilder, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB, Job } from '../db/db.generated';
import { EVENTS_CHANNEL } from '../events/event-bus';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

type Executor = Kysely<DB> | Transaction<DB>;

export interface NewJob {
  id: string;
  ownerId: string;
  kind: JobKind;
  provider: string;
  input: JobInput;
}

export interface JobChange {
  status?: JobStatus;
  /** The provider now working on the job (it changes on fallback). */
  provider?: string;
  /** Appended to the job's attempts. */
  attempt?: Attempt;
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
  };
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
          })
          .returningAll(),
      )
      .selectFrom('inserted')
      .selectAll()
      .select(sql`${enqueue}`.as('task'))
      .executeTakeFirstOrThrow();
    return toJobRecord(row);
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

  async listForOwner(
    ownerId: string,
    statuses: readonly JobStatus[] | null,
    page: KeysetPage,
  ): Promise<JobRecord[]> {
    const direction = keysetDirection(page);
    let query = this.db
      .selectFrom('job')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where((eb) => eb.and(keysetConditions('job', page)));
    if (statuses && statuses.length > 0) query = query.where('status', 'in', [...statuses]);
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
   * Applies a change only when the job is in one of `from`, bumps `seq` and notifies listeners, all
   * in one statement. Returns null when the job was not in an allowed state.
   */
  async transition(
    id: string,
    from: readonly JobStatus[],
    change: JobChange,
    executor: Executor = this.db,
  ): Promise<JobRecord | null> {
    const row = await executor
      .with('changed', (db) =>
        db
          .updateTable('job')
          .set((eb) => ({
            ...(change.status !== undefined && { status: change.status }),
            ...(change.provider !== undefined && { provider: change.provider }),
            ...(change.attempt !== undefined && {
              attempts: sql<string>`attempts || jsonb_build_array(${JSON.stringify(change.attempt)}::jsonb)`,
            }),
            ...(change.stage !== undefined && { stage: change.stage }),
            ...(change.progress !== undefined && { progress: change.progress }),
            ...(change.preview !== undefined && { preview: change.preview }),
            ...(change.error !== undefined && { error: change.error && JSON.stringify(change.error) }),
            ...(change.startedAt && { startedAt: sql<Date>`coalesce(started_at, now())` }),
            ...(change.finishedAt && { finishedAt: sql<Date>`now()` }),
            seq: eb('seq', '+', 1),
            updatedAt: sql<Date>`now()`,
          }))
          .where('id', '=', id)
          .where('status', 'in', [...from])
          .returningAll(),
      )
      .selectFrom('changed')
      .selectAll()
      .select(
        sql<string>`pg_notify(${EVENTS_CHANNEL}, json_build_object('jobId', changed.id, 'seq', changed.seq, 'status', changed.status, 'batchId', changed.batch_id)::text)`.as(
          'notified',
        ),
      )
      .executeTakeFirst();
    return row ? toJobRecord(row) : null;
  }
}
