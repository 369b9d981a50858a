import { ProviderError } from './errors';

/**
 * A weighted semaphore: at most `capacity` units in use; waiters are served in order. Providers
 * use it to stay under their account's concurrency limits, so bursts queue instead of failing.
 */
export class Semaphore {
  private used = 0;
  private readonly waiting: { weight: number; grant: () => void; fail: (error: Error) => void }[] = [];

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once `weight` units are free; rejects if `signal` aborts first. */
  acquire(weight: number, signal: AbortSignal): Promise<() => void> {
    const units = Math.min(Math.max(1, weight), this.capacity);
    const release = once(() => {
      this.used -= units;
      this.drain();
    });
    if (this.waiting.length === 0 && this.used + units <= this.capacity) {
      this.used += units;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const entry = {
        weight: units,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: reject,
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        reject(new ProviderError({ code: 'CANCELED', message: 'The job was canceled' }));
        this.drain();
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.used + this.waiting[0]!.weight <= this.capacity) {
      const next = this.waiting.shift()!;
      this.used += next.weight;
      next.grant();
    }
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
