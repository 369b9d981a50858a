import type { Viewer } from '@atelier/domain';
import { createLocalProvider, type ImageProvider, ProviderError } from '@atelier/providers';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { type FakeProviders, startFakeProviders } from './support/fake-providers';
import { createTestStack, type TestStack } from './support/harness';
import { subscribe } from './support/ws-client';

let stack: TestStack;
let server: RunningServer;
let fakes: FakeProviders;
/** While true, the local provider refuses prompts that say "refuse me" (a request fault: no retries). */
let refusing = true;

/** Local rendering, slow enough per step to cancel mid-way, refusing some prompts on demand. */
function testLocal(): ImageProvider {
  const inner = createLocalProvider({ stepDelayMs: 60 });
  return {
    ...inner,
    availability: () => inner.availability(),
    generate: (request, context) =>
      refusing && request.prompt.includes('refuse me')
        ? Promise.reject(new ProviderError({ code: 'CONTENT_FILTER', message: 'refused on purpose' }))
        : inner.generate(request, context),
  };
}

beforeAll(async () => {
  fakes = await startFakeProviders();
  const providers = [testLocal(), ...fakes.providers.filter((provider) => provider.id !== 'local')];
  stack = await createTestStack({ providers });
  server = await stack.listen();
});
afterAll(async () => {
  await stack?.close();
  await fakes?.close();
});

const BatchFields = /* GraphQL */ `
  fragment BatchFields on Batch {
    id
    kind
    title
    status
    progress
    canceledAt
    counts {
      total
      queued
      running
      succeeded
      failed
      canceled
    }
    collection {
      name
    }
    items {
      edges {
        node {
          index
          prompt
          target {
            provider
            model
          }
          values {
            name
            value
          }
          job {
            id
            status
            input {
              prompt
              provider
              seed
              negativePrompt
            }
            images {
              id
            }
          }
        }
      }
    }
  }
`;

const CreateBatch = /* GraphQL */ `
  mutation CreateBatch($input: CreateBatchInput!) {
    createBatch(input: $input) {
      __typename
      ... on Batch {
        ...BatchFields
      }
      ... on Error {
        code
        message
      }
      ... on InvalidInputError {
        issues {
          field
          message
        }
      }
    }
  }
  ${BatchFields}
`;

const BatchQuery = /* GraphQL */ `
  query Batch($id: ID!) {
    batch(id: $id) {
      ...BatchFields
    }
  }
  ${BatchFields}
`;

const BatchesQuery = /* GraphQL */ `
  query Batches {
    batches {
      edges {
        node {
          id
          title
        }
      }
    }
  }
`;

const CancelBatch = /* GraphQL */ `
  mutation CancelBatch($id: ID!) {
    cancelBatch(id: $id) {
      __typename
      ... on Batch {
        ...BatchFields
      }
      ... on Error {
        code
      }
    }
  }
  ${BatchFields}
`;

const RetryFailed = /* GraphQL */ `
  mutation RetryFailed($id: ID!) {
    retryFailedBatchItems(id: $id) {
      __typename
      ... on Batch {
        ...BatchFields
      }
      ... on Error {
        code
      }
    }
  }
  ${BatchFields}
`;

const BatchUpdated = /* GraphQL */ `
  subscription BatchUpdated($id: ID!) {
    batchUpdated(id: $id) {
      batch {
        id
        status
        progress
        counts {
          total
          succeeded
          failed
          canceled
        }
      }
      job {
        id
        status
      }
    }
  }
`;

const fast = { provider: 'local', width: 256, height: 256, steps: 1 };

async function createBatch(viewer: Viewer, input: Record<string, unknown>) {
  const { data, errors } = await stack.graphql(viewer, CreateBatch, { input });
  expect(errors).toBeUndefined();
  return data.createBatch;
}

async function readBatch(viewer: Viewer, id: string) {
  const { data } = await stack.graphql(viewer, BatchQuery, { id });
  return data.batch;
}

