import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, newImage, type ImageOverrides } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { subscribe, type Subscription } from './support/ws-client';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
});
afterAll(() => stack?.close());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const daysAgo = (days: number) => minutesAgo(days * 24 * 60);

const ImagesQuery = /* GraphQL */ `
  query History($filter: ImageQueryParams, $sort: ImageSort, $first: Int, $after: String) {
    images(filter: $filter, sort: $sort, first: $first, after: $after) {
      edges {
        node {
          id
          prompt
          starred
          tags
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const TrashQuery = /* GraphQL */ `
  query Trash($first: Int, $after: String) {
    trash(first: $first, after: $after) {
      edges {
        node {
          id
          deletedAt
          purgeAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const BulkFields = `__typename ... on Error { code message } ... on InvalidInputError { issues { field message } }`;

async function imageIds(viewer: Viewer, filter: object = {}, sort = 'NEWEST'): Promise<string[]> {
  const { data, errors } = await stack.graphql(viewer, ImagesQuery, { filter, sort, first: 100 });
  expect(errors).toBeUndefined();
  return data.images.edges.map((edge: any) => edge.node.id);
}

async function make(viewer: Viewer, overrides: ImageOverrides = {}) {
  const image = await newImage(stack.app, viewer, overrides);
  return { ...image, gid: globalId('Image', image.id) };
}

async function mutate(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const { data, errors } = await stack.graphql(viewer, query, variables);
  expect(errors).toBeUndefined();
  return Object.values(data as object)[0];
}

describe('history: search and filters', () => {
  it('finds images by prompt words, stemmed, and not by words they lack', async () => {
    const me = await stack.newUser();
    const boat = await make(me, { prompt: 'A red boat drifting at sunset' });
    const boats = await make(me, { prompt: 'Two sailing boats in a storm' });
    const forest = await make(me, { prompt: 'Misty forest with deer' });

    expect(await imageIds(me, { search: 'boats' })).toEqual([boats.gid, boat.gid]);
    expect(await imageIds(me, { search: 'sailing' })).toEqual([boats.gid]);
    expect(await imageIds(me, { search: 'forest deer' })).toEqual([forest.gid]);
    expect(await imageIds(me, { search: '"red boat"' })).toEqual([boat.gid]);
    expect(await imageIds(me, { search: 'boat -storm' })).toEqual([boat.gid]);
    expect(await imageIds(me, { search: 'submarine' })).toEqual([]);
    expect(await imageIds(me, { search: '   ' })).toHaveLength(3);
  });

  it('filters by provider, model, date range, tags, starred and operation, all together', async () => {
    const me = await stack.newUser();
    const old = await make(me, {
      provider: 'flux',
      model: 'flux-pro',
      createdAt: minutesAgo(120),
      tags: ['sea'],
    });
    const starred = await make(me, { provider: 'local', starred: true, tags: ['sea', 'night'] });
    const variation = await make(me, { provider: 'ideogram', model: 'v3', operation: 'VARIATION' });

    expect(await imageIds(me, { providers: ['flux', 'ideogram'] })).toEqual([variation.gid, old.gid]);
    expect(await imageIds(me, { provider: 'local' })).toEqual([starred.gid]);
    expect(await imageIds(me, { models: ['v3'] })).toEqual([variation.gid]);
    expect(await imageIds(me, { endDate: minutesAgo(60).toISOString() })).toEqual([old.gid]);
    expect(await imageIds(me, { startDate: minutesAgo(60).toISOString() })).toEqual([
      variation.gid,
      starred.gid,
    ]);
    expect(await imageIds(me, { tags: ['sea', 'night'] })).toEqual([starred.gid]);
    expect(await imageIds(me, { starred: true })).toEqual([starred.gid]);
    expect(await imageIds(me, { starred: false })).toEqual([variation.gid, old.gid]);
    expect(await imageIds(me, { operations: ['VARIATION', 'EDIT'] })).toEqual([variation.gid]);
    expect(await imageIds(me, { operations: ['GENERATE'], tags: ['sea'], provider: 'flux' })).toEqual([
      old.gid,
    ]);
  });

  it('filters by one of the viewer’s collections, and finds nothing in another person’s', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const inside = await make(me);
    await make(me);
    const mine = await newCollection(me, [inside.id]);
    const theirs = await newCollection(stranger, [inside.id]);

    expect(await imageIds(me, { collectionId: globalId('Collection', mine) })).toEqual([inside.gid]);
    expect(await imageIds(me, { collectionId: globalId('Collection', theirs) })).toEqual([]);
    expect(await imageIds(me, { collectionId: globalId('Image', mine) })).toEqual([]);
  });

  it('sorts newest or oldest first, paging across pages without repeats or gaps', async () => {
    const me = await stack.newUser();
    const same = minutesAgo(30);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await make(me, { createdAt: i < 3 ? same : minutesAgo(60 - i) }));
    const newest = [...made]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((image) => image.gid);

    for (const [sort, expected] of [
      ['NEWEST', newest],
      ['OLDEST', [...newest].reverse()],
    ] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { data }: { data?: any } = await stack.graphql(me, ImagesQuery, { sort, first: 3, after });
        seen.push(...data.images.edges.map((edge: any) => edge.node.id));
        if (!data.images.pageInfo.hasNextPage) break;
        after = data.images.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
  });
});

describe('history: search pages', () => {
  it('pages search results in either order without repeats or gaps', async () => {
    const me = await stack.newUser();
    const matching = [];
    for (let i = 0; i < 7; i++) {
      matching.push(await make(me, { prompt: `harbor scene ${i}`, createdAt: minutesAgo(100 - i) }));
      await make(me, { prompt: `meadow scene ${i}`, createdAt: minutesAgo(100 - i) });
    }
    const newest = matching.map((image) => image.gid).reverse();
    for (const [sort, expected] of [
      ['NEWEST', newest],
      ['OLDEST', [...newest].reverse()],
    ] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { data }: { data?: any } = await stack.graphql(me, ImagesQuery, {
          filter: { search: 'harbors' },
          sort,
          first: 3,
          after,
        });
        seen.push(...data.images.edges.map((edge: any) => edge.node.id));
        if (!data.images.pageInfo.hasNextPage) break;
        after = data.images.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
  });
});

describe('history: star and tags', () => {
  it('stars and tags an image, normalising tags', async () => {
    const me = await stack.newUser();
    const image = await make(me);

    const starred = await mutate(
      me,
      `mutation($id: ID!) { setImageStarred(id: $id, starred: true) { __typename ... on Image { starred } } }`,
      { id: image.gid },
    );
    expect(starred).toEqual({ __typename: 'Image', starred: true });
    const tagged = await mutate(
      me,
      `mutation($id: ID!, $tags: [String!]!) { setImageTags(id: $id, tags: $tags) { ... on Image { tags } } }`,
      { id: image.gid, tags: ['  Sunset ', 'sea', 'SEA', ''] },
    );
    expect(tagged).toEqual({ tags: ['sunset', 'sea'] });
    expect(await imageIds(me, { tags: ['sunset'], starred: true })).toEqual([image.gid]);
  });

  it('refuses bad tags naming the field, and another person’s image as missing', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const image = await make(me);
    const setTags = (viewer: Viewer, tags: string[]) =>
      mutate(
        viewer,
        `mutation($id: ID!, $tags: [String!]!) { setImageTags(id: $id, tags: $tags) { ${BulkFields} } }`,
        {
          id: image.gid,
          tags,
        },
      );

    expect(await setTags(me, ['x'.repeat(41)])).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'tags' }],
    });
    expect(await setTags(me, ['bad\u0007tag'])).toMatchObject({ __typename: 'InvalidInputError' });
    expect(
      await setTags(
        me,
        Array.from({ length: 33 }, (_, i) => `t${i}`),
      ),
    ).toMatchObject({
      __typename: 'InvalidInputError',
    });
    expect(await setTags(stranger, ['mine'])).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
    });
    expect(await imageIds(me, { tags: ['mine'] })).toEqual([]);
  });
});

