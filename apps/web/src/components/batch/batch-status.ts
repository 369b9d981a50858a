import type { BatchStatus } from '../../gql/graphql';

interface BatchLike {
  status: BatchStatus;
  counts: {
    total: number;
    queued: number;
    running: number;
    succeeded: number;
    failed: number;
    canceled: number;
  };
}

/** "3 of 4 done · 1 running", "All 4 done", "2 done, 1 failed" — the batch's state in words. */
export function batchStatusText({ status, counts }: BatchLike): string {
  const finished = counts.succeeded + counts.failed + counts.canceled;
  const tail = [
    counts.failed > 0 && `${counts.failed} failed`,
    counts.canceled > 0 && `${counts.canceled} canceled`,
  ].filter(Boolean);
  switch (status) {
    case 'QUEUED':
      return `Queued · ${counts.total} ${counts.total === 1 ? 'item' : 'items'} waiting`;
    case 'RUNNING':
      return [`${finished} of ${counts.total} done`, `${counts.running} running`, ...tail].join(' · ');
    case 'SUCCEEDED':
      return `All ${counts.total} done`;
    case 'FAILED':
      return [`${counts.succeeded} done`, ...tail].join(' · ') + ' — retry the failed ones';
    case 'CANCELED':
      return [`Canceled · ${counts.succeeded} done`, ...tail].join(' · ');
  }
}
