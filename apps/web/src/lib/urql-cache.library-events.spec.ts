import { describe, expect, it } from 'vitest';
import { LiveLibrary_Changed } from '../components/ui/use-live-library';
import { CollectionPage_Collection } from '../pages/collection';
import { CollectionsPage_Collections } from '../pages/collections';
import { createTestClient } from './testing/urql';

const listVariables = { first: 60, after: null, search: null };
const pageVariables = { id: 'c-1', first: 100, after: null };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function collection(id: string, name: string) {
  return {
    __typename: 'Collection',
    id,
    name,
    description: '',
    isSmart: false,
    filter: null,
    imageCount: 0,
    updatedAt: '2026-01-01T00:00:00.000Z',
    coverChosen: false,
    cover: null,
  };
}

function list(names: [string, string][]) {
  return {
    collections: {
      __typename: 'QueryCollectionsConnection',
      edges: names.map(([id, name]) => ({
        __typename: 'QueryCollectionsConnectionEdge',
        cursor: id,
        node: collection(id, name),
      })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  };
}

describe('graphcache: changes made in another tab', () => {
  it('reads the collection list and the changed collection again when libraryChanged names it', async () => {
    // What the server holds: another tab renamed c-1 and made c-2.
    let server: [string, string][] = [['c-1', 'Harbours']];
    const { client, emit } = createTestClient({
      CollectionsPage_Collections: () => list(server),
      CollectionPage_Collection: () => ({
        collection: {
          ...collection('c-1', server.find(([id]) => id === 'c-1')![1]),
          images: {
            __typename: 'CollectionImagesConnection',
            edges: [],
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          },
        },
      }),
    });
    const names = () =>
      client
        .readQuery(CollectionsPage_Collections, listVariables)
        ?.data?.collections.edges.map((edge) => edge.node.name) ?? null;
    await client.query(CollectionsPage_Collections, listVariables).toPromise();
    await client.query(CollectionPage_Collection, pageVariables).toPromise();
    const subscription = client.subscription(LiveLibrary_Changed, {}).subscribe(() => {});

    server = [
      ['c-2', 'Sunsets'],
      ['c-1', 'Harbours at dawn'],
    ];
    emit('LiveLibrary_Changed', {
      libraryChanged: { __typename: 'LibraryChange', kind: 'COLLECTION', id: 'c-2', removed: false },
    });
    await tick();
    // The list is forgotten, so whoever shows it asks the server again and sees the new one.
    expect(names()).toBeNull();
    await client
      .query(CollectionsPage_Collections, listVariables, { requestPolicy: 'cache-and-network' })
      .toPromise();
    expect(names()).toEqual(['Sunsets', 'Harbours at dawn']);

    emit('LiveLibrary_Changed', {
      libraryChanged: { __typename: 'LibraryChange', kind: 'COLLECTION', id: 'c-1', removed: false },
    });
    await tick();
    expect(client.readQuery(CollectionPage_Collection, pageVariables)?.data ?? null).toBeNull();
    subscription.unsubscribe();
  });
});
