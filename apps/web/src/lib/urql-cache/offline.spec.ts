import { describe, expect, it } from 'vitest';
import { AddToCollectionDialog_Add } from '../../components/collections/add-to-collection-dialog';
import { CollectionChooser_Collections } from '../../components/collections/collection-chooser';
import { ImageCollections_Collections } from '../../components/collections/image-collections';
import { GalleryGrid_Images } from '../../components/gallery/use-gallery-images';
import { SavedPromptDialog_Save } from '../../components/library/saved-prompt-dialog';
import { SavedPromptsTab_Prompts } from '../../components/library/saved-prompts-tab';
import { imageFixture, imagesPage } from '../testing/fixtures';
import { createTestClient } from '../testing/urql';
import { OFFLINE_ID_PREFIX } from './offline';

// The optimistic answers that let small changes show at once (and be queued while offline); the
// specs read the cache right after sending, before the "server" answers.

const savedPrompt = (id: string, title: string) => ({
  __typename: 'SavedPrompt',
  id,
  title,
  prompt: `${title} prompt`,
  negativePrompt: null,
  tags: [],
  notes: null,
  updatedAt: '2026-12-01T10:00:00.000Z',
});

const listVars = { first: 50, after: null, search: null, tag: null };

describe('changes that show at once', () => {
  it('a saved prompt tops the saved-prompt list before the server answers; the answer refreshes the list', async () => {
    let rows = [savedPrompt('p1', 'Harbour')];
    const { client, requests } = createTestClient({
      SavedPromptsTab_Prompts: () => ({
        savedPrompts: {
          __typename: 'QuerySavedPromptsConnection',
          edges: rows.map((node) => ({
            __typename: 'QuerySavedPromptsConnectionEdge',
            cursor: node.id,
            node,
          })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        },
      }),
      SavedPromptDialog_Save: () => {
        rows = [savedPrompt('p2', 'Forest'), ...rows];
        return { savePrompt: rows[0] };
      },
    });
    await client.query(SavedPromptsTab_Prompts, listVars).toPromise();
    const sent = client
      .mutation(SavedPromptDialog_Save, { input: { title: 'Forest', prompt: 'Forest prompt' } })
      .toPromise();
    const shown = client
      .readQuery(SavedPromptsTab_Prompts, listVars)
      ?.data?.savedPrompts.edges.map((e) => e.node);
    expect(shown?.map((node) => node.title)).toEqual(['Forest', 'Harbour']);
    expect(shown?.[0]?.id.startsWith(OFFLINE_ID_PREFIX)).toBe(true);

    await sent;
    const again = await client.query(SavedPromptsTab_Prompts, listVars).toPromise();
    expect(again.data?.savedPrompts.edges.map((edge) => edge.node.id)).toEqual(['p2', 'p1']);
    expect(requests.filter((name) => name === 'SavedPromptsTab_Prompts')).toHaveLength(2);
  });

  it('an image added to a collection lists it on its page at once', async () => {
    const { client } = createTestClient({
      ImageCollections_Collections: () => ({ image: { __typename: 'Image', id: 'img-1', collections: [] } }),
      CollectionChooser_Collections: () => ({
        collections: {
          __typename: 'QueryCollectionsConnection',
          edges: [
            {
              __typename: 'QueryCollectionsConnectionEdge',
              node: { __typename: 'Collection', id: 'col-1', name: 'Trip', isSmart: false, imageCount: 3 },
            },
          ],
        },
      }),
      AddToCollectionDialog_Add: () => ({
        addImagesToCollection: {
          __typename: 'Collection',
          id: 'col-1',
          name: 'Trip',
          imageCount: 4,
          updatedAt: '2026-12-07T10:00:00.000Z',
        },
      }),
    });
    await client.query(ImageCollections_Collections, { id: 'img-1' }).toPromise();
    await client.query(CollectionChooser_Collections, { first: 100, search: null }).toPromise();
    const sent = client.mutation(AddToCollectionDialog_Add, { id: 'col-1', imageIds: ['img-1'] }).toPromise();
    const names = () =>
      client
        .readQuery(ImageCollections_Collections, { id: 'img-1' })
        ?.data?.image?.collections.map((c) => c.name);
    expect(names()).toEqual(['Trip']);
    const count = client.readQuery(CollectionChooser_Collections, { first: 100, search: null })?.data
      ?.collections.edges[0]?.node.imageCount;
    expect(count).toBe(4);
    await sent;
  });

  it('marks thumbnail addresses as renditions (kept offline), never the original', async () => {
    const { client } = createTestClient({ GalleryGrid_Images: () => imagesPage([imageFixture(1)]) });
    const result = await client
      .query(GalleryGrid_Images, { first: 50, after: null, filter: null, sort: null })
      .toPromise();
    const image = result.data?.images.edges[0]?.node;
    expect(image?.thumbnails.map((thumbnail) => thumbnail.url)).toEqual([
      '/files/img-1-256.webp?rendition=256',
      '/files/img-1-768.webp?rendition=768',
    ]);
    expect(image?.url).toBe('/files/img-1.png');
  });
});
