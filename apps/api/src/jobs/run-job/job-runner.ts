import { randomUUID } from 'node:crypto';
import type { ImageRecord, JobInput, JobRecord } from '@atelier/domain';
import {
  type Attempt,
  type ImageProvider,
  ProviderError,
  type ProviderImage,
  type ProviderResult,
  type RunContext,
  runWithFallback,
  type SourceImage,
} from '@atelier/providers';
import { Repeater } from '@repeaterjs/repeater';
import { retryWhileUnavailable } from '../../db/retry-while-unavailable';
import { type EventBus, isResync } from '../../events/event-bus';
import type { Logger } from '../../logger';
import type { JobRepository } from '../../repositories/job.repository';
import type { QueueRepository } from '../../repositories/queue.repository';
import type { Storage, StoredMime } from '../../repositories/storage.repository';
import type { ImageRepository } from '../../repositories/image.repository';
import { jobTaskKey } from './job-task';
import type { ProviderRegistry } from '../../providers/provider-registry';
import { JobFailure, jobFailure, toErrorPayload } from './job-failure';
import { runEdits } from './edit-run';
import { OutputStore, type OutputStoreDeps } from './output-store';
import { progressWriter, type ProgressWriter } from './progress-writer';
import { buildCall, reason, retriedCall, type Sources } from './provider-call';

/** Retries per provider for retryable failures, before moving down the fallback chain. */
const RETRY_POLICY = { retries: 2, baseMs: 1_000, capMs: 60_000 };
/** A job whose worker stopped under it this often is not tried again (it may be what stops them). */
export const MAX_INTERRUPTIONS = 5;
const INTERRUPTED_MESSAGE = 'The worker running the job stopped before the call ended';

export interface RunOptions {
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker shuts down: the job goes back to the queue, not failed. */
  shutdown: AbortSignal;
}

export interface JobRunnerDeps extends OutputStoreDeps {
  jobs: JobRepository;
  images: ImageRepository;
  storage: Storage;
  queue: QueueRepository;
  providers: ProviderRegistry;
  events: EventBus;
  logger: Logger;
}

/**
 * Runs jobs on a worker: calls the providers (retrying and falling back as configured), stores the
 * results and marks the job terminal. Each run owns its job by a fresh id, so a run given up for
 * dead cannot write over the one that took the job over. A database outage does not fail a job:
 * the run waits for the database to come back and carries on (the provider is not called again).
 * Throws only to ask graphile-worker for another attempt.
 */
export class JobRunner {
  private readonly outputs: OutputStore;

  constructor(private readonly deps: JobRunnerDeps) {
    this.outputs = new OutputStore(deps);
  }

