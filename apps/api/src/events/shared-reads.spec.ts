import { describe, expect, it } from 'vitest';
import { SharedReads } from './shared-reads';

describe('SharedReads', () => {
  it('reads once for every reader woken by the same event, and again for the next event', async () => {
    const reads = new SharedReads();
    let loads = 0;
    const load = async () => ++loads;
    const first = { imageId: 'a' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => reads.read(first, 'image:me:a', load)),
    );
    expect(new Set(answers)).toEqual(new Set([1]));
    expect(await reads.read({ imageId: 'a' }, 'image:me:a', load)).toBe(2);
  });

  it('keeps readers of different things, or of different people, apart', async () => {
    const reads = new SharedReads();
    const event = { since: new Date() };
    const mine = reads.read(event, 'job:me:1', async () => 'my job 1');
    const other = reads.read(event, 'job:me:2', async () => 'my job 2');
    const theirs = reads.read(event, 'job:them:1', async () => 'their job 1');
    expect(await Promise.all([mine, other, theirs])).toEqual(['my job 1', 'my job 2', 'their job 1']);
  });

  it('does not keep a failed read: the next try reads again', async () => {
    const reads = new SharedReads();
    const event = {};
    await expect(
      reads.read(event, 'k', async () => Promise.reject(new Error('database away'))),
    ).rejects.toThrow('database away');
    await Promise.resolve();
    expect(await reads.read(event, 'k', async () => 'back')).toBe('back');
  });
});