describe('history: bulk', () => {
  const TagImages = `mutation($ids: [ID!]!, $add: [String!], $remove: [String!]) {
    tagImages(ids: $ids, add: $add, remove: $remove) {
      ${BulkFields} ... on ImagesPayload { images { id tags } }
    }
  }`;

  it('adds and removes tags on many images at once', async () => {
    const me = await stack.newUser();
    const a = await make(me, { tags: ['keep', 'old'] });
    const b = await make(me);

    const result: any = await mutate(me, TagImages, {
      ids: [a.gid, b.gid],
      add: ['New', 'keep'],
      remove: ['old'],
    });
    const tags = Object.fromEntries(result.images.map((image: any) => [image.id, image.tags]));
    expect(tags).toEqual({ [a.gid]: ['keep', 'new'], [b.gid]: ['new', 'keep'] });
  });

  it('changes nothing when any id is another person’s, and caps the number of ids', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const mine = await make(me);
    const theirs = await make(stranger);
    const ids = [mine.gid, theirs.gid];

    expect(await mutate(me, TagImages, { ids, add: ['x'] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await mutate(me, `mutation($ids: [ID!]!) { deleteImages(ids: $ids) { ${BulkFields} } }`, { ids }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await mutate(me, `mutation($ids: [ID!]!) { deleteImagesForever(ids: $ids) { ${BulkFields} } }`, {
        ids,
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await imageIds(me)).toEqual([mine.gid]);
    expect(await imageIds(me, { tags: ['x'] })).toEqual([]);
    expect(await imageIds(stranger)).toEqual([theirs.gid]);

    const tooMany = Array.from({ length: 501 }, (_, i) =>
      globalId('Image', `00000000-0000-4000-8000-${i.toString().padStart(12, '0')}`),
    );
    expect(await mutate(me, TagImages, { ids: tooMany, add: ['x'] })).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'ids' }],
    });
  });
});