  async run(jobId: string, options: RunOptions): Promise<void> {
    const { jobs, logger } = this.deps;
    const runnerId = randomUUID();
    const untilUp = <T>(work: () => Promise<T>) => retryWhileUnavailable(work, options.shutdown);
    const job = await untilUp(() =>
      jobs.transition(jobId, ['QUEUED', 'RUNNING'], {
        status: 'RUNNING',
        stage: options.attempt > 1 ? `attempt ${options.attempt} of ${options.maxAttempts}` : 'starting',
        progress: 0,
        startedAt: 'now',
        runnerId,
        interruptCurrentAttempt: INTERRUPTED_MESSAGE,
      }),
    );
    if (!job) return; // canceled, or already finished by an earlier attempt
    const attempts = [...job.attempts];
    const finish = (change: Parameters<JobRepository['transition']>[2]) =>
      untilUp(() =>
        jobs.transition(
          jobId,
          ['RUNNING'],
          { ...change, attempts, currentAttempt: null, preview: null, finishedAt: 'now', runnerId: null },
          { runnerId },
        ),
      );
    if (interruptions(attempts) >= MAX_INTERRUPTIONS) {
      await finish({
        status: 'FAILED',
        stage: null,
        error: toErrorPayload(
          jobFailure(
            'API_ERROR',
            `The job was interrupted ${MAX_INTERRUPTIONS} times; it was not tried again`,
            {
              retryable: true,
            },
          ),
        ),
      });
      return;
    }

    const log = logger.child({ jobId, attempt: options.attempt });
    const cancel = new AbortController();
    const cancellation = this.abortWhenCanceled(jobId, cancel);
    const progress = progressWriter(jobs, jobId, runnerId, log);
    const signal = AbortSignal.any([cancel.signal, options.shutdown]);
    if (attempts.at(-1)?.outcome === 'INTERRUPTED') progress.stage('resuming after an interrupted run');
    const recordAttempt = (attempt: Attempt) => {
      const interrupted =
        attempt.outcome === 'CANCELED' && options.shutdown.aborted && !cancel.signal.aborted;
      const recorded: Attempt = interrupted
        ? { ...attempt, outcome: 'INTERRUPTED', message: 'The worker stopped; the job was queued again' }
        : attempt;
      attempts.push(recorded);
      progress.attemptEnded(recorded);
    };
    const finished: FinishedImages = { provider: null, images: [] };
    const run = { runnerId, attempts, signal: options.shutdown };
    try {
      if (job.kind === 'ADJUST') {
        await runEdits(this.deps, this.outputs, job, progress, signal, run);
        return;
      }
      const sources = await untilUp(() => this.loadSources(job.input, job.ownerId));
      const { provider, result } = await this.callProviders(
        job,
        sources,
        progress,
        recordAttempt,
        finished,
        signal,
      );
      progress.update({ progress: 1, stage: 'saving' });
      await progress.flush();
      const outputs = await this.outputs.write(job, provider, result);
      await this.outputs.commit(job, provider, outputs, run);
    } catch (error) {
      await progress.flush();
      if (cancel.signal.aborted) {
        await this.endCanceled(job, finished, run, log);
        return;
      }
      if (options.shutdown.aborted) {
        await this.requeueOnShutdown(jobId, runnerId, attempts, log);
        throw error;
      }
      const payload = toErrorPayload(error);
      if (!(error instanceof ProviderError) && !(error instanceof JobFailure)) {
        log.error({ err: error }, 'job failed');
      }
      if (payload.retryable && options.attempt < options.maxAttempts && !(error instanceof ProviderError)) {
        log.warn({ err: error }, 'job attempt failed; will retry');
        progress.stage(`retrying after: ${payload.message}`);
        await progress.flush();
        throw error;
      }
      await finish({ status: 'FAILED', stage: null, error: payload });
    } finally {
      cancellation.stop();
    }
  }

  /**
   * The job left RUNNING when it was canceled, so the run's own writes no longer land: keep the
   * images the call had finished and record every call made, the one cut short included; then let
   * the job go, which tells its watchers it has settled.
   */
  private async endCanceled(
    job: JobRecord,
    finished: FinishedImages,
    run: { runnerId: string; attempts: Attempt[]; signal: AbortSignal },
    log: Logger,
  ): Promise<void> {
    const { provider, images } = finished;
    if (provider && images.length > 0) {
      try {
        const result = { images, withheld: 0, costUsd: null, providerMs: null };
        const outputs = await this.outputs.write(job, provider, result);
        if (await this.outputs.commit(job, provider, outputs, run)) return;
      } catch (error) {
        log.warn({ err: error }, 'could not keep the images a canceled job had finished');
      }
    }
    const change = { attempts: run.attempts, currentAttempt: null, runnerId: null };
    await retryWhileUnavailable(
      () => this.deps.jobs.transition(job.id, ['CANCELED'], change, { runnerId: run.runnerId }),
      run.signal,
    ).catch((failure: unknown) => log.warn({ err: failure }, 'could not record the calls of a canceled job'));
  }

  /**
   * The worker is shutting down mid-job: the job goes back to the queue at once (with its attempts
   * so far), and its task gets back the attempt it used, since stopping was not the job's fault.
   * Best effort: if the database is away too, the lease sweep of another worker does this.
   */
  private async requeueOnShutdown(jobId: string, runnerId: string, attempts: Attempt[], log: Logger) {
    try {
      await this.deps.jobs.transition(
        jobId,
        ['RUNNING'],
        {
          status: 'QUEUED',
          stage: 'interrupted — queued again',
          progress: 0,
          preview: null,
          attempts,
          currentAttempt: null,
          runnerId: null,
        },
        { runnerId },
      );
      await this.deps.queue.giveBackAttempt(jobTaskKey(jobId));
    } catch (error) {
      log.warn({ err: error }, 'could not queue an interrupted job again; the lease sweep will');
    }
  }

