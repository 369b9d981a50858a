import {
  type Attempt,
  findModel,
  type ImageProvider,
  modelFor,
  type ProgressUpdate,
  ProviderError,
  type ProviderResult,
  type RunContext,
  runWithFallback,
  type SourceImage,
} from '@atelier/providers';
import type { ErrorPayload, ImageRecord, JobInput, JobRecord } from '@atelier/schema/context';
import { Repeater } from 'graphql-yoga';
import type { Database } from '../db/database';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logger';
import type { CollectionRepository } from '../repositories/collection.repository';
import type { ImageRepository, NewImage, NewThumbnail } from '../repositories/image.repository';
import type { JobRepository } from '../repositories/job.repository';
import { MediaError, type MediaRepository } from '../repositories/media.repository';
import type { Storage, StoredMime } from '../repositories/storage.repository';
import { adaptParams } from './image-params';
import type { ProviderRegistry } from './provider-registry';

// Progress writes are cheap but not free; people cannot see changes faster than this anyway.
const PROGRESS_INTERVAL_MS = 100;
const MAX_PREVIEW_BYTES = 48 * 1024;
const MAX_SEED = 2_147_483_647;
/** Retries per provider for retryable failures, before moving down the fallback chain. */
const RETRY_POLICY = { retries: 2, baseMs: 1_000, capMs: 60_000 };

export interface RunOptions {
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker shuts down: the job is left for another attempt, not failed. */
  shutdown: AbortSignal;
}

