import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
});
afterAll(() => stack?.close());

const Errors = `__typename ... on Error { code message } ... on InvalidInputError { issues { field message } }`;
const SetStarred = `mutation($ids: [ID!]!, $starred: Boolean!) { setImagesStarred(ids: $ids, starred: $starred) { ${Errors} ... on ImagesPayload { images { id starred } } } }`;
const DeleteImages = `mutation($ids: [ID!]!) { deleteImages(ids: $ids) { ${Errors} } }`;
const RestoreTrash = `mutation { restoreTrash { images { id deletedAt } } }`;
const Starred = `query { images(first: 50, filter: { starred: true }) { edges { node { id } } } }`;
const Gallery = `query { images(first: 50) { edges { node { id } } } }`;
const Trash = `query { trash(first: 50) { edges { node { id } } } }`;

async function make(viewer: Viewer) {
  const image = await newImage(stack.app, viewer);
  return globalId('Image', image.id);
}

async function call(viewer: Viewer, query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await stack.graphql(viewer, query, variables);
  expect(errors).toBeUndefined();
  return Object.values(data as object)[0];
}

const ids = (connection: any): string[] => connection.edges.map((edge: any) => edge.node.id).sort();

describe('bulk star', () => {
  it('stars and unstars many images at once', async () => {
    const me = await stack.newUser();
    const [a, b] = [await make(me), await make(me)];
    await make(me);
    const starred = await call(me, SetStarred, { ids: [a, b], starred: true });
    expect(starred.images).toEqual(
      expect.arrayContaining([
        { id: a, starred: true },
        { id: b, starred: true },
      ]),
    );
    expect(ids(await call(me, Starred))).toEqual([a, b].sort());
    await call(me, SetStarred, { ids: [a], starred: false });
    expect(ids(await call(me, Starred))).toEqual([b]);
  });

  it('changes nothing when any id is another person’s, and names the field for too many ids', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const mine = await make(me);
    const theirs = await make(stranger);
    expect(await call(me, SetStarred, { ids: [mine, theirs], starred: true })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(ids(await call(me, Starred))).toEqual([]);
    expect(ids(await call(stranger, Starred))).toEqual([]);

    const tooMany = Array.from({ length: 501 }, (_, i) =>
      globalId('Image', `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`),
    );
    expect(await call(me, SetStarred, { ids: tooMany, starred: true })).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'ids' }],
    });
  });
});

describe('restore all', () => {
  it('brings every trashed image of the viewer back, and nobody else’s', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const [a, b] = [await make(me), await make(me)];
    const theirs = await make(stranger);
    await call(me, DeleteImages, { ids: [a, b] });
    await call(stranger, DeleteImages, { ids: [theirs] });

    const restored = await call(me, RestoreTrash);
    expect(restored.images.map((image: any) => image.id).sort()).toEqual([a, b].sort());
    expect(ids(await call(me, Trash))).toEqual([]);
    expect(ids(await call(me, Gallery))).toEqual([a, b].sort());
    expect(ids(await call(stranger, Trash))).toEqual([theirs]);
  });
});
