import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_BEHIND, TopicChannels } from './topic-channels';

type Topics = {
  image: [ownerId: string, event: { n: number }];
  resync: [event: { since: number }];
};

const channels = () => new TopicChannels<Topics, { since: number }>((at) => ({ since: at }));
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('TopicChannels', () => {
  it('gives an event only to the subscribers of its own topic and id', async () => {
    const topics = channels();
    const mine = topics.subscribe('image', 'me');
    const theirs = topics.subscribe('image', 'you');
    const resyncs = topics.subscribe('resync');
    const [nextMine, nextTheirs, nextResync] = [mine.next(), theirs.next(), resyncs.next()];
    await turn();
    topics.publish('image', 'me', { n: 1 });
    topics.publish('resync', { since: 5 });
    topics.publish('image', 'you', { n: 2 });
    expect((await nextMine).value).toEqual({ n: 1 });
    expect((await nextTheirs).value).toEqual({ n: 2 });
    expect((await nextResync).value).toEqual({ since: 5 });
    await Promise.all([mine.return(), theirs.return(), resyncs.return()]);
  });

  it('keeps order, and forgets a topic once its last subscriber leaves', async () => {
    const topics = channels();
    const a = topics.subscribe('image', 'me');
    const b = topics.subscribe('image', 'me');
    const firstA = a.next();
    const firstB = b.next();
    await turn();
    expect(topics.count('image:me')).toBe(2);
    for (let n = 1; n <= 3; n++) topics.publish('image', 'me', { n });
    expect((await firstA).value).toEqual({ n: 1 });
    expect((await a.next()).value).toEqual({ n: 2 });
    expect((await a.next()).value).toEqual({ n: 3 });
    expect((await firstB).value).toEqual({ n: 1 });
    await a.return();
    expect(topics.count('image:me')).toBe(1);
    await b.return();
    expect(topics.count('image:me')).toBe(0);
  });

  it('replaces what a subscriber that stopped reading holds by one resync, from before the first it missed', async () => {
    const topics = channels();
    const slow = topics.subscribe('image', 'me');
    const first = slow.next();
    await turn();
    topics.publish('image', 'me', { n: 0 });
    expect((await first).value).toEqual({ n: 0 });
    // The reader takes nothing more (its socket is full) while events keep coming.
    const before = Date.now();
    for (let n = 1; n <= MAX_EVENTS_BEHIND + 10; n++) topics.publish('image', 'me', { n });
    // Everything it held collapsed into one resync, dated no later than the first it missed.
    const { value } = await slow.next();
    expect(value).toEqual({ since: expect.any(Number) });
    expect((value as { since: number }).since).toBeLessThanOrEqual(before + 1);
    // Then it follows live again.
    const next = slow.next();
    topics.publish('image', 'me', { n: 99 });
    expect((await next).value).toEqual({ n: 99 });
    await slow.return();
    expect(topics.count('image:me')).toBe(0);
  });
});