export interface JobRunnerDeps {
  db: Database;
  jobs: JobRepository;
  images: ImageRepository;
  collections: CollectionRepository;
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

/**
 * Runs jobs on a worker: calls the providers (retrying and falling back as configured), stores the
 * results and marks the job terminal. Safe to run again after a crash: images are written together
 * with the SUCCEEDED status, so a job never gets its outputs twice. Throws only to ask graphile-worker
 * for another attempt.
 */
export class JobRunner {
  constructor(private readonly deps: JobRunnerDeps) {}

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
    const progress = this.progressWriter(jobId);
    try {
      const { provider, result } = await this.callProviders(
        job,
        progress,
        AbortSignal.any([cancel.signal, options.shutdown]),
      );
      await progress.flush();
      await this.store(job, provider, result);
    } catch (error) {
      await progress.flush();
      if (cancel.signal.aborted) return;
      if (options.shutdown.aborted) {
        await jobs.transition(jobId, ['RUNNING'], { stage: 'interrupted; will resume' });
        throw error;
      }
      const payload = toErrorPayload(error);
      if (!(error instanceof ProviderError) && !(error instanceof JobFailure)) {
        log.error({ err: error }, 'job failed');
      }
      if (payload.retryable && options.attempt < options.maxAttempts && !(error instanceof ProviderError)) {
        log.warn({ err: error }, 'job attempt failed; will retry');
        await jobs.transition(jobId, ['RUNNING'], { stage: `retrying after: ${payload.message}` });
        throw error;
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

  /** The job's providers in order — its first choice, then its fallbacks — skipping any this worker lacks. */
  private chainOf(job: JobRecord): ImageProvider[] {
    const chain = [job.input.provider, ...job.input.fallbackProviders]
      .map((id) => this.deps.providers.find(id))
      .filter((provider): provider is ImageProvider => provider !== undefined);
    if (chain.length === 0) {
      throw new JobFailure({
        code: 'PROVIDER_UNAVAILABLE',
        message: `Provider "${job.input.provider}" is not configured on this worker`,
        retryable: false,
        details: {},
      });
    }
    return chain;
  }

  private async callProviders(
    job: JobRecord,
    progress: ProgressWriter,
    signal: AbortSignal,
  ): Promise<{ provider: ImageProvider; result: ProviderResult }> {
    const sources = await this.loadSources(job.input, job.ownerId);
    return runWithFallback(
      this.chainOf(job),
      (provider) => {
        const context: RunContext = { signal, onProgress: (update) => progress.update(update) };
        const call = buildCall(job, provider, sources);
        return { model: call.model, result: call.run(context) };
      },
      {
        signal,
        policy: RETRY_POLICY,
        onAttempt: (attempt: Attempt) => progress.attempt(attempt),
        onRetry: (provider, error, waitMs) => {
          progress.stage(
            `retrying ${provider.displayName} in ${Math.ceil(waitMs / 1000)} s (${reason(error)})`,
          );
        },
        onSwitch: (from, to, error) => {
          const why = `${from.displayName} failed (${reason(error)})`;
          progress.stage(`${why}; trying ${to.displayName}`, { provider: to.id, note: why });
        },
      },
    );
  }

  private async loadSources(input: JobInput, ownerId: string) {
    const load = async (imageId: string | null): Promise<SourceImage | null> => {
      if (!imageId) return null;
      const [image] = await this.deps.images.findManyForOwner(ownerId, [imageId]);
      if (!image) {
        throw new JobFailure({
          code: 'NOT_FOUND',
          message: 'The source image was deleted',
          retryable: false,
          details: {},
        });
      }
      return this.readImage(image);
    };
    const maskBytes = input.maskBlobKey ? await this.deps.storage.read(input.maskBlobKey) : null;
    if (input.maskBlobKey && !maskBytes) {
      throw new JobFailure({
        code: 'STORAGE_ERROR',
        message: 'The mask file is missing',
        retryable: false,
        details: {},
      });
    }
    const source = await load(input.sourceImageId);
    return {
      source,
      styleReference: await load(input.styleReferenceImageId),
      mask:
        maskBytes && source
          ? { bytes: maskBytes, mime: 'image/png' as const, width: source.width, height: source.height }
          : null,
    };
  }

  private async readImage(image: ImageRecord): Promise<SourceImage> {
    const bytes = await this.deps.storage.read(image.blobKey);
    if (!bytes) {
      throw new JobFailure({
        code: 'STORAGE_ERROR',
        message: 'The source image file is missing',
        retryable: false,
        details: {},
      });
    }
    return { bytes, mime: image.mime as StoredMime, width: image.width, height: image.height };
  }

  private async store(job: JobRecord, provider: ImageProvider, result: ProviderResult): Promise<void> {
    const { storage, media, images, jobs, db } = this.deps;
    if (result.images.length === 0) {
      throw new JobFailure({
        code: 'CONTENT_FILTER',
        message: `${provider.displayName} returned no images${result.withheld > 0 ? ` (${result.withheld} withheld as unsafe)` : ''}`,
        retryable: false,
        details: { withheld: result.withheld },
      });
    }
    await jobs.transition(job.id, ['RUNNING'], { stage: 'saving', progress: 1 });
    const written: string[] = [];
    const rows: { image: NewImage; thumbnails: NewThumbnail[] }[] = [];
    try {
      for (const [index, output] of result.images.entries()) {
        const processed = await media.process(output.bytes);
        // Independent files: write them side by side rather than one fsync after another.
        const [blobKey, ...thumbnailKeys] = await Promise.all([
          storage.put(output.bytes, processed.mime),
          ...processed.thumbnails.map((rendition) => storage.put(rendition.bytes, 'image/webp')),
        ]);
        written.push(blobKey, ...thumbnailKeys);
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
            style: job.input.style ?? job.input.styleText,
            seed: storableSeed(output.seed),
            provider: provider.id,
            model: output.model,
            params: {
              ...paramsOf(job.input),
              ...output.metadata,
              ...(output.seed !== storableSeed(output.seed) && { providerSeed: output.seed }),
            },
            parentImageId: job.input.sourceImageId,
            operation: job.kind,
            ...(job.input.template && {
              templateId: job.input.template.id,
              templateVersion: job.input.template.version,
              templateValues: JSON.stringify(job.input.template.values),
            }),
          },
          thumbnails: processed.thumbnails.map((rendition, i) => ({
            size: rendition.size,
            blobKey: thumbnailKeys[i]!,
            width: rendition.width,
            height: rendition.height,
            bytes: rendition.bytes.length,
          })),
        });
      }
    } catch (error) {
      await this.removeUnreferenced(written);
      if (error instanceof MediaError) {
        throw new JobFailure({
          code: 'API_ERROR',
          message: `${provider.displayName} returned an unusable image: ${error.message}`,
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
        {
          status: 'SUCCEEDED',
          stage: null,
          progress: 1,
          preview: null,
          finishedAt: 'now',
          provider: provider.id,
        },
        trx,
      );
      if (done) await images.insertMany(trx, rows);
      // "Send new images to this collection": they arrive there together with the gallery.
      if (done && job.input.collectionId) {
        await this.deps.collections.appendJobImages(trx, job.id, job.input.collectionId);
      }
      return done;
    });
    if (!finished) await this.removeUnreferenced(written); // canceled while saving
  }

  private async removeUnreferenced(keys: string[]): Promise<void> {
    const orphans = await this.deps.images.unreferencedBlobs(keys);
    await Promise.all(orphans.map((key) => this.deps.storage.delete(key)));
  }

