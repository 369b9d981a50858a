import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { subscribe, type Subscription } from './support/ws-client';

let stack: TestStack;
let url: string;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
  url = (await stack.listen()).url;
});
afterAll(() => stack?.close());

const Updated = `subscription { imageUpdated { id starred } }`;
const Star = `mutation($ids: [ID!]!, $starred: Boolean!) { setImagesStarred(ids: $ids, starred: $starred) { __typename } }`;
const TABS = 20;

interface Update {
  imageUpdated: { id: string; starred: boolean };
}

/** Stars and unstars a probe image until every tab has seen it: then all are listening. */
async function untilAllListen(me: Viewer, tabs: Subscription<Update>[]): Promise<void> {
  const probe = globalId('Image', (await newImage(stack.app, me, { prompt: 'a probe' })).id);
  for (let attempt = 0; attempt < 50; attempt++) {
    const starred = attempt % 2 === 0;
    await stack.graphql(me, Star, { ids: [probe], starred });
    const seen = await Promise.all(
      tabs.map((tab) =>
        tab
          .waitFor((p) => p.imageUpdated.id === probe && p.imageUpdated.starred === starred, 300)
          .then(
            () => true,
            () => false,
          ),
      ),
    );
    if (seen.every(Boolean)) return;
  }
  throw new Error('not every tab started listening');
}

describe('one change, many subscribers of one person', () => {
  it('executes once for all of them, reads the image once, and every one of them gets it', async () => {
    const me = await stack.newUser();
    const image = globalId(
      'Image',
      (await newImage(stack.app, me, { prompt: 'a lighthouse on a cliff' })).id,
    );
    const tabs = Array.from({ length: TABS }, () => subscribe<Update>(url, me, Updated, {}));
    await untilAllListen(me, tabs);
    // Twenty subscriptions with the same credentials and document: one execution, one listener.
    expect(stack.app.events.listeners('image', me.id)).toBe(1);
    const reads = vi.spyOn(stack.app.repositories.images, 'findAnyForOwner');

    await stack.graphql(me, Star, { ids: [image], starred: true });
    const updates = await Promise.all(
      tabs.map((tab) => tab.waitFor((p) => p.imageUpdated.id === image && p.imageUpdated.starred)),
    );

    expect(updates).toHaveLength(TABS);
    expect(reads.mock.calls.filter(([owner]) => owner === me.id)).toHaveLength(1);

    // Half the tabs leave: the others still get every change; the last to leave stops the listener.
    await Promise.all(tabs.slice(0, TABS / 2).map((tab) => tab.close()));
    await stack.graphql(me, Star, { ids: [image], starred: false });
    await Promise.all(
      tabs
        .slice(TABS / 2)
        .map((tab) => tab.waitFor((p) => p.imageUpdated.id === image && !p.imageUpdated.starred)),
    );
    await Promise.all(tabs.slice(TABS / 2).map((tab) => tab.close()));
    await vi.waitFor(() => expect(stack.app.events.listeners('image', me.id)).toBe(0));
  });

  it('keeps people apart: another person with the same subscription gets only their own changes', async () => {
    const me = await stack.newUser();
    const other = await stack.newUser();
    const mine = subscribe<Update>(url, me, Updated, {});
    const theirs = subscribe<Update>(url, other, Updated, {});
    await untilAllListen(me, [mine]);
    await untilAllListen(other, [theirs]);
    expect(stack.app.events.listeners('image', me.id)).toBe(1);
    expect(stack.app.events.listeners('image', other.id)).toBe(1);

    const image = globalId('Image', (await newImage(stack.app, me, { prompt: 'only mine' })).id);
    await stack.graphql(me, Star, { ids: [image], starred: true });
    await mine.waitFor((p) => p.imageUpdated.id === image);
    await expect(theirs.waitFor((p) => p.imageUpdated.id === image, 500)).rejects.toThrow();
    await Promise.all([mine.close(), theirs.close()]);
  });
});
