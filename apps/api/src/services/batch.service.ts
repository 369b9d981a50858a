import { randomUUID } from 'node:crypto';
import {
  type BatchEventRecord,
  type BatchItemRecord,
  type BatchKind,
  type BatchRecord,
  type CreateBatchInput,
  DomainError,
  type FieldIssue,
  type GenerateImagesInput,
  InvalidInputError,
  NotFoundError,
  type Viewer,
} from '@atelier/domain';
import { expandMatrix, parseTemplate, TemplateError, type TemplateValue } from '@atelier/prompt-template';
import { Repeater } from '@repeaterjs/repeater';
import { closable } from '../events/closable';
import { readOnceAvailable, whenAvailable } from '../db/when-available';
import { type EventBus, isResync } from '../events/event-bus';
import {
  type BatchItemMeta,
  type BatchRepository,
  encodeItemCursor,
  type NewBatchJob,
} from '../repositories/batch.repository';
import type { JobRepository } from '../repositories/job.repository';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { GenerationService, PreparedJob } from './generation.service';
import type { JobService } from './job.service';
import type { QuotaService } from './quota.service';
import type { CollectionService } from './collection.service';
import type { PromptService } from './prompt.service';
import type { TemplateService } from './template.service';

export const MAX_BATCH_ITEMS = 100;
const MIN_COMPARE_TARGETS = 2;
const MAX_COMPARE_TARGETS = 6;
const UNFINISHED = ['QUEUED', 'RUNNING'] as const;

export interface BatchDeps {
  batches: BatchRepository;
  jobs: JobRepository;
  generation: GenerationService;
  jobService: JobService;
  quota: QuotaService;
  events: EventBus;
  templates: Pick<TemplateService, 'version'>;
  collectionService: Pick<CollectionService, 'create'>;
  prompts: Pick<PromptService, 'remember'>;
}

/** An item before it is queued: what it varies and the job it makes. */
interface PlannedItem {
  meta: BatchItemMeta;
  prepared: PreparedJob;
}

type Expansion = {
  template: { id: string; version: number };
  entries: { prompt: string; values: Record<string, TemplateValue> }[];
};

/**
 * Batches: many generations submitted as one — a prompt list, a template × values matrix, or one
 * prompt across providers. Every item is checked like a single generation, and the batch and all
 * its item jobs are queued in one transaction: all or nothing.
 */
export class BatchService {
  constructor(private readonly deps: BatchDeps) {}

