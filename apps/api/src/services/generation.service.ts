import { randomUUID } from 'node:crypto';
import { type ProgressUpdate, type ProviderImage, ProviderError } from '@atelier/providers';
import type { ErrorPayload, GenerateImagesInput, JobRecord, Viewer } from '@atelier/schema/context';
import { Repeater } from 'graphql-yoga';
import type { Database } from '../db/database';
import type { EventBus } from '../events/event-bus';
import { GenerateImages } from '../jobs/generate-images.task';
import type { Logger } from '../logger';
import type { ImageRepository, NewImage, NewThumbnail } from '../repositories/image.repository';
import type { JobRepository } from '../repositories/job.repository';
import { MediaError, type MediaRepository } from '../repositories/media.repository';
import type { QueueRepository } from '../repositories/queue.repository';
import type { Storage } from '../repositories/storage.repository';
import { resolveGenerationInput } from './generation-input';
import type { ProviderRegistry } from './provider-registry';

const MAX_ATTEMPTS = 3;
// Progress writes are cheap but not free; people cannot see changes faster than this anyway.
const PROGRESS_INTERVAL_MS = 100;
const MAX_PREVIEW_BYTES = 48 * 1024;

export interface RunOptions {
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker shuts down: the job is left for another attempt, not failed. */
  shutdown: AbortSignal;
}

export interface GenerationDeps {
  db: Database;
  jobs: JobRepository;
  images: ImageRepository;
  queue: QueueRepository;
  storage: Storage;
  media: MediaRepository;
  providers: ProviderRegistry;
  events: EventBus;
  logger: Logger;
}

/** A failure we understood, with the payload to record (retryable or not). */
class JobFailure extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
  }
}

export class GenerationService {
  constructor(private readonly deps: GenerationDeps) {}

  /** Validates, then writes the job and its queue entry in one statement. Nothing slow happens here. */
  async generate(viewer: Viewer, request: GenerateImagesInput): Promise<JobRecord> {
    const { input } = resolveGenerationInput(this.deps.providers, request);
    const id = randomUUID();
    return this.deps.jobs.insertWithTask(
      { id, ownerId: viewer.id, kind: 'GENERATE', provider: input.provider, input },
      this.deps.queue.enqueue(
        GenerateImages,
        { jobId: id },
        { jobKey: jobKey(id), maxAttempts: MAX_ATTEMPTS },
      ),
    );
  }

  /**
   * Runs a job on a worker. Safe to run again after a crash: images are written together with the
   * SUCCEEDED status, so a job never gets its outputs twice. Throws only to ask for a retry.
   */
  async run(jobId: string, options: RunOptions): Promise<void> {
    const { jobs, logger } = this.deps;
    const job = await jobs.transition(jobId, ['QUEUED', 'RUNNING'], {
      status: 'RUNNING',
      stage: options.attempt > 1 ? `attempt ${options.attempt} of ${options.maxAttempts}` : 'starting',
      progress: 0,
      startedAt: 'now',
    });
    if (!job) return; // canceled, or already finished by an earlier attempt
    const log = logger.child({ jobId, attempt: options.attempt });
    const cancel = new AbortController();
    const cancellation = this.abortWhenCanceled(jobId, cancel);
    try {
      const outputs = await this.callProvider(job, AbortSignal.any([cancel.signal, options.shutdown]));
      await this.store(job, outputs);
    } catch (error) {
      if (cancel.signal.aborted) return;
      if (options.shutdown.aborted) {
        await jobs.transition(jobId, ['RUNNING'], { stage: 'interrupted; will resume' });
        throw error;
      }
      const payload = toErrorPayload(error);
      if (payload.retryable && options.attempt < options.maxAttempts) {
        log.warn({ err: error }, 'job attempt failed; will retry');
        await jobs.transition(jobId, ['RUNNING'], { stage: `retrying after: ${payload.message}` });
        throw error;
      }
      if (payload.code === 'API_ERROR' && !(error instanceof ProviderError)) {
        log.error({ err: error }, 'job failed');
      }
      await jobs.transition(jobId, ['RUNNING'], {
        status: 'FAILED',
        stage: null,
        error: payload,
        preview: null,
        finishedAt: 'now',
      });
    } finally {
      cancellation.stop();
    }
  }

  private async callProvider(job: JobRecord, signal: AbortSignal): Promise<ProviderImage[]> {
    const provider = this.deps.providers.find(job.provider);
    if (!provider) {
      throw new JobFailure({
        code: 'PROVIDER_UNAVAILABLE',
        message: `Provider "${job.provider}" is not configured on this worker`,
        retryable: false,
        details: {},
      });
    }
    const { input } = job;
    const progress = this.progressWriter(job.id);
    const images = await provider.generate(
      {
        prompt: input.prompt,
        model: input.model ?? provider.capabilities.defaultModel,
        count: input.count,
        params: {
          width: input.width ?? 1024,
          height: input.height ?? 1024,
          quality: input.quality ?? 'STANDARD',
          style: input.style,
          negativePrompt: input.negativePrompt,
          seed: input.seed ?? 0,
          steps: input.steps ?? provider.capabilities.steps?.default ?? 1,
        },
      },
      { signal, onProgress: progress.update },
    );
    await progress.flush();
    return images;
  }