describe('history: trash', () => {
  const DeleteImages = `mutation($ids: [ID!]!) { deleteImages(ids: $ids) { ${BulkFields} ... on DeletedImagesPayload { deletedImageIds } } }`;
  const RestoreImages = `mutation($ids: [ID!]!) { restoreImages(ids: $ids) { ${BulkFields} ... on ImagesPayload { images { id deletedAt } } } }`;

  it('moves images to the trash, shows when they will be purged, and restores them', async () => {
    const me = await stack.newUser();
    const first = await make(me);
    const second = await make(me);
    const single = await make(me);

    await mutate(me, DeleteImages, { ids: [first.gid, second.gid] });
    await mutate(me, `mutation($id: ID!) { deleteImage(id: $id) { __typename } }`, { id: single.gid });
    expect(await imageIds(me)).toEqual([]);
    const { data } = await stack.graphql(me, TrashQuery, { first: 10 });
    const trashed = data.trash.edges.map((edge: any) => edge.node);
    expect(trashed.map((node: any) => node.id)).toEqual(
      expect.arrayContaining([first.gid, second.gid, single.gid]),
    );
    expect(trashed[0].id).toBe(single.gid);
    for (const node of trashed) {
      const days = (Date.parse(node.purgeAt) - Date.parse(node.deletedAt)) / 86_400_000;
      expect(days).toBe(30);
    }

    const restored: any = await mutate(me, RestoreImages, { ids: [first.gid] });
    expect(restored.images).toEqual([{ id: first.gid, deletedAt: null }]);
    expect(await imageIds(me)).toEqual([first.gid]);
    expect(await mutate(me, RestoreImages, { ids: [first.gid] })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages the trash most recently deleted first', async () => {
    const me = await stack.newUser();
    const images = [await make(me), await make(me), await make(me)];
    for (const [i, image] of images.entries()) await trashAt(image.id, minutesAgo(10 - i));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data }: { data?: any } = await stack.graphql(me, TrashQuery, { first: 2, after });
      seen.push(...data.trash.edges.map((edge: any) => edge.node.id));
      if (!data.trash.pageInfo.hasNextPage) break;
      after = data.trash.pageInfo.endCursor;
    }
    expect(seen).toEqual(images.map((image) => image.gid).reverse());
  });

  it('purges images trashed over 30 days ago with their files, keeping files another image uses', async () => {
    const me = await stack.newUser();
    const shared = await storeFile('shared bytes');
    const own = await storeFile('own bytes');
    const expired = await make(me, { blobKey: own });
    const expiredShared = await make(me, { blobKey: shared });
    const stillUsing = await make(me, { blobKey: shared });
    const recent = await make(me);
    await trashAt(expired.id, daysAgo(31));
    await trashAt(expiredShared.id, daysAgo(31));
    await trashAt(recent.id, daysAgo(29));

    const purged = await stack.app.services.images.purgeExpiredTrash();

    expect(purged).toBeGreaterThanOrEqual(2);
    expect(fileExists(own)).toBe(false);
    expect(fileExists(shared)).toBe(true);
    const { data } = await stack.graphql(me, TrashQuery, { first: 10 });
    expect(data.trash.edges.map((edge: any) => edge.node.id)).toEqual([recent.gid]);
    expect(await imageIds(me)).toEqual([stillUsing.gid]);
  });

  it('deletes for good at once, or empties the whole trash', async () => {
    const me = await stack.newUser();
    const file = await storeFile('forever bytes');
    const now = await make(me, { blobKey: file });
    const trashed = [await make(me), await make(me)];
    await mutate(me, DeleteImages, { ids: trashed.map((image) => image.gid) });

    const forever: any = await mutate(
      me,
      `mutation($ids: [ID!]!) { deleteImagesForever(ids: $ids) { ${BulkFields} ... on DeletedImagesPayload { deletedImageIds } } }`,
      { ids: [now.gid] },
    );
    expect(forever.deletedImageIds).toEqual([now.gid]);
    expect(fileExists(file)).toBe(false);
    expect(await mutate(me, `mutation { emptyTrash { deletedCount } }`, {})).toEqual({ deletedCount: 2 });
    expect((await stack.graphql(me, TrashQuery, { first: 10 })).data.trash.edges).toEqual([]);
  });
});