  async loadMany(viewer: Viewer, ids: readonly string[]): Promise<(BatchRecord | null)[]> {
    const found = new Map(
      (await this.deps.batches.findManyForOwner(viewer.id, ids)).map((batch) => [batch.id, batch]),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  list(viewer: Viewer, page: KeysetPage): Promise<BatchRecord[]> {
    return this.deps.batches.listForOwner(viewer.id, page);
  }

  cursorOf(batch: BatchRecord): string {
    return encodeCursor(batch);
  }

  async items(viewer: Viewer, batchId: string, page: KeysetPage): Promise<BatchItemRecord[]> {
    await this.owned(viewer, batchId);
    return this.deps.batches.items(batchId, page);
  }

  itemCursorOf(item: BatchItemRecord): string {
    return encodeItemCursor(item);
  }

  async create(viewer: Viewer, input: CreateBatchInput): Promise<BatchRecord> {
    const { kind, items } = await this.plan(viewer, input);
    const collectionId = await this.collectionFor(viewer, input);
    const batchId = randomUUID();
    const title = input.title?.trim() || defaultTitle(kind, items);
    const images = sum(items.map((item) => item.prepared.input.count));
    await this.deps.quota.admit(viewer, images, async (trx) => {
      await this.deps.batches.insert(
        trx,
        viewer.id,
        {
          id: batchId,
          ownerId: viewer.id,
          kind,
          title,
          collectionId,
          items: items.map((i) => i.meta),
          request: input,
        },
        items.map((item, index) => this.newJob(index, item.prepared, collectionId)),
      );
    });
    await this.remember(viewer, items);
    return this.owned(viewer, batchId);
  }

  /** Cancels every unfinished item through the job cancel path (running ones abort their provider call). */
  async cancel(viewer: Viewer, id: string): Promise<BatchRecord> {
    await this.owned(viewer, id);
    const unfinished = await this.deps.batches.latestJobs(id, UNFINISHED);
    // A batch that had already finished stays as it ended.
    if (unfinished.length > 0) await this.deps.batches.markCanceled(viewer.id, id);
    for (const job of unfinished) {
      try {
        await this.deps.jobService.cancel(viewer, job.id);
      } catch (error) {
        // It finished between the read and the cancel: nothing left to stop.
        if (!(error instanceof DomainError && error.code === 'INVALID_STATE')) throw error;
      }
    }
    return this.owned(viewer, id);
  }

  /** Queues a new job at the place of every failed item, with the same resolved input. */
  async retryFailed(viewer: Viewer, id: string): Promise<BatchRecord> {
    await this.owned(viewer, id);
    const failed = await this.deps.batches.latestJobs(id, ['FAILED']);
    if (failed.length === 0) throw new DomainError('INVALID_STATE', 'No item of this batch has failed');
    await this.deps.quota.admit(viewer, sum(failed.map((job) => job.input.count)), async (trx) => {
      await this.deps.batches.insertJobs(
        trx,
        viewer.id,
        id,
        failed.map((job) => {
          const jobId = randomUUID();
          return {
            id: jobId,
            index: job.index,
            kind: job.kind,
            provider: job.input.provider,
            input: job.input,
            enqueue: this.deps.generation.enqueue(job.kind, job.input.provider, jobId),
          };
        }),
      );
    });
    return this.owned(viewer, id);
  }

  /**
   * The batch now, then again (with the item job that changed) on every change of one of its
   * items, until no item is left unfinished.
   */
  watch(viewer: Viewer, id: string): AsyncIterableIterator<BatchEventRecord> {
    const { events, jobs, batches } = this.deps;
    const wakeups = Repeater.merge([events.pubsub.subscribe('batch', id), events.pubsub.subscribe('resync')]);
    return closable(wakeups, async function* () {
      let wakeup = wakeups.next();
      // Events that arrived while the database was away (their item jobs are read in the next batch).
      let missed = false;
      const nextWakeup = async () => {
        const event = await wakeup;
        wakeup = wakeups.next();
        missed = true;
        return !event.done;
      };
      // A subscriber who comes while the database is away waits for it rather than missing the end.
      const read = () => readOnceAvailable(() => batches.findManyForOwner(viewer.id, [id]), nextWakeup);
      const found = await read();
      if (!found) return;
      if (!found[0]) throw new NotFoundError('Batch');
      let batch: BatchRecord = found[0];
      yield { batch, job: null };
      while (batch.counts.queued + batch.counts.running > 0) {
        let jobId: string | null = null;
        if (!missed) {
          const event = await wakeup;
          if (event.done) return;
          wakeup = wakeups.next();
          jobId = isResync(event.value) ? null : event.value.jobId;
        }
        missed = false;
        const [changed] = jobId
          ? await whenAvailable(() => jobs.findManyForOwner(viewer.id, [jobId]), [])
          : [];
        const [latest] = (await read()) ?? [];
        if (!latest) return;
        batch = latest;
        yield { batch, job: changed ?? null };
      }
    });
  }

  private async owned(viewer: Viewer, id: string): Promise<BatchRecord> {
    const [batch] = await this.deps.batches.findManyForOwner(viewer.id, [id]);
    if (!batch) throw new NotFoundError('Batch');
    return batch;
  }

  private newJob(index: number, prepared: PreparedJob, collectionId: string | null): NewBatchJob {
    const id = randomUUID();
    const input = collectionId ? { ...prepared.input, collectionId } : prepared.input;
    return {
      id,
      index,
      kind: prepared.kind,
      provider: prepared.provider.id,
      input,
      enqueue: this.deps.generation.enqueue(prepared.kind, prepared.provider.id, id),
    };
  }

  /** Expands the request into checked items; every bad item is named by its place. */
  private async plan(
    viewer: Viewer,
    input: CreateBatchInput,
  ): Promise<{ kind: BatchKind; items: PlannedItem[] }> {
    const given = [input.prompts, input.matrix, input.compare].filter((kind) => kind !== null);
    if (given.length !== 1) {
      throw new InvalidInputError([
        { path: ['input'], message: 'give exactly one of prompts, matrix or compare' },
      ]);
    }
    const issues: FieldIssue[] = [];
    const items: PlannedItem[] = [];
    const tryItem = (path: string[], meta: BatchItemMeta, request: GenerateImagesInput) => {
      if (request.prompt.trim() === '') {
        issues.push({ path: [...path, 'prompt'], message: 'prompt must not be empty' });
        return;
      }
      try {
        items.push({ meta, prepared: this.deps.generation.prepareGenerate(request) });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        issues.push(...error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path.slice(1)] })));
      }
    };
    const base = { ...input.params, provider: input.params.provider ?? 'local' };
    let kind: BatchKind;
    if (input.prompts) {
      kind = 'PROMPTS';
      checkCount(input.prompts.length, ['input', 'prompts'], 1, MAX_BATCH_ITEMS);
      input.prompts.forEach((item, index) =>
        tryItem(
          ['input', 'prompts', String(index)],
          { prompt: item.prompt, target: null, values: null },
          {
            ...base,
            prompt: item.prompt,
            negativePrompt: item.negativePrompt ?? base.negativePrompt,
            seed: item.seed ?? base.seed,
          },
        ),
      );
    } else if (input.matrix) {
      kind = 'MATRIX';
      const { template, entries } = await this.expand(viewer, input.matrix);
      entries.forEach((entry, index) =>
        tryItem(
          ['input', 'matrix', String(index)],
          {
            prompt: entry.prompt,
            target: null,
            values: Object.entries(entry.values).map(([name, value]) => ({ name, value: String(value) })),
          },
          { ...base, prompt: entry.prompt },
        ),
      );
      // Every image records the template, version and values it came from.
      items.forEach((item, index) => {
        item.prepared.input.template = { ...template, values: entries[index]!.values };
      });
    } else {
      kind = 'COMPARE';
      const { prompt, targets } = input.compare!;
      checkCount(targets.length, ['input', 'compare', 'targets'], MIN_COMPARE_TARGETS, MAX_COMPARE_TARGETS);
      targets.forEach((target, index) =>
        tryItem(
          ['input', 'compare', 'targets', String(index)],
          { prompt, target, values: null },
          // Each provider has its own models, sizes and styles: keep only what every one understands.
          {
            ...base,
            prompt,
            provider: target.provider,
            model: target.model,
            style: null,
            quality: base.quality,
          },
        ),
      );
    }
    if (issues.length > 0) throw new InvalidInputError(issues);
    return { kind, items };
  }

  private async expand(viewer: Viewer, matrix: NonNullable<CreateBatchInput['matrix']>): Promise<Expansion> {
    const found = await this.deps.templates.version(viewer, matrix.templateId, matrix.version);
    if (!found) {
      throw new InvalidInputError(
        [{ path: ['input', 'matrix', 'templateId'], message: 'no such template' }],
        'NOT_FOUND',
      );
    }
    try {
      const template = parseTemplate(found.body, found.variables);
      const lists = Object.fromEntries(matrix.values.map((variable) => [variable.name, variable.options]));
      return {
        template: { id: found.templateId, version: found.version },
        entries: expandMatrix(template, lists, MAX_BATCH_ITEMS),
      };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      const path = error.variable ? ['input', 'matrix', 'values', error.variable] : ['input', 'matrix'];
      throw new InvalidInputError([{ path, message: error.message }]);
    }
  }

  private async collectionFor(viewer: Viewer, input: CreateBatchInput): Promise<string | null> {
    if (input.collectionId !== null && input.newCollectionName !== null) {
      throw new InvalidInputError([
        {
          path: ['input', 'newCollectionName'],
          message: 'give a collection or a new collection name, not both',
        },
      ]);
    }
    if (input.collectionId !== null) {
      // The same check as a single generation's: the viewer's own, hand-made collection.
      return this.deps.generation.targetCollection(viewer, input.collectionId);
    }
    const name = input.newCollectionName?.trim();
    return name
      ? (await this.deps.collectionService.create(viewer, { name, description: '', filter: null })).id
      : null;
  }

  /** Everything submitted goes to the prompt history, once per distinct prompt. */
  private async remember(viewer: Viewer, items: PlannedItem[]): Promise<void> {
    const seen = new Set<string>();
    for (const { prepared } of items) {
      const key = JSON.stringify([prepared.input.prompt, prepared.input.negativePrompt]);
      if (seen.has(key)) continue;
      seen.add(key);
      await this.deps.prompts.remember(viewer, prepared.input.prompt, prepared.input.negativePrompt);
    }
  }
}

function checkCount(count: number, path: string[], min: number, max: number): void {
  if (count < min || count > max) {
    throw new InvalidInputError([{ path, message: `give between ${min} and ${max} items, not ${count}` }]);
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function defaultTitle(kind: BatchKind, items: PlannedItem[]): string {
  const first = items[0]?.meta.prompt ?? '';
  const short = first.length > 60 ? `${first.slice(0, 57)}…` : first;
  if (kind === 'COMPARE') return `Compare: ${short}`;
  return `${items.length} prompts: ${short}`;
}
