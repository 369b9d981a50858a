import { setTimeout as delay } from 'node:timers/promises';
import { ServiceUnavailableError } from '@atelier/domain';

/** `read()`, or `fallback` when the database cannot be reached right now. */
export async function whenAvailable<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return fallback;
    throw error;
  }
}

const RETRY_READ_MS = 2_000;

/**
 * `read()`, read again while the database cannot be reached, each time after `wake` resolves
 * (say, a subscriber's next event: a resync comes when the database is back) or two seconds pass,
 * whichever is first. `wake` resolving false means nobody waits any more: then undefined.
 */
export async function readOnceAvailable<T>(
  read: () => Promise<T>,
  wake: () => Promise<boolean>,
): Promise<T | undefined> {
  while (true) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
    }
    const awake = await Promise.race([wake(), delay(RETRY_READ_MS, true)]);
    if (!awake) return undefined;
  }
}
