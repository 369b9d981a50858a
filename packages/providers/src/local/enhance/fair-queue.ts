import { ProviderError } from '../../errors';

interface Waiting<T, R> {
  task: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

export interface FairQueue<T, R> {
  /** Runs `task` for `owner` when a slot frees up and it is `owner`'s turn; a queued task leaves on abort. */
  run(owner: object, task: T, signal: AbortSignal): Promise<R>;
  /** Tasks started and not yet settled. */
  readonly running: number;
}

/**
 * At most `slots` tasks at once, taken from the owners' queues in turn (round-robin), not first
 * come first served: a job queued behind another one's 36 tiles starts at once and both move at
 * half speed, instead of waiting for the first to end.
 */
export function createFairQueue<T, R>(slots: number, start: (task: T) => Promise<R>): FairQueue<T, R> {
  // The owner served least recently goes next, so owners alternate and a newcomer is served at the
  // next free slot.
  const owners = new Map<object, Waiting<T, R>[]>();
  const lastServed = new WeakMap<object, number>();
  let clock = 0;
  let running = 0;

  const next = (): Waiting<T, R> | undefined => {
    let chosen: object | undefined;
    for (const owner of owners.keys()) {
      const served = lastServed.get(owner) ?? 0;
      if (chosen === undefined || served < (lastServed.get(chosen) ?? 0)) chosen = owner;
    }
    if (chosen === undefined) return undefined;
    lastServed.set(chosen, ++clock);
    const queue = owners.get(chosen) as Waiting<T, R>[];
    const waiting = queue.shift();
    if (queue.length === 0) owners.delete(chosen);
    return waiting;
  };

  const pump = (): void => {
    while (running < slots) {
      const waiting = next();
      if (!waiting) break;
      waiting.signal.removeEventListener('abort', waiting.onAbort);
      running++;
      // A start that throws fails its own task only.
      new Promise<R>((resolve) => resolve(start(waiting.task)))
        .then(waiting.resolve, waiting.reject)
        .finally(() => {
          running--;
          pump();
        });
    }
  };

  const leave = (owner: object, waiting: Waiting<T, R>): void => {
    const queue = owners.get(owner);
    const at = queue?.indexOf(waiting) ?? -1;
    if (!queue || at < 0) return;
    queue.splice(at, 1);
    if (queue.length === 0) owners.delete(owner);
    waiting.reject(canceled());
  };

  return {
    run(owner, task, signal) {
      return new Promise<R>((resolve, reject) => {
        if (signal.aborted) {
          reject(canceled());
          return;
        }
        const waiting: Waiting<T, R> = {
          task,
          resolve,
          reject,
          signal,
          onAbort: () => leave(owner, waiting),
        };
        signal.addEventListener('abort', waiting.onAbort, { once: true });
        const queue = owners.get(owner);
        if (queue) queue.push(waiting);
        else owners.set(owner, [waiting]);
        pump();
      });
    },
    get running() {
      return running;
    },
  };
}

const canceled = () => new ProviderError({ code: 'CANCELED', message: 'The job was canceled' });
