import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStack, type TestStack } from './support/harness';
import { GenerateImages } from './support/operations';
import { subscribe } from './support/ws-client';

// Every change of a job wakes every subscriber to it (each tab, client and assistant of its
// owner); each resolves the job's images. Those asking for the same job at the same state share one
// read, so a change costs one images query, not one per subscriber (which filled the pool in the
// topology run and turned subscriptions away).
let stack: TestStack;
let url: string;

beforeAll(async () => {
  stack = await createTestStack({ localStepMs: 150 });
  url = (await stack.listen()).url;
});
afterAll(() => stack?.close());

const Watch = `subscription($id: ID!) { jobUpdated(id: $id) { seq status images { id } } }`;
const SUBSCRIBERS = 20;

interface Update {
  jobUpdated: { seq: number; status: string; images: { id: string }[] };
}

describe("a job's images for many subscribers", () => {
  it('are read once per change for all of them, and every one gets them', async () => {
    const me = await stack.newUser();
    const { data } = await stack.graphql(me, GenerateImages, {
      input: { prompt: 'a harbour at dawn', provider: 'local', count: 1, width: 256, height: 256 },
    });
    const id = data.generateImages.id as string;
    const tabs = Array.from({ length: SUBSCRIBERS }, () => subscribe<Update>(url, me, Watch, { id }));
    await Promise.all(tabs.map((tab) => tab.waitFor(() => true)));
    const reads = vi.spyOn(stack.app.repositories.images, 'imagesOfJobs');
    const seenBefore = new Set(tabs.flatMap((tab) => tab.received.map((p) => p.jobUpdated.seq)));

    const finals = await Promise.all(
      tabs.map((tab) => tab.waitFor((p) => p.jobUpdated.status === 'SUCCEEDED')),
    );
    expect(finals.every((p) => p.jobUpdated.images.length === 1)).toBe(true);
    expect(new Set(finals.map((p) => p.jobUpdated.images[0]!.id)).size).toBe(1);

    const changes = new Set(
      tabs.flatMap((tab) => tab.received.map((p) => p.jobUpdated.seq)).filter((seq) => !seenBefore.has(seq)),
    ).size;
    const mine = reads.mock.calls.filter(([owner]) => owner === me.id).length;
    expect(changes).toBeGreaterThan(0);
    // One read per change (a subscriber running late may read again once the shared read is over);
    // without sharing it would be one per subscriber per change.
    expect(mine).toBeLessThanOrEqual(changes * 2);
    expect(mine).toBeLessThan(changes * SUBSCRIBERS);
    await Promise.all(tabs.map((tab) => tab.close()));
  });
});
