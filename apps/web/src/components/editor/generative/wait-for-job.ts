import type { Client } from 'urql';
import type { JobCard_JobFragment } from '../../../gql/graphql';
import { JobWatcher_JobUpdated } from '../../job/job-watcher';

/** A job ended without images: failed or canceled. */
export class JobEndedError extends Error {
  constructor(readonly job: JobCard_JobFragment) {
    super(
      job.status === 'CANCELED'
        ? 'The job was canceled.'
        : (job.error?.message ?? 'The job failed without saying why.'),
    );
    this.name = 'JobEndedError';
  }
}

/**
 * Follows a job until it ends: `jobUpdated` sends its state now and on every change (through the
 * cache, so every card follows too). Resolves with the finished job; rejects when it fails, is
 * canceled, or the subscription errs. `signal` stops following (the promise then never settles).
 */
export function waitForJob(
  client: Client,
  id: string,
  { onUpdate, signal }: { onUpdate?: (job: JobCard_JobFragment) => void; signal?: AbortSignal } = {},
): Promise<JobCard_JobFragment> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return;
    let done = false;
    const finish = () => {
      done = true;
      // Unsubscribing inside the callback that delivered the result is safe in wonka.
      queueMicrotask(() => subscription.unsubscribe());
    };
    const subscription = client.subscription(JobWatcher_JobUpdated, { id }).subscribe((result) => {
      if (done) return;
      if (result.error) {
        finish();
        reject(result.error);
        return;
      }
      const job = result.data?.jobUpdated;
      if (!job) return;
      onUpdate?.(job);
      if (job.status === 'SUCCEEDED') {
        finish();
        resolve(job);
      } else if (job.status === 'FAILED' || job.status === 'CANCELED') {
        finish();
        reject(new JobEndedError(job));
      }
    });
    signal?.addEventListener('abort', () => {
      done = true;
      subscription.unsubscribe();
    });
  });
}
