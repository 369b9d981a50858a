import { Repeater } from '@repeaterjs/repeater';

/**
 * Runs `follow` over `events` as an iterator that stops the moment its reader leaves.
 *
 * An async generator takes `return()` only after its pending `next()` settles, so a generator
 * waiting for a person's next event would keep listening (and stay in memory) until that event
 * came, perhaps hours after the tab closed. Here the reader's `return()` ends `events` itself,
 * which wakes the waiting generator so that it finishes. `events` ends with `follow` in any case.
 */
export function closable<E, T>(
  events: Repeater<E>,
  follow: (events: Repeater<E>) => AsyncGenerator<T>,
): AsyncIterableIterator<T> {
  return new Repeater<T>(async (push, stop) => {
    void stop.then(() => events.return());
    try {
      for await (const value of follow(events)) await push(value);
    } finally {
      await events.return();
      stop();
    }
  });
}
