import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { subscribe } from './support/ws-client';

let stack: TestStack;
let url: string;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
  url = (await stack.listen()).url;
});
afterAll(() => stack?.close());

const Updated = `subscription { imageUpdated { id starred } }`;
const Star = `mutation($ids: [ID!]!) { setImagesStarred(ids: $ids, starred: true) { __typename } }`;
const TABS = 20;

describe('one change, many subscribers of one person', () => {
  it('reads the changed image once for all of them, and every one of them gets it', async () => {
    const me = await stack.newUser();
    const image = await newImage(stack.app, me, { prompt: 'a lighthouse on a cliff' });
    const tabs = Array.from({ length: TABS }, () => subscribe(url, me, Updated, {}));
    await vi.waitFor(() => expect(stack.app.events.listeners('image', me.id)).toBe(TABS), {
      timeout: 10_000,
    });
    const reads = vi.spyOn(stack.app.repositories.images, 'findAnyForOwner');

    const { data } = await stack.graphql(me, Star, { ids: [globalId('Image', image.id)] });
    expect(data.setImagesStarred.__typename).not.toBe('NotFoundError');
    const updates = await Promise.all(tabs.map((tab) => tab.waitFor((p) => p.imageUpdated.starred === true)));

    expect(updates.map((p) => p.imageUpdated.id)).toEqual(Array(TABS).fill(globalId('Image', image.id)));
    expect(reads.mock.calls.filter(([owner]) => owner === me.id)).toHaveLength(1);
    await Promise.all(tabs.map((tab) => tab.close()));
  });
});