  /**
   * Writes a job's progress in order: progress at most every PROGRESS_INTERVAL_MS (always keeping
   * the latest), stage changes and attempts at once.
   */
  private progressWriter(jobId: string): ProgressWriter {
    let pending: ProgressUpdate | null = null;
    // After a fallback, every later stage keeps saying why the job moved on.
    let note: string | null = null;
    let lastWrite = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const enqueue = (change: Parameters<JobRepository['transition']>[2]) => {
      writing = writing.then(() =>
        this.deps.jobs
          .transition(jobId, ['RUNNING'], change)
          .catch((error: unknown) => this.deps.logger.warn({ err: error, jobId }, 'progress write failed')),
      );
    };
    const write = () => {
      const update = pending;
      pending = null;
      if (!update) return;
      lastWrite = Date.now();
      enqueue({
        progress: Math.min(1, Math.max(0, update.progress)),
        stage: note ? `${update.stage} · ${note}` : update.stage,
        ...(update.preview &&
          update.preview.bytes.length <= MAX_PREVIEW_BYTES && {
            preview: `data:${update.preview.mime};base64,${update.preview.bytes.toString('base64')}`,
          }),
      });
    };
    return {
      update: (update: ProgressUpdate) => {
        pending = update;
        if (Date.now() - lastWrite >= PROGRESS_INTERVAL_MS) write();
      },
      stage: (stage: string, fallback?: { provider: string; note: string }) => {
        pending = null;
        if (fallback) note = fallback.note;
        enqueue({ stage, ...(fallback && { provider: fallback.provider, progress: 0, preview: null }) });
      },
      attempt: (attempt: Attempt) => enqueue({ attempt }),
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

interface ProgressWriter {
  update(update: ProgressUpdate): void;
  stage(stage: string, fallback?: { provider: string; note: string }): void;
  attempt(attempt: Attempt): void;
  flush(): Promise<void>;
}

type Sources = { source: SourceImage | null; styleReference: SourceImage | null; mask: SourceImage | null };

/** The provider call for a job: the model for its operation on this provider, and the request. */
function buildCall(job: JobRecord, provider: ImageProvider, sources: Sources) {
  const { input, kind } = job;
  if (kind === 'ENHANCE') {
    return {
      model: null,
      run: (context: RunContext) =>
        provider.enhance({ source: sources.source!, scale: input.scale ?? 2, prompt: input.prompt }, context),
    };
  }
  const model =
    (provider.id === input.provider && input.model
      ? findModel(provider.capabilities, input.model)
      : undefined) ?? modelFor(provider.capabilities, kind);
  if (!model) {
    return {
      model: null,
      run: () =>
        Promise.reject(
          new ProviderError({ code: 'UNSUPPORTED', message: `${provider.displayName} cannot do this` }),
        ),
    };
  }
  const { count, ...params } = adaptParams(input, model);
  const base = { prompt: input.prompt, model: model.id, params, count };
  const run = (context: RunContext): Promise<ProviderResult> => {
    switch (kind) {
      case 'GENERATE':
        return provider.generate(base, context);
      case 'VARIATION':
        return provider.vary(
          { ...base, source: sources.source!, strength: input.strength ?? 'SUBTLE' },
          context,
        );
      case 'RESTYLE':
        return provider.restyle(
          {
            ...base,
            source: sources.source!,
            styleText: input.styleText,
            styleReference: sources.styleReference,
          },
          context,
        );
      case 'EDIT':
        return provider.edit({ ...base, source: sources.source!, mask: sources.mask! }, context);
    }
  };
  return { model: model.id, run };
}

/** Seeds are shown and typed back as 32-bit integers; any other is kept in the params instead. */
function storableSeed(seed: number | null): number | null {
  return seed !== null && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED ? seed : null;
}

function reason(error: ProviderError): string {
  const words: Partial<Record<ProviderError['code'], string>> = {
    RATE_LIMIT: 'rate limited',
    INSUFFICIENT_CREDITS: 'out of credits',
    UNAUTHORIZED: 'key rejected',
    TIMEOUT: 'timed out',
    PROVIDER_UNAVAILABLE: 'unavailable',
    UNSUPPORTED: 'cannot do this',
  };
  return words[error.code] ?? error.message;
}

function paramsOf(input: JobInput): Record<string, unknown> {
  const params: Record<string, unknown> = {
    width: input.width,
    height: input.height,
    aspectRatio: input.aspectRatio,
    quality: input.quality,
    steps: input.steps,
    count: input.count,
    magicPrompt: input.magicPrompt,
    strength: input.strength,
    scale: input.scale,
    styleText: input.styleText,
  };
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null));
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
