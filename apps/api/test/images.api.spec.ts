import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { Images } from './support/operations';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
});
afterAll(() => stack?.close());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('images', () => {
  it('pages newest first with keyset cursors, forwards and backwards, never repeating or skipping', async () => {
    const me = await stack.newUser();
    const same = minutesAgo(30);
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(await newImage(stack.app, me, { createdAt: i < 3 ? same : minutesAgo(60 - i) }));
    }
    const newestFirst = [...made].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    );

    const pages: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data }: { data?: any } = await stack.graphql(me, Images, { first: 3, after });
      pages.push(...data.images.edges.map((edge: any) => edge.node.id));
      if (!data.images.pageInfo.hasNextPage) break;
      after = data.images.pageInfo.endCursor;
    }
    expect(pages).toEqual(newestFirst.map((image) => globalId('Image', image.id)));

    const { data: tail } = await stack.graphql(me, Images, { last: 2 });
    expect(tail.images.edges.map((edge: any) => edge.node.id)).toEqual(pages.slice(-2));
    const { data: before } = await stack.graphql(me, Images, {
      last: 2,
      before: tail.images.pageInfo.startCursor,
    });
    expect(before.images.edges.map((edge: any) => edge.node.id)).toEqual(pages.slice(-4, -2));
  });

  it('filters by provider, date range and tags', async () => {
    const me = await stack.newUser();
    const old = await newImage(stack.app, me, {
      provider: 'local',
      createdAt: minutesAgo(120),
      tags: ['sea'],
    });
    const flux = await newImage(stack.app, me, {
      provider: 'flux',
      createdAt: minutesAgo(10),
      tags: ['sea', 'night'],
    });
    const recent = await newImage(stack.app, me, {
      provider: 'local',
      createdAt: minutesAgo(5),
      tags: ['night'],
    });
    const ids = async (filter: object) =>
      (await stack.graphql(me, Images, { first: 10, filter })).data?.images.edges.map(
        (edge: any) => edge.node.id,
      );

    expect(await ids({ provider: 'flux' })).toEqual([globalId('Image', flux.id)]);
    expect(await ids({ startDate: minutesAgo(60).toISOString() })).toEqual(
      [recent, flux].map((i) => globalId('Image', i.id)),
    );
    expect(await ids({ endDate: minutesAgo(60).toISOString() })).toEqual([globalId('Image', old.id)]);
    expect(await ids({ tags: ['sea', 'night'] })).toEqual([globalId('Image', flux.id)]);
    expect(await ids({ tags: ['sea'], provider: 'local' })).toEqual([globalId('Image', old.id)]);
  });

  it('shows each person only their own images, through every path', async () => {
    const owner = await stack.newUser();
    const stranger = await stack.newUser();
    const image = await newImage(stack.app, owner);
    const id = globalId('Image', image.id);

    expect((await stack.graphql(stranger, Images, { first: 10 })).data.images.edges).toEqual([]);
    expect(
      (await stack.graphql(stranger, 'query($id: ID!) { image(id: $id) { id } }', { id })).data.image,
    ).toBeNull();
    expect(
      (await stack.graphql(stranger, 'query($id: ID!) { node(id: $id) { id } }', { id })).data.node,
    ).toBeNull();
    expect(
      (await stack.graphql(owner, 'query($id: ID!) { node(id: $id) { ... on Image { prompt } } }', { id }))
        .data.node,
    ).toEqual({ prompt: image.prompt });
    const deleted = await stack.graphql(
      stranger,
      'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on Error { code } } }',
      { id },
    );
    expect(deleted.data.deleteImage).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(
      (await stack.graphql(owner, 'query($id: ID!) { image(id: $id) { id } }', { id })).data.image,
    ).toEqual({ id });
  });

  it('moves a deleted image to the trash, keeping its files until it is purged', async () => {
    const me = await stack.newUser();
    const key = await stack.app.repositories.storage.put(
      Buffer.from('not really a png but bytes'),
      'image/png',
    );
    const first = await newImage(stack.app, me, { blobKey: key });
    const second = await newImage(stack.app, me, { blobKey: key });
    const remove = (imageId: string) =>
      stack.graphql(
        me,
        'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on DeleteImagePayload { deletedImageId } } }',
        {
          id: globalId('Image', imageId),
        },
      );

    expect((await remove(first.id)).data.deleteImage).toEqual({
      __typename: 'DeleteImagePayload',
      deletedImageId: globalId('Image', first.id),
    });
    expect(existsSync(join(stack.dataDir, 'files', key))).toBe(true);
    await remove(second.id);
    expect(existsSync(join(stack.dataDir, 'files', key))).toBe(true);
    expect((await stack.graphql(me, Images, { first: 10 })).data.images.edges).toEqual([]);
  });

  it('rejects a forged cursor with a typed error', async () => {
    const me = await stack.newUser();
    const { errors } = await stack.graphql(me, Images, { first: 5, after: 'bm90LWEtY3Vyc29y' });
    expect(errors?.[0]?.message).toMatch(/after/);
  });
});
