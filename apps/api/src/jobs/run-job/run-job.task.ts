import { implementTask } from '../kit';
import type { JobRunner } from './job-runner';
import { RunCpuJob, RunRemoteJob } from './job-task';

/** Both job tasks run a job with the runner; they differ only in the pool that takes them. */
export function runJobTasks(runner: JobRunner) {
  return [RunCpuJob, RunRemoteJob].map((definition) =>
    implementTask(definition, ({ jobId }, helpers) =>
      runner.run(jobId, {
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        shutdown: helpers.abortSignal,
      }),
    ),
  );
}
