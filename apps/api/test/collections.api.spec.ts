import type { Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_POSITION_GAP } from '../src/repositories/collection.repository';
import { globalId, localId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack();
});
afterAll(() => stack?.close());

const CollectionFields = /* GraphQL */ `
  fragment C on Collection {
    id
    name
    description
    isSmart
    filter
    imageCount
    coverChosen
    cover {
      id
    }
    images(first: $first, after: $after) {
      edges {
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const Result = /* GraphQL */ `
  __typename
  ... on Collection { ...C }
  ... on Error { code message }
  ... on InvalidInputError { issues { field message } }
`;
const Create = `mutation($input: CreateCollectionInput!, $first: Int = 50, $after: String) {
  createCollection(input: $input) { ${Result} } } ${CollectionFields}`;
const Update = `mutation($input: UpdateCollectionInput!, $first: Int = 50, $after: String) {
  updateCollection(input: $input) { ${Result} } } ${CollectionFields}`;
const Add = `mutation($id: ID!, $imageIds: [ID!]!, $first: Int = 50, $after: String) {
  addImagesToCollection(id: $id, imageIds: $imageIds) { ${Result} } } ${CollectionFields}`;
const Remove = `mutation($id: ID!, $imageIds: [ID!]!, $first: Int = 50, $after: String) {
  removeImagesFromCollection(id: $id, imageIds: $imageIds) { ${Result} } } ${CollectionFields}`;
const Move = `mutation($id: ID!, $imageId: ID!, $afterImageId: ID, $first: Int = 50, $after: String) {
  moveCollectionImage(id: $id, imageId: $imageId, afterImageId: $afterImageId) { ${Result} } } ${CollectionFields}`;
const Delete = `mutation($id: ID!) { deleteCollection(id: $id) {
  __typename ... on DeleteCollectionPayload { deletedCollectionId } ... on Error { code } } }`;
const One = `query($id: ID!, $first: Int = 50, $after: String) { collection(id: $id) { ...C } } ${CollectionFields}`;
const List = `query($search: String) { collections(first: 50, search: $search) { edges { node { id name } } } }`;

async function create(viewer: Viewer, input: Record<string, unknown>) {
  const { data } = await stack.graphql(viewer, Create, { input });
  return data.createCollection;
}

async function images(viewer: Viewer, count: number, tags: string[] = []) {
  const made = [];
  for (let i = 0; i < count; i++) made.push(await newImage(stack.app, viewer, { tags }));
  return made.map((image) => globalId('Image', image.id));
}

const order = (collection: any) => collection.images.edges.map((edge: any) => edge.node.id);

describe('collections', () => {
  it('are created, renamed, described, listed newest-changed first and deleted without their images', async () => {
    const me = await stack.newUser();
    const holidays = await create(me, { name: '  Holidays  ', description: 'Summer trips' });
    expect(holidays).toMatchObject({
      __typename: 'Collection',
      name: 'Holidays',
      description: 'Summer trips',
      isSmart: false,
      imageCount: 0,
      cover: null,
    });
    const portraits = await create(me, { name: 'Portraits' });
    const list = async (search?: string) =>
      (await stack.graphql(me, List, { search })).data.collections.edges.map((edge: any) => edge.node.name);
    expect(await list()).toEqual(['Portraits', 'Holidays']);

    const renamed = await stack.graphql(me, Update, {
      input: { id: holidays.id, name: 'Holidays 2026', description: '' },
    });
    expect(renamed.data.updateCollection).toMatchObject({ name: 'Holidays 2026', description: '' });
    expect(await list()).toEqual(['Holidays 2026', 'Portraits']);
    expect(await list('holi')).toEqual(['Holidays 2026']);

    const [image] = await images(me, 1);
    await stack.graphql(me, Add, { id: portraits.id, imageIds: [image] });
    const deleted = await stack.graphql(me, Delete, { id: portraits.id });
    expect(deleted.data.deleteCollection).toEqual({
      __typename: 'DeleteCollectionPayload',
      deletedCollectionId: portraits.id,
    });
    expect((await stack.graphql(me, One, { id: portraits.id })).data.collection).toBeNull();
    const still = await stack.graphql(me, 'query($id: ID!) { image(id: $id) { id collections { id } } }', {
      id: image,
    });
    expect(still.data.image).toEqual({ id: image, collections: [] });
  });

  it('refuse bad names and descriptions, naming the field', async () => {
    const me = await stack.newUser();
    for (const name of ['', '   ', 'x'.repeat(121), 'tab\there']) {
      const result = await create(me, { name });
      expect(result).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT' });
      expect(result.issues.map((issue: any) => issue.field)).toEqual(['input.name']);
    }
    const long = await create(me, { name: 'ok', description: 'x'.repeat(2001) });
    expect(long.issues.map((issue: any) => issue.field)).toEqual(['input.description']);
    const made = await create(me, { name: 'ok' });
    const rename = await stack.graphql(me, Update, { input: { id: made.id, name: '' } });
    expect(rename.data.updateCollection.issues.map((issue: any) => issue.field)).toEqual(['input.name']);
    const tooMany = await stack.graphql(me, Add, {
      id: made.id,
      imageIds: Array.from({ length: 501 }, () => globalId('Image', crypto.randomUUID())),
    });
    expect(tooMany.data.addImagesToCollection.issues.map((issue: any) => issue.field)).toEqual(['imageIds']);
  });

  it('keep images in the order added, ignore duplicates, move and remove, and page in order', async () => {
    const me = await stack.newUser();
    const [a, b, c, d] = await images(me, 4);
    const { id } = await create(me, { name: 'Ordered' });
    const added = await stack.graphql(me, Add, { id, imageIds: [c, a, b] });
    expect(order(added.data.addImagesToCollection)).toEqual([c, a, b]);
    const again = await stack.graphql(me, Add, { id, imageIds: [a, d, d] });
    expect(order(again.data.addImagesToCollection)).toEqual([c, a, b, d]);
    expect(again.data.addImagesToCollection.imageCount).toBe(4);

    const first = await stack.graphql(me, Move, { id, imageId: d, afterImageId: null });
    expect(order(first.data.moveCollectionImage)).toEqual([d, c, a, b]);
    const between = await stack.graphql(me, Move, { id, imageId: b, afterImageId: d });
    expect(order(between.data.moveCollectionImage)).toEqual([d, b, c, a]);
    const last = await stack.graphql(me, Move, { id, imageId: d, afterImageId: a });
    expect(order(last.data.moveCollectionImage)).toEqual([b, c, a, d]);

    const page1 = (await stack.graphql(me, One, { id, first: 3 })).data.collection;
    expect(order(page1)).toEqual([b, c, a]);
    expect(page1.images.pageInfo.hasNextPage).toBe(true);
    const page2 = (await stack.graphql(me, One, { id, first: 3, after: page1.images.pageInfo.endCursor }))
      .data.collection;
    expect(order(page2)).toEqual([d]);

    const removed = await stack.graphql(me, Remove, { id, imageIds: [c, a] });
    expect(order(removed.data.removeImagesFromCollection)).toEqual([b, d]);
    expect(removed.data.removeImagesFromCollection.imageCount).toBe(2);
    const notThere = await stack.graphql(me, Move, { id, imageId: c, afterImageId: null });
    expect(notThere.data.moveCollectionImage).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('renumber when repeated moves leave no room between neighbours, keeping the order', async () => {
    const me = await stack.newUser();
    const ids = await images(me, 3);
    const { id } = await create(me, { name: 'Tight' });
    await stack.graphql(me, Add, { id, imageIds: ids });
    const expected = [...ids];
    // Always slipping the last image in right after the first halves the same gap every time.
    for (let i = 0; i < 40; i++) {
      const moving = expected.pop()!;
      expected.splice(1, 0, moving);
      await stack.graphql(me, Move, { id, imageId: moving, afterImageId: expected[0] });
    }
    expect(order((await stack.graphql(me, One, { id })).data.collection)).toEqual(expected);
    const { rows } = await sql<{ position: number }>`
      select position from collection_image where collection_id = ${localId(id)} order by position`.execute(
      stack.app.db,
    );
    const gaps = rows.slice(1).map((row, i) => row.position - rows[i]!.position);
    // Without renumbering the last gap would be 2^-40; after it, no gap is below half the minimum.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_POSITION_GAP / 2);
  });

  it('show a chosen cover while it is in the collection, or else the first image', async () => {
    const me = await stack.newUser();
    const [a, b] = await images(me, 2);
    const { id } = await create(me, { name: 'Covered' });
    await stack.graphql(me, Add, { id, imageIds: [a, b] });
    expect((await stack.graphql(me, One, { id })).data.collection.cover).toEqual({ id: a });
    const chosen = await stack.graphql(me, Update, { input: { id, coverImageId: b } });
    expect(chosen.data.updateCollection).toMatchObject({ cover: { id: b }, coverChosen: true });
    const cleared = await stack.graphql(me, Update, { input: { id, coverImageId: null } });
    expect(cleared.data.updateCollection).toMatchObject({ cover: { id: a }, coverChosen: false });
    await stack.graphql(me, Update, { input: { id, coverImageId: b } });
    const removed = await stack.graphql(me, Remove, { id, imageIds: [b] });
    expect(removed.data.removeImagesFromCollection).toMatchObject({ cover: { id: a }, coverChosen: false });
  });

  it('smart collections show what their saved search finds, newest first, and refuse hand edits', async () => {
    const me = await stack.newUser();
    const [older] = await images(me, 1, ['sea']);
    await images(me, 1, ['forest']);
    const smart = await create(me, { name: 'Sea', filter: { tags: ['sea'] } });
    expect(smart).toMatchObject({ isSmart: true, imageCount: null, filter: { tags: ['sea'] } });
    expect(order(smart)).toEqual([older]);
    const [newer] = await images(me, 1, ['sea', 'night']);
    const now = (await stack.graphql(me, One, { id: smart.id })).data.collection;
    expect(order(now)).toEqual([newer, older]);
    expect(now.cover).toEqual({ id: newer });

    for (const [mutation, variables] of [
      [Add, { id: smart.id, imageIds: [older] }],
      [Remove, { id: smart.id, imageIds: [older] }],
      [Move, { id: smart.id, imageId: older, afterImageId: newer }],
    ] as const) {
      const { data } = await stack.graphql(me, mutation, variables);
      expect(Object.values(data)[0]).toMatchObject({
        __typename: 'SmartCollectionError',
        code: 'INVALID_STATE',
      });
    }
    const refined = await stack.graphql(me, Update, { input: { id: smart.id, filter: { tags: ['night'] } } });
    expect(order(refined.data.updateCollection)).toEqual([newer]);
    const manual = await create(me, { name: 'Hand-made' });
    const noFilter = await stack.graphql(me, Update, { input: { id: manual.id, filter: { tags: ['sea'] } } });
    expect(noFilter.data.updateCollection.issues.map((issue: any) => issue.field)).toEqual(['input.filter']);
  });

  it('receive the images of a job sent to them, in output order after those already there', async () => {
    const me = await stack.newUser();
    const [existing] = await images(me, 1);
    const { id } = await create(me, { name: 'Inbox' });
    await stack.graphql(me, Add, { id, imageIds: [existing] });
    const Generate = `mutation($input: GenerateImagesInput!) { generateImages(input: $input) {
      __typename ... on Job { id } ... on InvalidInputError { code issues { field } } } }`;
    const input = { prompt: 'a red kite', provider: 'local', count: 2, width: 256, height: 256, steps: 1 };
    const { data } = await stack.graphql(me, Generate, { input: { ...input, collectionId: id } });
    const jobId = data.generateImages.id;
    let made: string[] = [];
    for (let i = 0; i < 200 && made.length === 0; i++) {
      const job = await stack.graphql(me, 'query($id: ID!) { job(id: $id) { status images { id } } }', {
        id: jobId,
      });
      if (job.data.job.status === 'SUCCEEDED') made = job.data.job.images.map((image: any) => image.id);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(made).toHaveLength(2);
    expect(order((await stack.graphql(me, One, { id })).data.collection)).toEqual([existing, ...made]);

    const smart = await create(me, { name: 'Smart', filter: { tags: ['x'] } });
    const intoSmart = await stack.graphql(me, Generate, { input: { ...input, collectionId: smart.id } });
    expect(intoSmart.data.generateImages).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'input.collectionId' }],
    });
    const stranger = await stack.newUser();
    const intoTheirs = await stack.graphql(stranger, Generate, { input: { ...input, collectionId: id } });
    expect(intoTheirs.data.generateImages).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("answer another person's collections and images exactly like missing ones", async () => {
    const owner = await stack.newUser();
    const other = await stack.newUser();
    const [mine, second] = await images(owner, 2);
    const [theirs] = await images(other, 1);
    const { id } = await create(owner, { name: 'Private' });
    await stack.graphql(owner, Add, { id, imageIds: [mine, second] });

    expect((await stack.graphql(other, One, { id })).data.collection).toBeNull();
    expect(
      (await stack.graphql(other, 'query($id: ID!) { node(id: $id) { id } }', { id })).data.node,
    ).toBeNull();
    expect((await stack.graphql(other, List, {})).data.collections.edges).toEqual([]);
    const attempts = [
      [Update, { input: { id, name: 'Mine now' } }],
      [Delete, { id }],
      [Add, { id, imageIds: [theirs] }],
      [Remove, { id, imageIds: [mine] }],
      [Move, { id, imageId: second, afterImageId: null }],
    ] as const;
    for (const [mutation, variables] of attempts) {
      const { data } = await stack.graphql(other, mutation, variables);
      expect(Object.values(data)[0]).toMatchObject({ code: 'NOT_FOUND' });
    }
    const foreignImage = await stack.graphql(owner, Add, { id, imageIds: [theirs] });
    expect(foreignImage.data.addImagesToCollection).toMatchObject({ code: 'NOT_FOUND' });
    const foreignCover = await stack.graphql(owner, Update, { input: { id, coverImageId: theirs } });
    expect(foreignCover.data.updateCollection).toMatchObject({ code: 'NOT_FOUND' });

    const after = (await stack.graphql(owner, One, { id })).data.collection;
    expect(after).toMatchObject({ name: 'Private', imageCount: 2 });
    expect(order(after)).toEqual([mine, second]);
  });
});
