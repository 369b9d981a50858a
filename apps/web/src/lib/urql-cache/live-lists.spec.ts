import { describe, expect, it } from 'vitest';
import { BatchList_Batches } from '../../components/batch/batch-list';
import { GALLERY_PAGE_SIZE, GalleryGrid_Images } from '../../components/gallery/use-gallery-images';
import { HistoryTab_History } from '../../components/library/history-tab';
import { SavedPromptsTab_Prompts } from '../../components/library/saved-prompts-tab';
import { TemplatesTab_Templates } from '../../components/library/templates-tab';
import { LiveLists_Changed } from '../../components/layout/use-live-lists';
import { CollectionPage_Collection } from '../../pages/collection';
import { CollectionsPage_Collections } from '../../pages/collections';
import { PresetsPage_Presets } from '../../pages/presets';
import { imageFixture, imagesPage } from '../testing/fixtures';
import { createTestClient } from '../testing/urql';

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
    const subscription = client.subscription(LiveLists_Changed, {}).subscribe(() => {});

    server = [
      ['c-2', 'Sunsets'],
      ['c-1', 'Harbours at dawn'],
    ];
    emit('LiveLists_Changed', {
      libraryChanged: { __typename: 'LibraryChange', kind: 'COLLECTION', id: 'c-2', removed: false },
    });
    await tick();
    // The list is forgotten, so whoever shows it asks the server again and sees the new one.
    expect(names()).toBeNull();
    await client
      .query(CollectionsPage_Collections, listVariables, { requestPolicy: 'cache-and-network' })
      .toPromise();
    expect(names()).toEqual(['Sunsets', 'Harbours at dawn']);

    emit('LiveLists_Changed', {
      libraryChanged: { __typename: 'LibraryChange', kind: 'COLLECTION', id: 'c-1', removed: false },
    });
    await tick();
    expect(client.readQuery(CollectionPage_Collection, pageVariables)?.data ?? null).toBeNull();
    subscription.unsubscribe();
  });

  it('reads every list again when the server says it may have missed changes (EVERYTHING)', async () => {
    const empty = (typename: string) => ({
      __typename: typename,
      edges: [],
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    });
    const { client, emit } = createTestClient({
      CollectionsPage_Collections: () => list([['c-1', 'Harbours']]),
      SavedPromptsTab_Prompts: () => ({ savedPrompts: empty('QuerySavedPromptsConnection') }),
      HistoryTab_History: () => ({ promptHistory: empty('QueryPromptHistoryConnection') }),
      TemplatesTab_Templates: () => ({ templates: empty('QueryTemplatesConnection') }),
      PresetsPage_Presets: () => ({ stylePresets: empty('QueryStylePresetsConnection') }),
      BatchList_Batches: () => ({ batches: empty('QueryBatchesConnection') }),
      GalleryGrid_Images: () => imagesPage([imageFixture(1)]),
    });
    const lists = [
      [CollectionsPage_Collections, listVariables],
      [SavedPromptsTab_Prompts, { first: 50, after: null, search: null, tag: null }],
      [HistoryTab_History, { first: 50, after: null, search: null }],
      [TemplatesTab_Templates, { first: 50, after: null }],
      [PresetsPage_Presets, { first: 50, after: null }],
      [BatchList_Batches, { after: null }],
    ] as const;
    const gallery = { first: GALLERY_PAGE_SIZE };
    for (const [query, variables] of lists) await client.query(query, variables).toPromise();
    await client.query(GalleryGrid_Images, gallery).toPromise();
    const cached = () => lists.map(([query, variables]) => client.readQuery(query, variables)?.data != null);
    expect(cached()).toEqual([true, true, true, true, true, true]);
    const subscription = client.subscription(LiveLists_Changed, {}).subscribe(() => {});

    emit('LiveLists_Changed', {
      libraryChanged: { __typename: 'LibraryChange', kind: 'EVERYTHING', id: '', removed: false },
    });
    await tick();
    // Each list is forgotten, so whoever shows it asks the server again; the gallery is not a library list.
    expect(cached()).toEqual([false, false, false, false, false, false]);
    expect(client.readQuery(GalleryGrid_Images, gallery)?.data).toBeTruthy();
    subscription.unsubscribe();
  });
});
