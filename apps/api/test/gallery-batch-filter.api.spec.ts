import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, newBatch, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { Images } from './support/operations';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
});
afterAll(() => stack?.close());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function galleryIds(viewer: Viewer, filter: object): Promise<string[]> {
  const { data, errors } = await stack.graphql(viewer, Images, { first: 20, filter });
  expect(errors).toBeUndefined();
  return data.images.edges.map((edge: any) => edge.node.id);
}

describe('the gallery filtered by a batch', () => {
  it('shows exactly the images the batch made, newest first, together with the other filters', async () => {
    const me = await stack.newUser();
    const first = await newImage(stack.app, me, { createdAt: minutesAgo(30), starred: true });
    const second = await newImage(stack.app, me, { createdAt: minutesAgo(20) });
    const outside = await newImage(stack.app, me, { createdAt: minutesAgo(25) });
    const otherBatchImage = await newImage(stack.app, me, { createdAt: minutesAgo(15) });
    const batchId = await newBatch(stack.app, me, [first, second]);
    await newBatch(stack.app, me, [otherBatchImage]);
    const batch = globalId('Batch', batchId);

    expect(await galleryIds(me, { batchId: batch })).toEqual([
      globalId('Image', second.id),
      globalId('Image', first.id),
    ]);
    expect(await galleryIds(me, { batchId: batch, starred: true })).toEqual([globalId('Image', first.id)]);
    // Without the filter the gallery still shows everything.
    expect(await galleryIds(me, {})).toHaveLength(4);
    expect(await galleryIds(me, {})).toContain(globalId('Image', outside.id));

    await stack.app.services.images.delete(me, second.id);
    expect(await galleryIds(me, { batchId: batch })).toEqual([globalId('Image', first.id)]);
  });

  it("gives nothing for another person's batch: neither their images nor the viewer's own", async () => {
    const owner = await stack.newUser();
    const stranger = await stack.newUser();
    const made = await newImage(stack.app, owner);
    const batch = globalId('Batch', await newBatch(stack.app, owner, [made]));
    const theirs = await newImage(stack.app, stranger);
    await newBatch(stack.app, stranger, [theirs]);

    expect(await galleryIds(stranger, { batchId: batch })).toEqual([]);
    expect(await galleryIds(owner, { batchId: batch })).toEqual([globalId('Image', made.id)]);
  });

  it('gives nothing for the id of something else or an id that is no batch id', async () => {
    const me = await stack.newUser();
    const image = await newImage(stack.app, me);
    await newBatch(stack.app, me, [image]);

    expect(await galleryIds(me, { batchId: globalId('Image', image.id) })).toEqual([]);
    expect(await galleryIds(me, { batchId: globalId('Batch', 'not-a-uuid') })).toEqual([]);
    expect(await galleryIds(me, { batchId: globalId('Batch', crypto.randomUUID()) })).toEqual([]);
  });

  it('can be kept as a smart collection, which names the batch by its global id', async () => {
    const me = await stack.newUser();
    const made = await newImage(stack.app, me);
    await newImage(stack.app, me);
    const batch = globalId('Batch', await newBatch(stack.app, me, [made]));
    const { data } = await stack.graphql(
      me,
      `mutation($input: CreateCollectionInput!) { createCollection(input: $input) {
        __typename ... on Collection { filter images(first: 10) { edges { node { id } } } } } }`,
      { input: { name: 'From the batch', filter: { batchId: batch } } },
    );
    expect(data.createCollection).toMatchObject({
      __typename: 'Collection',
      filter: { batchId: batch },
      images: { edges: [{ node: { id: globalId('Image', made.id) } }] },
    });
  });
});
