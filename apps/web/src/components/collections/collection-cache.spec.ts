import { describe, expect, it } from 'vitest';
import { imageFixture } from '../../lib/testing/fixtures';
import { createTestClient } from '../../lib/testing/urql';
import { CollectionPage_Collection } from '../../pages/collection';
import { CollectionsPage_Collections } from '../../pages/collections';
import { CollectionView_Move, CollectionView_Remove } from './collection-view';
import { CreateCollectionDialog_Create } from './create-collection-dialog';
import { DeleteCollectionDialog_Delete } from './delete-collection-dialog';

const pageVariables = { id: 'c-1', first: 100, after: null };
const listVariables = { first: 60, after: null, search: null };

function collection(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'Collection',
    id,
    name,
    description: '',
    isSmart: false,
    filter: null,
    imageCount: 3,
    updatedAt: '2026-01-01T00:00:00.000Z',
    coverChosen: false,
    cover: null,
    ...extra,
  };
}

function collectionPage() {
  return {
    collection: collection('c-1', 'Harbours', {
      images: {
        __typename: 'CollectionImagesConnection',
        edges: [1, 2, 3].map((n) => ({
          __typename: 'CollectionImagesConnectionEdge',
          cursor: `p${n}`,
          node: imageFixture(n),
        })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'p3' },
      },
    }),
  };
}

function order(client: ReturnType<typeof createTestClient>['client']) {
  return client
    .readQuery(CollectionPage_Collection, pageVariables)
    ?.data?.collection?.images.edges.map((edge) => edge.node.id);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('collections in the graphcache', () => {
  it('reorders at once (optimistically) and keeps the order the server confirms, without a refetch', async () => {
    const { client, requests } = createTestClient({
      CollectionPage_Collection: collectionPage,
      CollectionView_Move: () => ({ moveCollectionImage: { __typename: 'Collection', id: 'c-1' } }),
    });
    await client.query(CollectionPage_Collection, pageVariables).toPromise();
    const moved = client
      .mutation(CollectionView_Move, { id: 'c-1', imageId: 'img-3', afterImageId: null })
      .toPromise();
    // Before the answer arrives, the optimistic layer has already moved it.
    expect(order(client)).toEqual(['img-3', 'img-1', 'img-2']);
    await moved;
    await tick();
    expect(order(client)).toEqual(['img-3', 'img-1', 'img-2']);
    await client
      .mutation(CollectionView_Move, { id: 'c-1', imageId: 'img-3', afterImageId: 'img-2' })
      .toPromise();
    expect(order(client)).toEqual(['img-1', 'img-2', 'img-3']);
    expect(requests.filter((name) => name === 'CollectionPage_Collection')).toHaveLength(1);
  });

  it('takes removed images off the page', async () => {
    const { client } = createTestClient({
      CollectionPage_Collection: collectionPage,
      CollectionView_Remove: () => ({
        removeImagesFromCollection: {
          __typename: 'Collection',
          id: 'c-1',
          imageCount: 2,
          coverChosen: false,
          cover: null,
        },
      }),
    });
    await client.query(CollectionPage_Collection, pageVariables).toPromise();
    await client.mutation(CollectionView_Remove, { id: 'c-1', imageIds: ['img-2'] }).toPromise();
    expect(order(client)).toEqual(['img-1', 'img-3']);
  });

  it('lists a new collection first and drops a deleted one, without a refetch', async () => {
    const { client, requests } = createTestClient({
      CollectionsPage_Collections: () => ({
        collections: {
          __typename: 'QueryCollectionsConnection',
          edges: [
            {
              __typename: 'QueryCollectionsConnectionEdge',
              cursor: 'a',
              node: collection('c-1', 'Harbours'),
            },
          ],
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'a' },
        },
      }),
      CreateCollectionDialog_Create: () => ({
        createCollection: collection('c-2', 'Sunsets', { imageCount: 0 }),
      }),
      DeleteCollectionDialog_Delete: () => ({
        deleteCollection: { __typename: 'DeleteCollectionPayload', deletedCollectionId: 'c-1' },
      }),
    });
    const names = () =>
      client
        .readQuery(CollectionsPage_Collections, listVariables)
        ?.data?.collections.edges.map((edge) => edge.node.name);
    await client.query(CollectionsPage_Collections, listVariables).toPromise();
    await client.mutation(CreateCollectionDialog_Create, { input: { name: 'Sunsets' } }).toPromise();
    expect(names()).toEqual(['Sunsets', 'Harbours']);
    await client.mutation(DeleteCollectionDialog_Delete, { id: 'c-1' }).toPromise();
    expect(names()).toEqual(['Sunsets']);
    expect(requests.filter((name) => name === 'CollectionsPage_Collections')).toHaveLength(1);
  });
});
