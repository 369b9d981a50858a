import { z } from 'zod';
import type { JobRunner } from './run-job/job-runner';
import { defineTask, implementTask } from './kit';

const payload = z.object({ jobId: z.uuid() });

/**
 * A job runs as one of two tasks: work done on this machine's CPU (the local renderer, upscaling)
 * runs at about one per core, while waiting on a remote provider runs many at once; each task
 * type gets its own worker pool with its own concurrency.
 */
export const RunLocalJob = defineTask('run-local-job', payload);
export const RunRemoteJob = defineTask('run-remote-job', payload);

export function runJobTasks(runner: JobRunner) {
  return [RunLocalJob, RunRemoteJob].map((definition) =>
    implementTask(definition, ({ jobId }, helpers) =>
      runner.run(jobId, {
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        shutdown: helpers.abortSignal,
      }),
    ),
  );
}
