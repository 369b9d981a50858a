import { setTimeout as delay } from 'node:timers/promises';
import { ServiceUnavailableError } from '@atelier/domain';

const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 5_000;

/**
 * Runs `work`, and while it fails because the database is unreachable, runs it again after a
 * capped, jittered wait, for as long as the outage lasts; `signal` gives up (an AbortError).
 * Only for work that is safe to repeat: a write whose commit was lost must be one that finds
 * itself already done (a guarded status transition, say).
 */
export async function retryWhileUnavailable<T>(work: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    signal.throwIfAborted();
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
      const ceiling = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** attempt);
      await delay(Math.round(ceiling * (0.5 + Math.random() / 2)), undefined, { signal });
    }
  }
}
