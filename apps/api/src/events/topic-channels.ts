import { Repeater } from '@repeaterjs/repeater';

/** A topic's arguments when published: the payload alone, or the id it concerns and the payload. */
type TopicArgs = [payload: unknown] | [id: string, payload: unknown];
type Payload<A extends TopicArgs> = A extends [string, infer P] ? P : A[0];
type SubscribeArgs<K, A extends TopicArgs> = A extends [string, unknown]
  ? [topic: K, id: string]
  : [topic: K];

/**
 * Events a subscriber may hold before the held ones are replaced by one resync. Held events are
 * shared with every other subscriber (8 bytes each here), and a watcher that reads per event falls
 * behind by a whole bulk change for a moment (500 images, several in a row): far more than that.
 */
export const MAX_EVENTS_BEHIND = 10_000;

interface Subscriber {
  deliver: (event: unknown) => void;
}

/**
 * Subscribers by topic (`image:<person>`, `job:<id>`, `resync`): an event wakes only the
 * subscribers of its own topic, rather than every listener of one EventTarget looking at each.
 *
 * A subscriber whose reader stopped taking events (its socket is slow) holds what arrives meanwhile,
 * up to MAX_EVENTS_BEHIND; past that, what it holds is dropped and it gets one `resync(since)`
 * instead, which every watcher already answers by reading the current state again (the same as
 * after a lost event connection). So a stuck reader costs a bounded amount of memory.
 */
export class TopicChannels<Topics extends Record<string, TopicArgs>, Resync> {
  private readonly channels = new Map<string, Set<Subscriber>>();

  /** `resync(firstMissedAt)`: what a subscriber gets instead of the events it was too slow for. */
  constructor(private readonly resync: (firstMissedAt: number) => Resync) {}

  publish<K extends keyof Topics & string>(topic: K, ...args: Topics[K]): void {
    const [key, event] = args.length === 2 ? [`${topic}:${args[0]}`, args[1]] : [topic, args[0]];
    const subscribers = this.channels.get(key);
    if (!subscribers) return;
    for (const subscriber of subscribers) subscriber.deliver(event);
  }

  /** Listens from its first `next()` (like any repeater), until `return()`. */
  subscribe<K extends keyof Topics & string>(
    ...[topic, id]: SubscribeArgs<K, Topics[K]>
  ): Repeater<Payload<Topics[K]> | Resync> {
    const key = id === undefined ? topic : `${topic}:${id}`;
    return new Repeater<Payload<Topics[K]> | Resync>(async (push, stop) => {
      const held: Payload<Topics[K]>[] = [];
      let missedSince: number | null = null;
      /** When `held` was last empty: no held event arrived before it. */
      let heldSince = 0;
      let wake: (() => void) | null = null;
      let stopped = false;
      const subscriber: Subscriber = {
        deliver: (event) => {
          if (missedSince === null) {
            if (held.length === 0) heldSince = Date.now();
            if (held.length < MAX_EVENTS_BEHIND) held.push(event as Payload<Topics[K]>);
            else {
              missedSince = heldSince;
              held.length = 0;
            }
          }
          wake?.();
        },
      };
      void stop.then(() => {
        stopped = true;
        wake?.();
      });
      this.join(key, subscriber);
      try {
        while (!stopped) {
          if (held.length === 0 && missedSince === null) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
            continue;
          }
          if (missedSince !== null) {
            const since = missedSince;
            missedSince = null;
            await push(this.resync(since));
          } else {
            await push(held.shift()!);
          }
        }
      } finally {
        this.leave(key, subscriber);
      }
    });
  }

  /** How many subscribers listen to one topic key (`image:<person>`, `resync`). */
  count(key: string): number {
    return this.channels.get(key)?.size ?? 0;
  }

  private join(key: string, subscriber: Subscriber): void {
    let subscribers = this.channels.get(key);
    if (!subscribers) {
      subscribers = new Set();
      this.channels.set(key, subscribers);
    }
    subscribers.add(subscriber);
  }

  private leave(key: string, subscriber: Subscriber): void {
    const subscribers = this.channels.get(key);
    if (!subscribers?.delete(subscriber)) return;
    // No empty set per person or job left behind once its last subscriber goes.
    if (subscribers.size === 0) this.channels.delete(key);
  }
}