describe('history: live', () => {
  const Added = `subscription { imageAdded { id prompt } }`;
  const Updated = `subscription { imageUpdated { id starred tags deletedAt } }`;

  it('tells the owner, and only the owner, about new and changed images', async () => {
    const server = await stack.listen();
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const added = subscribe(server.url, me, Added, {});
    const updated = subscribe(server.url, me, Updated, {});
    const strangerAdded = subscribe(server.url, stranger, Added, {});
    const strangerUpdated = subscribe(server.url, stranger, Updated, {});
    try {
      await untilListening(added, me);
      await untilListening(strangerAdded, stranger);

      const image = await make(me, { prompt: 'live lighthouse' });
      expect(await added.waitFor((p: any) => p.imageAdded.id === image.gid)).toEqual({
        imageAdded: { id: image.gid, prompt: 'live lighthouse' },
      });
      await mutate(me, `mutation($id: ID!) { setImageStarred(id: $id, starred: true) { __typename } }`, {
        id: image.gid,
      });
      await updated.waitFor((p: any) => p.imageUpdated.id === image.gid && p.imageUpdated.starred);
      await mutate(me, `mutation($id: ID!) { deleteImage(id: $id) { __typename } }`, { id: image.gid });
      const trashed: any = await updated.waitFor((p: any) => p.imageUpdated.deletedAt !== null);
      expect(trashed.imageUpdated.id).toBe(image.gid);

      expect(strangerAdded.received.map((p: any) => p.imageAdded.id)).not.toContain(image.gid);
      expect(strangerUpdated.received).toEqual([]);
    } finally {
      await Promise.all([added, updated, strangerAdded, strangerUpdated].map((sub) => sub.close()));
    }
  });
});

/** A subscription is live once a probe image of the viewer's arrives on it. */
async function untilListening(subscription: Subscription<any>, viewer: Viewer): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await make(viewer, { prompt: 'probe' });
    try {
      await subscription.waitFor((p) => p.imageAdded.id === probe.gid, 200);
      return;
    } catch {
      // not listening yet
    }
  }
  throw new Error('subscription never started');
}

async function newCollection(owner: Viewer, imageIds: string[]): Promise<string> {
  const { id } = await stack.app.db
    .insertInto('collection')
    .values({ ownerId: owner.id, name: 'Test collection' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, imageId] of imageIds.entries()) {
    await stack.app.db
      .insertInto('collectionImage')
      .values({ collectionId: id, imageId, position })
      .execute();
  }
  return id;
}

async function trashAt(imageId: string, at: Date): Promise<void> {
  await sql`update image set deleted_at = ${at} where id = ${imageId}`.execute(stack.app.db);
}

function storeFile(text: string): Promise<string> {
  return stack.app.repositories.storage.put(Buffer.from(text), 'image/png');
}

function fileExists(key: string): boolean {
  return existsSync(join(stack.dataDir, 'files', key));
}
