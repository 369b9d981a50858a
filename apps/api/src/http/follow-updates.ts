/**
 * Follows `updates` (the same events the web app's subscriptions see) until `done` says so, the
 * wait `ms` is over, or `signal` aborts; returns the latest state seen.
 */
export async function follow<U, T>(
  first: T,
  updates: AsyncIterableIterator<U>,
  options: {
    pick(update: U): T;
    done(value: T): boolean;
    ms: number;
    signal: AbortSignal;
    onUpdate(value: T): Promise<void>;
  },
): Promise<T> {
  let latest = first;
  if (options.done(first)) {
    await updates.return?.();
    return latest;
  }
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<'stop'>((resolve) => {
    timer = setTimeout(() => resolve('stop'), options.ms);
    onAbort = () => resolve('stop');
    if (options.signal.aborted) resolve('stop');
    options.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    while (true) {
      const next = await Promise.race([updates.next(), stop]);
      if (next === 'stop' || next.done) break;
      latest = options.pick(next.value);
      await options.onUpdate(latest);
      if (options.done(latest)) break;
    }
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal.removeEventListener('abort', onAbort);
    await updates.return?.();
  }
  return latest;
}
