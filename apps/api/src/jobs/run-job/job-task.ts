import type { JobKind } from '@atelier/domain';
import { z } from 'zod';
import type { TaskToEnqueue } from '../../repositories/queue.repository';
import { defineTask, queued } from '../kit';

const payload = z.object({ jobId: z.uuid() });

/**
 * A job runs as one of two tasks: work done on this machine's CPU (the local renderer, upscaling)
 * runs at about one per core, while waiting on a remote provider runs many at once; each task
 * type gets its own worker pool with its own concurrency.
 */
export const RunCpuJob = defineTask('run-cpu-job', payload);
export const RunRemoteJob = defineTask('run-remote-job', payload);

/** The local provider renders on this machine's CPU. */
const CPU_PROVIDER = 'local';
/** The provider id of ADJUST jobs and images: the editor's operations, run with sharp here. */
export const EDITOR_PROVIDER = 'editor';
/** Attempts a job's task gets (provider retries and fallbacks happen within one attempt). */
const MAX_ATTEMPTS = 3;

/** The key of the task running a job (graphile-worker `job_key`): the prefix, then the job id. */
export const jobTaskKeyPrefix = 'job:';

export function jobTaskKey(jobId: string): string {
  return `${jobTaskKeyPrefix}${jobId}`;
}

/**
 * The task that runs job `jobId`, for the caller to enqueue in the transaction that writes the
 * job: the CPU pool for local rendering, upscaling and edits, the remote pool for everything else.
 */
export function jobTask(kind: JobKind, providerId: string, jobId: string): TaskToEnqueue {
  const onCpu = providerId === CPU_PROVIDER || kind === 'ENHANCE' || kind === 'ADJUST';
  const task = onCpu ? RunCpuJob : RunRemoteJob;
  return queued(task, { jobId }, { key: jobTaskKey(jobId), maxAttempts: MAX_ATTEMPTS });
}
