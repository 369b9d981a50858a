import type { Attempt, ProgressUpdate } from '@atelier/providers';
import type { JobChange, JobRepository } from '../../repositories/job.repository';
import type { Logger } from '../../logger';

// Progress writes are cheap but not free; people cannot see changes faster than this anyway.
const PROGRESS_INTERVAL_MS = 100;
const MAX_PREVIEW_BYTES = 48 * 1024;

/** What a run tells watchers as it goes; every write is the run's own (fenced by its id). */
export interface ProgressWriter {
  update(update: ProgressUpdate): void;
  stage(stage: string, fallback?: { provider: string; note: string }): void;
  /** A provider call began: remembered on the job, so it is not lost if this worker dies. */
  attemptStarted(provider: string, model: string | null, startedAt: Date): void;
  attemptEnded(attempt: Attempt): void;
  flush(): Promise<void>;
}

/**
 * Writes a job's progress in order: progress at most every PROGRESS_INTERVAL_MS (always keeping
 * the latest), stage changes and attempts at once. These writes only inform watchers: one that
 * fails (the database is away) is dropped, and the run's final write carries the whole truth.
 */
export function progressWriter(
  jobs: JobRepository,
  jobId: string,
  runnerId: string,
  logger: Logger,
): ProgressWriter {
  let pending: ProgressUpdate | null = null;
  // After a fallback, every later stage keeps saying why the job moved on.
  let note: string | null = null;
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const enqueue = (change: JobChange) => {
    writing = writing.then(() =>
      jobs
        .transition(jobId, ['RUNNING'], change, { runnerId })
        .catch((error: unknown) => logger.debug({ err: error, jobId }, 'progress write failed')),
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
    update: (update) => {
      pending = update;
      if (Date.now() - lastWrite >= PROGRESS_INTERVAL_MS) write();
    },
    stage: (stage, fallback) => {
      pending = null;
      if (fallback) note = fallback.note;
      enqueue({ stage, ...(fallback && { provider: fallback.provider, progress: 0, preview: null }) });
    },
    attemptStarted: (provider, model, startedAt) =>
      enqueue({ currentAttempt: { provider, model, startedAt } }),
    attemptEnded: (attempt) => enqueue({ attempt, currentAttempt: null }),
    flush: async () => {
      write();
      await writing;
    },
  };
}
