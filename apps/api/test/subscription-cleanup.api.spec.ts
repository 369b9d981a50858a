import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localId } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { GenerateImages, JobUpdated } from './support/operations';
import { subscribe } from './support/ws-client';

/*
 * A client that closes its socket (a tab closed, a script ended) must stop listening at once, not
 * when the next event of that person or job happens to arrive, which may be hours later.
 */

let stack: TestStack;
let url: string;

beforeAll(async () => {
  // No worker: queued jobs and batches stay unfinished, so their subscriptions stay open.
  stack = await createTestStack({ worker: false });
  url = (await stack.listen()).url;
});
afterAll(() => stack?.close());

const quick = { provider: 'local', width: 256, height: 256, steps: 1 };

async function queuedJob(viewer: Viewer): Promise<string> {
  const { data } = await stack.graphql(viewer, GenerateImages, {
    input: { ...quick, prompt: 'a still pond' },
  });
  return data.generateImages.id as string;
}

async function queuedBatch(viewer: Viewer): Promise<string> {
  const { data } = await stack.graphql(
    viewer,
    'mutation($input: CreateBatchInput!) { createBatch(input: $input) { ... on Batch { id } } }',
    { input: { ...quick, prompts: [{ prompt: 'one' }, { prompt: 'two' }] } },
  );
  return data.createBatch.id as string;
}

type Case = {
  field: string;
  topic: 'library' | 'image' | 'job' | 'batch';
  query: string;
  /** What the subscription is about: its variables, and the id its events are published under. */
  subject: (viewer: Viewer) => Promise<{ variables: Record<string, unknown>; id: string }>;
};

const cases: Case[] = [
  {
    field: 'libraryChanged',
    topic: 'library',
    query: 'subscription { libraryChanged { kind id } }',
    subject: async (viewer) => ({ variables: {}, id: viewer.id }),
  },
  {
    field: 'imageAdded',
    topic: 'image',
    query: 'subscription { imageAdded { id } }',
    subject: async (viewer) => ({ variables: {}, id: viewer.id }),
  },
  {
    field: 'imageUpdated',
    topic: 'image',
    query: 'subscription { imageUpdated { id } }',
    subject: async (viewer) => ({ variables: {}, id: viewer.id }),
  },
  {
    field: 'jobUpdated',
    topic: 'job',
    query: JobUpdated,
    subject: async (viewer) => {
      const id = await queuedJob(viewer);
      return { variables: { id }, id: localId(id) };
    },
  },
  {
    field: 'batchUpdated',
    topic: 'batch',
    query: 'subscription($id: ID!) { batchUpdated(id: $id) { batch { id status } } }',
    subject: async (viewer) => {
      const id = await queuedBatch(viewer);
      return { variables: { id }, id: localId(id) };
    },
  },
];

describe('a client that leaves stops listening', () => {
  it.each(cases)('$field', async ({ topic, query, subject }) => {
    const viewer = await stack.newUser();
    const { variables, id } = await subject(viewer);
    const subscription = subscribe(url, viewer, query, variables);
    const listening = () => stack.app.events.listeners(topic, id);
    await expect.poll(listening, { timeout: 10_000 }).toBe(1);

    await subscription.close();
    await expect.poll(listening, { timeout: 5_000 }).toBe(0);
  });
});
