import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from './support/harness';
import { subscribe, type Subscription } from './support/ws-client';

let stack: TestStack;
let url: string;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
  url = (await stack.listen()).url;
});
afterAll(() => stack?.close());

const Changed = `subscription { libraryChanged { kind id removed } }`;

interface Change {
  libraryChanged: { kind: string; id: string; removed: boolean };
}

async function mutate(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const { data, errors } = await stack.graphql(viewer, query, variables);
  expect(errors).toBeUndefined();
  return data;
}

const savePrompt = (viewer: Viewer, title: string) =>
  mutate(
    viewer,
    'mutation($input: SavePromptInput!) { savePrompt(input: $input) { __typename ... on SavedPrompt { id } } }',
    { input: { title, prompt: `${title}, in watercolour` } },
  ).then((data) => data.savePrompt.id as string);

/** A subscription is live once a probe saved prompt of the viewer's arrives on it. */
async function untilListening(subscription: Subscription<Change>, viewer: Viewer): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await savePrompt(viewer, `probe ${attempt}`);
    try {
      await subscription.waitFor((p) => p.libraryChanged.id === probe, 200);
      return;
    } catch {
      // not listening yet
    }
  }
  throw new Error('subscription never started');
}

describe('library: live in every tab', () => {
  it('tells the owner, and only the owner, when a collection is made, renamed or deleted', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const mine = subscribe<Change>(url, me, Changed, {});
    const theirs = subscribe<Change>(url, stranger, Changed, {});
    try {
      await untilListening(mine, me);
      await untilListening(theirs, stranger);
      const before = theirs.received.length;

      const created = await mutate(
        me,
        'mutation($input: CreateCollectionInput!) { createCollection(input: $input) { __typename ... on Collection { id } } }',
        { input: { name: 'Harbours' } },
      );
      const id = created.createCollection.id as string;
      expect(await mine.waitFor((p) => p.libraryChanged.id === id)).toEqual({
        libraryChanged: { kind: 'COLLECTION', id, removed: false },
      });

      await mutate(
        me,
        'mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { __typename } }',
        { input: { id, name: 'Harbours at dawn' } },
      );
      await mutate(me, 'mutation($id: ID!) { deleteCollection(id: $id) { __typename } }', { id });
      await mine.waitFor((p) => p.libraryChanged.id === id && p.libraryChanged.removed);
      const aboutIt = mine.received.filter((p) => p.libraryChanged.id === id);
      expect(aboutIt.length).toBeGreaterThanOrEqual(3);

      expect(theirs.received.slice(before).map((p) => p.libraryChanged.id)).not.toContain(id);
    } finally {
      await Promise.all([mine.close(), theirs.close()]);
    }
  });

  it('names saved prompts by the id their `id` field gives', async () => {
    const me = await stack.newUser();
    const mine = subscribe<Change>(url, me, Changed, {});
    try {
      await untilListening(mine, me);
      const id = await savePrompt(me, 'a fox in the snow');
      expect(await mine.waitFor((p) => p.libraryChanged.id === id)).toEqual({
        libraryChanged: { kind: 'SAVED_PROMPT', id, removed: false },
      });
      await mutate(me, 'mutation($id: ID!) { deleteSavedPrompt(id: $id) { __typename } }', { id });
      await mine.waitFor((p) => p.libraryChanged.id === id && p.libraryChanged.removed);
    } finally {
      await mine.close();
    }
  });
});
