import {
  type BatchCounts,
  type BatchItemRecord,
  type BatchKind,
  type BatchRecord,
  type BatchTarget,
  InvalidInputError,
  type JobInput,
  type JobKind,
  type JobRecord,
} from '@atelier/domain';
import { type Kysely, type RawBuilder, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB, Job } from '../db/db.generated';
import { toJobRecord } from './job.repository';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

type Executor = Kysely<DB> | Transaction<DB>;

/** What an item varies, kept on the batch row by index (values as pairs: names are the user's). */
export interface BatchItemMeta {
  prompt: string;
  target: BatchTarget | null;
  values: { name: string; value: string }[] | null;
}

export interface NewBatch {
  id: string;
  ownerId: string;
  kind: BatchKind;
  title: string;
  collectionId: string | null;
  items: BatchItemMeta[];
  /** The request as given, for the record. */
  request: unknown;
}

export interface NewBatchJob {
  id: string;
  index: number;
  kind: JobKind;
  provider: string;
  input: JobInput;
  /** Enqueues the job's task (see QueueRepository.enqueue). */
  enqueue: RawBuilder<unknown>;
}

type BatchRow = {
  id: string;
  ownerId: string;
  kind: string;
  title: string;
  collectionId: string | null;
  createdAt: Date;
  canceledAt: Date | null;
  counts: BatchCounts & { progress: number };
};

function toRecord(row: BatchRow): BatchRecord {
  const { progress, ...counts } = row.counts;
  return {
    id: row.id,
    ownerId: row.ownerId,
    kind: row.kind as BatchKind,
    title: row.title,
    collectionId: row.collectionId,
    createdAt: row.createdAt,
    canceledAt: row.canceledAt,
    counts,
    progress: counts.total === 0 ? 1 : progress / counts.total,
  };
}

/** Each place's latest job: a retried item counts once, by its newest attempt. */
const latestItems = (batchId: RawBuilder<unknown>) => sql`(
  select distinct on (batch_index) status, progress from job
  where batch_id = ${batchId}
  order by batch_index, created_at desc, id desc
)`;

const countsColumn = sql<BatchRow['counts']>`(
  select json_build_object(
    'total', count(*),
    'queued', count(*) filter (where latest.status = 'QUEUED'),
    'running', count(*) filter (where latest.status = 'RUNNING'),
    'succeeded', count(*) filter (where latest.status = 'SUCCEEDED'),
    'failed', count(*) filter (where latest.status = 'FAILED'),
    'canceled', count(*) filter (where latest.status = 'CANCELED'),
    'progress', coalesce(sum(case when latest.status in ('QUEUED', 'RUNNING') then latest.progress else 1 end), 0)
  ) from ${latestItems(sql.ref('batch.id'))} as latest
)`.as('counts');

export class BatchRepository {
  constructor(private readonly db: Database) {}

  /** The batch, its item jobs and their tasks: the caller's transaction makes them all or nothing. */
  async insert(trx: Transaction<DB>, ownerId: string, batch: NewBatch, jobs: NewBatchJob[]): Promise<void> {
    await trx
      .insertInto('batch')
      .values({
        id: batch.id,
        ownerId,
        kind: batch.kind,
        title: batch.title,
        collectionId: batch.collectionId,
        input: JSON.stringify({ request: batch.request, items: batch.items }),
      })
      .execute();
    await this.insertJobs(trx, ownerId, batch.id, jobs);
  }

  async insertJobs(
    trx: Transaction<DB>,
    ownerId: string,
    batchId: string,
    jobs: NewBatchJob[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await trx
      .insertInto('job')
      .values(
        jobs.map((job) => ({
          id: job.id,
          ownerId,
          kind: job.kind,
          provider: job.provider,
          input: JSON.stringify(job.input),
          batchId,
          batchIndex: job.index,
          origin: 'BATCH',
        })),
      )
      .execute();
    await sql`select ${sql.join(jobs.map((job) => job.enqueue))}`.execute(trx);
  }

  async findManyForOwner(
    ownerId: string,
    ids: readonly string[],
    executor: Executor = this.db,
  ): Promise<BatchRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await executor
      .selectFrom('batch')
      .select(['id', 'ownerId', 'kind', 'title', 'collectionId', 'createdAt', 'canceledAt'])
      .select(countsColumn)
      .where('ownerId', '=', ownerId)
      .where('id', 'in', valid)
      .execute();
    return rows.map(toRecord);
  }