/** Every update until the batch has nothing left to run. */
function followToEnd(viewer: Viewer, id: string): Promise<any[]> {
  return subscribe(server.url, viewer, BatchUpdated, { id }).done.then((all) =>
    all.map((payload) => payload.batchUpdated),
  );
}

async function rowsOf(viewer: Viewer): Promise<{ batches: number; jobs: number }> {
  const { rows } = await sql<{ batches: number; jobs: number }>`
    select (select count(*) from batch where owner_id = ${viewer.id})::int as batches,
           (select count(*) from job where owner_id = ${viewer.id})::int as jobs`.execute(stack.app.db);
  return rows[0]!;
}

describe('createBatch', () => {
  it('queues one job per prompt, in order, and its progress reaches 1 as they finish', async () => {
    const me = await stack.newUser();
    const batch = await createBatch(me, {
      ...fast,
      prompts: [
        { prompt: 'red fox in snow' },
        { prompt: 'lighthouse at dusk', negativePrompt: 'people', seed: 42 },
        { prompt: 'desert dunes' },
      ],
    });
    expect(batch).toMatchObject({ __typename: 'Batch', kind: 'PROMPTS', counts: { total: 3 } });
    const items = batch.items.edges.map((edge: any) => edge.node);
    expect(items.map((item: any) => [item.index, item.prompt])).toEqual([
      [0, 'red fox in snow'],
      [1, 'lighthouse at dusk'],
      [2, 'desert dunes'],
    ]);
    expect(items[1].job.input).toMatchObject({ negativePrompt: 'people', seed: 42 });

    const updates = await followToEnd(me, batch.id);
    const progress = updates.map((update) => update.batch.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(updates.at(-1).batch).toMatchObject({
      status: 'SUCCEEDED',
      progress: 1,
      counts: { total: 3, succeeded: 3, failed: 0 },
    });
    const done = await readBatch(me, batch.id);
    for (const edge of done.items.edges) expect(edge.node.job.images).toHaveLength(1);
    const history = await stack.graphql(me, '{ promptHistory(first: 10) { edges { node { prompt } } } }');
    expect(history.data.promptHistory.edges.map((edge: any) => edge.node.prompt).sort()).toEqual([
      'desert dunes',
      'lighthouse at dusk',
      'red fox in snow',
    ]);
  });

  it('runs one prompt on every compare target, each item naming its target', async () => {
    const me = await stack.newUser();
    const batch = await createBatch(me, {
      width: 512,
      height: 512,
      compare: {
        prompt: 'a teapot on a wooden table',
        targets: [{ provider: 'local' }, { provider: 'flux', model: 'flux-pro-1.1' }],
      },
    });
    expect(batch).toMatchObject({ __typename: 'Batch', kind: 'COMPARE', counts: { total: 2 } });
    expect(batch.items.edges.map((edge: any) => edge.node.target)).toEqual([
      { provider: 'local', model: null },
      { provider: 'flux', model: 'flux-pro-1.1' },
    ]);
    const updates = await followToEnd(me, batch.id);
    expect(updates.at(-1).batch).toMatchObject({ status: 'SUCCEEDED', counts: { succeeded: 2 } });
    const done = await readBatch(me, batch.id);
    expect(done.items.edges.map((edge: any) => edge.node.job.input.provider)).toEqual(['local', 'flux']);
  });

  it('expands a template matrix: 2 × 2 values make 4 items, each with its values', async () => {
    const me = await stack.newUser();
    const { data } = await stack.graphql(
      me,
      /* GraphQL */ `
        mutation ($input: CreateTemplateInput!) {
          createTemplate(input: $input) {
            __typename
            ... on PromptTemplate {
              id
            }
          }
        }
      `,
      {
        input: {
          name: 'Animals',
          body: 'a {animal} in the {place}',
          variables: [
            { name: 'animal', type: 'TEXT' },
            { name: 'place', type: 'CHOICE', options: ['forest', 'city', 'sea'] },
          ],
        },
      },
    );
    const templateId = data.createTemplate.id;
    const batch = await createBatch(me, {
      ...fast,
      matrix: {
        templateId,
        values: [
          { name: 'animal', options: ['fox', 'owl'] },
          { name: 'place', options: ['forest', 'city'] },
        ],
      },
    });
    expect(batch).toMatchObject({ __typename: 'Batch', kind: 'MATRIX', counts: { total: 4 } });
    expect(batch.items.edges.map((edge: any) => edge.node.prompt)).toEqual([
      'a fox in the forest',
      'a fox in the city',
      'a owl in the forest',
      'a owl in the city',
    ]);
    expect(batch.items.edges[3].node.values).toEqual([
      { name: 'animal', value: 'owl' },
      { name: 'place', value: 'city' },
    ]);
    const updates = await followToEnd(me, batch.id);
    expect(updates.at(-1).batch).toMatchObject({ status: 'SUCCEEDED', counts: { succeeded: 4 } });
    const { data: made } = await stack.graphql(
      me,
      /* GraphQL */ `
        query ($id: ID!) {
          batch(id: $id) {
            items {
              edges {
                node {
                  job {
                    images {
                      template {
                        template {
                          id
                        }
                        version
                        values
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { id: batch.id },
    );
    // Every image records the template, its version and the values it was made with.
    expect(made.batch.items.edges[3].node.job.images[0].template).toEqual({
      template: { id: templateId },
      version: 1,
      values: { animal: 'owl', place: 'city' },
    });
  });

  it('sends every image to a new collection named for the batch', async () => {
    const me = await stack.newUser();
    const batch = await createBatch(me, {
      ...fast,
      prompts: [{ prompt: 'green hills' }, { prompt: 'blue lake' }],
      newCollectionName: 'Landscapes',
    });
    expect(batch.collection).toEqual({ name: 'Landscapes' });
    await followToEnd(me, batch.id);
    const { data } = await stack.graphql(
      me,
      /* GraphQL */ `
        query ($id: ID!) {
          batch(id: $id) {
            collection {
              imageCount
            }
          }
        }
      `,
      { id: batch.id },
    );
    expect(data.batch.collection.imageCount).toBe(2);
  });

  it('names the bad item by its place and creates nothing', async () => {
    const me = await stack.newUser();
    const promptList = await createBatch(me, {
      ...fast,
      prompts: [{ prompt: 'fine' }, { prompt: 'also fine' }, { prompt: '   ' }, { prompt: 'fine again' }],
    });
    expect(promptList).toMatchObject({ __typename: 'InvalidInputError' });
    expect(promptList.issues.map((issue: any) => issue.field)).toEqual(['input.prompts.2.prompt']);

    const compare = await createBatch(me, {
      compare: { prompt: 'a cat', targets: [{ provider: 'local' }, { provider: 'local', model: 'nope' }] },
    });
    expect(compare).toMatchObject({ __typename: 'InvalidInputError' });
    expect(compare.issues.map((issue: any) => issue.field)).toEqual(['input.compare.targets.1.model']);

    const tooMany = await createBatch(me, {
      ...fast,
      prompts: Array.from({ length: 101 }, () => ({ prompt: 'a' })),
    });
    expect(tooMany.issues.map((issue: any) => issue.field)).toEqual(['input.prompts']);
    expect(await rowsOf(me)).toEqual({ batches: 0, jobs: 0 });
  });
  it('checks the daily image quota against the whole batch', async () => {
    const me = await stack.newUser();
    await stack.app.db.updateTable('appUser').set({ maxImagesPerDay: 2 }).where('id', '=', me.id).execute();
    const refused = await createBatch(me, {
      ...fast,
      prompts: [{ prompt: 'one' }, { prompt: 'two' }, { prompt: 'three' }],
    });
    expect(refused).toMatchObject({ __typename: 'QuotaExceededError', code: 'QUOTA_EXCEEDED' });
    expect(await rowsOf(me)).toEqual({ batches: 0, jobs: 0 });
  });
});

describe('cancelBatch and retryFailedBatchItems', () => {
  it('cancels every unfinished item', async () => {
    const me = await stack.newUser();
    const batch = await createBatch(me, {
      ...fast,
      steps: 50,
      prompts: [{ prompt: 'slow one' }, { prompt: 'slow two' }, { prompt: 'slow three' }],
    });
    const { data } = await stack.graphql(me, CancelBatch, { id: batch.id });
    expect(data.cancelBatch).toMatchObject({
      __typename: 'Batch',
      status: 'CANCELED',
      progress: 1,
      counts: { total: 3, canceled: 3, queued: 0, running: 0 },
    });
    expect(data.cancelBatch.canceledAt).not.toBeNull();
  });

  it('leaves a finished batch as it ended', async () => {
    const me = await stack.newUser();
    const batch = await createBatch(me, { ...fast, prompts: [{ prompt: 'done already' }] });
    await followToEnd(me, batch.id);
    const { data } = await stack.graphql(me, CancelBatch, { id: batch.id });
    expect(data.cancelBatch).toMatchObject({
      status: 'SUCCEEDED',
      canceledAt: null,
      counts: { succeeded: 1 },
    });
  });

  it('queues failed items again at their place, leaving the others alone', async () => {
    const me = await stack.newUser();
    refusing = true;
    const batch = await createBatch(me, {
      ...fast,
      prompts: [{ prompt: 'quiet pond' }, { prompt: 'refuse me please' }],
    });
    const first = await followToEnd(me, batch.id);
    expect(first.at(-1).batch).toMatchObject({ status: 'FAILED', counts: { succeeded: 1, failed: 1 } });
    const before = await readBatch(me, batch.id);

    refusing = false;
    const { data } = await stack.graphql(me, RetryFailed, { id: batch.id });
    expect(data.retryFailedBatchItems).toMatchObject({
      __typename: 'Batch',
      counts: { total: 2, failed: 0 },
    });
    const again = await followToEnd(me, batch.id);
    expect(again.at(-1).batch).toMatchObject({ status: 'SUCCEEDED', counts: { total: 2, succeeded: 2 } });
    const after = await readBatch(me, batch.id);
    const jobIds = (b: any) => b.items.edges.map((edge: any) => edge.node.job.id);
    expect(jobIds(after)[0]).toBe(jobIds(before)[0]);
    expect(jobIds(after)[1]).not.toBe(jobIds(before)[1]);

    const nothingLeft = await stack.graphql(me, RetryFailed, { id: batch.id });
    expect(nothingLeft.data.retryFailedBatchItems).toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('ownership', () => {
  it("answers for someone else's batch exactly as for a missing one", async () => {
    const owner = await stack.newUser();
    const stranger = await stack.newUser();
    const batch = await createBatch(owner, { ...fast, prompts: [{ prompt: 'private garden' }] });

    expect(await readBatch(stranger, batch.id)).toBeNull();
    const list = await stack.graphql(stranger, BatchesQuery);
    expect(list.data.batches.edges).toEqual([]);
    const cancel = await stack.graphql(stranger, CancelBatch, { id: batch.id });
    expect(cancel.data.cancelBatch).toMatchObject({ __typename: 'NotFoundError' });
    const retry = await stack.graphql(stranger, RetryFailed, { id: batch.id });
    expect(retry.data.retryFailedBatchItems).toMatchObject({ __typename: 'NotFoundError' });
    await expect(subscribe(server.url, stranger, BatchUpdated, { id: batch.id }).done).rejects.toThrow(
      'Batch was not found',
    );
    const mine = await stack.graphql(owner, BatchesQuery);
    expect(mine.data.batches.edges.map((edge: any) => edge.node.id)).toEqual([batch.id]);
  });
});