  /** The job's providers in order — its first choice, then its fallbacks — skipping any this worker lacks. */
  private chainOf(job: JobRecord): ImageProvider[] {
    const chain = [job.input.provider, ...job.input.fallbackProviders]
      .map((id) => this.deps.providers.find(id))
      .filter((provider): provider is ImageProvider => provider !== undefined);
    if (chain.length === 0) {
      throw jobFailure(
        'PROVIDER_UNAVAILABLE',
        `Provider "${job.input.provider}" is not configured on this worker`,
      );
    }
    return chain;
  }

  private callProviders(
    job: JobRecord,
    sources: Sources,
    progress: ProgressWriter,
    onAttempt: (attempt: Attempt) => void,
    finished: FinishedImages,
    signal: AbortSignal,
  ): Promise<{ provider: ImageProvider; result: ProviderResult }> {
    return runWithFallback(
      this.chainOf(job),
      (provider) => {
        const call = buildCall(job, provider, sources);
        // Only the call in flight can be cut short: an earlier one that failed left nothing.
        finished.provider = provider;
        finished.images = [];
        const context: RunContext = {
          signal,
          onProgress: (update) => progress.update(update),
          onImage: (image) => finished.images.push(image),
          // The provider sends again by itself: the failed request is an attempt, and the call goes on.
          onRetriedCall: (error, startedAt) => {
            onAttempt(retriedCall(provider.id, call.model, error, startedAt));
            progress.attemptStarted(provider.id, call.model, new Date());
          },
        };
        return { model: call.model, result: call.run(context) };
      },
      {
        signal,
        policy: RETRY_POLICY,
        onAttemptStart: (provider, model, startedAt) =>
          progress.attemptStarted(provider.id, model, startedAt),
        onAttempt,
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

  private async loadSources(input: JobInput, ownerId: string): Promise<Sources> {
    const load = async (imageId: string | null): Promise<SourceImage | null> => {
      if (!imageId) return null;
      const [image] = await this.deps.images.findManyForOwner(ownerId, [imageId]);
      if (!image) throw jobFailure('NOT_FOUND', 'The source image was deleted');
      return this.readImage(image);
    };
    const maskBytes = input.maskBlobKey ? await this.deps.storage.read(input.maskBlobKey) : null;
    if (input.maskBlobKey && !maskBytes) throw jobFailure('STORAGE_ERROR', 'The mask file is missing');
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
    if (!bytes) throw jobFailure('STORAGE_ERROR', 'The source image file is missing');
    return { bytes, mime: image.mime as StoredMime, width: image.width, height: image.height };
  }

  /** Aborts the provider call as soon as anyone, on any process, cancels the job. */
  private abortWhenCanceled(jobId: string, abort: AbortController) {
    const { pubsub } = this.deps.events;
    const wakeups = Repeater.merge([pubsub.subscribe('job', jobId), pubsub.subscribe('resync')]);
    const canceled = async (event: { status: string } | object): Promise<boolean> => {
      if (!isResync(event)) return (event as { status: string }).status === 'CANCELED';
      // After a reconnect events may have been lost: read the row (if the database lets us).
      const job = await this.deps.jobs.findById(jobId).catch(() => null);
      return job?.status === 'CANCELED';
    };
    const follow = async () => {
      for await (const event of wakeups) {
        if (await canceled(event)) return abort.abort();
      }
    };
    follow().catch((error: unknown) =>
      this.deps.logger.warn({ err: error, jobId }, 'cancellation watch failed'),
    );
    return { stop: () => void wakeups.return() };
  }
}

/** The images the provider call in flight has finished so far. */
interface FinishedImages {
  provider: ImageProvider | null;
  images: ProviderImage[];
}

function interruptions(attempts: readonly Attempt[]): number {
  return attempts.filter((attempt) => attempt.outcome === 'INTERRUPTED').length;
}