  async listForOwner(ownerId: string, page: KeysetPage): Promise<BatchRecord[]> {
    const direction = keysetDirection(page);
    const rows = await this.db
      .selectFrom('batch')
      .select(['id', 'ownerId', 'kind', 'title', 'collectionId', 'createdAt', 'canceledAt'])
      .select(countsColumn)
      .where('ownerId', '=', ownerId)
      .where((eb) => eb.and(keysetConditions('batch', page)))
      .orderBy('createdAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toRecord);
  }

  /** A page of items by place, each with its latest job (keyset on the place). */
  async items(batchId: string, page: KeysetPage): Promise<BatchItemRecord[]> {
    const after = page.after ? decodeItemCursor(page.after, 'after') : null;
    const before = page.before ? decodeItemCursor(page.before, 'before') : null;
    const direction = keysetDirection(page) === 'desc' ? 'asc' : 'desc';
    let query = this.db
      .selectFrom('job')
      .innerJoin('batch', 'batch.id', 'job.batchId')
      .distinctOn('job.batchIndex')
      .selectAll('job')
      .select(sql<BatchItemMeta | null>`batch.input -> 'items' -> job.batch_index`.as('meta'))
      .where('job.batchId', '=', batchId);
    if (after !== null) query = query.where('job.batchIndex', '>', after);
    if (before !== null) query = query.where('job.batchIndex', '<', before);
    const rows = await query
      .orderBy('job.batchIndex', direction)
      .orderBy('job.createdAt', 'desc')
      .orderBy('job.id', 'desc')
      .limit(page.limit)
      .execute();
    return rows.map((row) => toItem(row));
  }

  /** The latest job of every place whose latest job is in one of `statuses`. */
  async latestJobs(batchId: string, statuses: readonly string[]): Promise<(JobRecord & { index: number })[]> {
    const rows = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('job')
          .distinctOn('batchIndex')
          .selectAll()
          .where('batchId', '=', batchId)
          .orderBy('batchIndex')
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .as('latest'),
      )
      .selectAll()
      .where('status', 'in', [...statuses])
      .orderBy('batchIndex')
      .execute();
    return rows.map((row) => ({ ...toJobRecord(row), index: row.batchIndex! }));
  }

  async markCanceled(ownerId: string, id: string): Promise<void> {
    await this.db
      .updateTable('batch')
      .set({ canceledAt: sql<Date>`now()` })
      .where('ownerId', '=', ownerId)
      .where('id', '=', id)
      .execute();
  }
}

function toItem(row: Selectable<Job> & { meta: BatchItemMeta | null }): BatchItemRecord {
  const job = toJobRecord(row);
  const meta = row.meta;
  return {
    index: row.batchIndex!,
    prompt: meta?.prompt ?? job.input.prompt,
    target: meta?.target ?? null,
    values: meta?.values ? Object.fromEntries(meta.values.map((pair) => [pair.name, pair.value])) : null,
    job,
  };
}

export function encodeItemCursor(item: BatchItemRecord): string {
  return Buffer.from(`item|${item.index}`).toString('base64url');
}

function decodeItemCursor(cursor: string, arg: string): number {
  const [tag, index] = Buffer.from(cursor, 'base64url').toString().split('|');
  const value = Number(index);
  if (tag !== 'item' || !Number.isInteger(value) || value < 0) {
    throw new InvalidInputError([{ path: [arg], message: `${arg} is not a cursor from this list` }]);
  }
  return value;
}