  private async store(job: JobRecord, outputs: ProviderImage[]): Promise<void> {
    const { storage, media, images, jobs, db } = this.deps;
    await jobs.transition(job.id, ['RUNNING'], { stage: 'saving', progress: 1 });
    const written: string[] = [];
    const rows: { image: NewImage; thumbnails: NewThumbnail[] }[] = [];
    try {
      for (const [index, output] of outputs.entries()) {
        const processed = await media.process(output.bytes);
        // Independent files: write them side by side rather than one fsync after another.
        const [blobKey, ...thumbnailKeys] = await Promise.all([
          storage.put(output.bytes, processed.mime),
          ...processed.thumbnails.map((rendition) => storage.put(rendition.bytes, 'image/webp')),
        ]);
        written.push(blobKey, ...thumbnailKeys);
        const thumbnails: NewThumbnail[] = processed.thumbnails.map((rendition, i) => ({
          size: rendition.size,
          blobKey: thumbnailKeys[i]!,
          width: rendition.width,
          height: rendition.height,
          bytes: rendition.bytes.length,
        }));
        rows.push({
          image: {
            ownerId: job.ownerId,
            jobId: job.id,
            outputIndex: index,
            blobKey: blobKey,
            width: processed.width,
            height: processed.height,
            mime: processed.mime,
            bytes: output.bytes.length,
            thumbhash: processed.thumbhash,
            prompt: job.input.prompt,
            negativePrompt: job.input.negativePrompt,
            style: job.input.style,
            seed: output.seed,
            provider: job.provider,
            model: output.model,
            params: { ...paramsOf(job.input), ...output.metadata },
            operation: 'GENERATE',
          },
          thumbnails,
        });
      }
    } catch (error) {
      await this.removeUnreferenced(written);
      if (error instanceof MediaError) {
        throw new JobFailure({
          code: 'API_ERROR',
          message: `The provider returned an unusable image: ${error.message}`,
          retryable: false,
          details: {},
        });
      }
      throw new JobFailure({
        code: 'STORAGE_ERROR',
        message: `Could not store the images: ${String(error)}`,
        retryable: true,
        details: {},
      });
    }
    const finished = await db.transaction().execute(async (trx) => {
      const done = await jobs.transition(
        job.id,
        ['RUNNING'],
        { status: 'SUCCEEDED', stage: null, progress: 1, preview: null, finishedAt: 'now' },
        trx,
      );
      if (done) await images.insertMany(trx, rows);
      return done;
    });
    if (!finished) await this.removeUnreferenced(written); // canceled while saving
  }

  private async removeUnreferenced(keys: string[]): Promise<void> {
    const orphans = await this.deps.images.unreferencedBlobs(keys);
    await Promise.all(orphans.map((key) => this.deps.storage.delete(key)));
  }

  /** Writes progress at most every PROGRESS_INTERVAL_MS, always keeping the latest. */
  private progressWriter(jobId: string) {
    let pending: ProgressUpdate | null = null;
    let lastWrite = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const write = () => {
      const update = pending;
      pending = null;
      if (!update) return;
      lastWrite = Date.now();
      writing = writing.then(() =>
        this.deps.jobs
          .transition(jobId, ['RUNNING'], {
            progress: Math.min(1, Math.max(0, update.progress)),
            stage: update.stage,
            ...(update.preview &&
              update.preview.bytes.length <= MAX_PREVIEW_BYTES && {
                preview: `data:${update.preview.mime};base64,${update.preview.bytes.toString('base64')}`,
              }),
          })
          .catch((error: unknown) => this.deps.logger.warn({ err: error, jobId }, 'progress write failed')),
      );
    };
    return {
      update: (update: ProgressUpdate) => {
        pending = update;
        if (Date.now() - lastWrite >= PROGRESS_INTERVAL_MS) write();
      },
      flush: async () => {
        write();
        await writing;
      },
    };
  }

  /** Aborts the provider call as soon as anyone, on any process, cancels the job. */
  private abortWhenCanceled(jobId: string, abort: AbortController) {
    const { pubsub } = this.deps.events;
    const wakeups = Repeater.merge([pubsub.subscribe('job', jobId), pubsub.subscribe('resync')]);
    const follow = async () => {
      for await (const event of wakeups) {
        // Job events carry the status; after a reconnect (no event) the row is read instead.
        const status = event ? event.status : (await this.deps.jobs.findById(jobId))?.status;
        if (status === 'CANCELED') return abort.abort();
      }
    };
    follow().catch((error: unknown) =>
      this.deps.logger.warn({ err: error, jobId }, 'cancellation watch failed'),
    );
    return { stop: () => void wakeups.return() };
  }
}

export function jobKey(jobId: string): string {
  return `job:${jobId}`;
}

function paramsOf(input: GenerateImagesInput): Record<string, unknown> {
  return {
    width: input.width,
    height: input.height,
    quality: input.quality,
    steps: input.steps,
    count: input.count,
  };
}

function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof JobFailure) return error.payload;
  if (error instanceof ProviderError) {
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      details: {
        ...error.details,
        ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
      },
    };
  }
  // A bug or an outage we did not foresee: worth another attempt, but say nothing internal.
  return { code: 'API_ERROR', message: 'The job failed unexpectedly', retryable: true, details: {} };
}
