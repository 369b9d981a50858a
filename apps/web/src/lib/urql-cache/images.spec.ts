import { describe, expect, it } from 'vitest';
import { BulkBar_DeleteImages } from '../../components/gallery/bulk-bar';
import { StarButton_SetStarred } from '../../components/gallery/star-button';
import { GalleryGrid_Images, GALLERY_PAGE_SIZE } from '../../components/gallery/use-gallery-images';
import { LiveImages_Added, LiveImages_Updated } from '../../components/gallery/use-live-images';
import { createTestClient } from '../testing/urql';
import { imageFixture, imagesPage } from '../testing/fixtures';

const unfiltered = { first: GALLERY_PAGE_SIZE };
const starredOnly = { ...unfiltered, filter: { starred: true } };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function galleryIds(client: ReturnType<typeof createTestClient>['client'], variables: object = unfiltered) {
  return client
    .readQuery(GalleryGrid_Images, { ...unfiltered, ...variables })
    ?.data?.images.edges.map((edge) => edge.node.id);
}

const live = (image: ReturnType<typeof imageFixture>) => ({
  imageAdded: { ...image, model: 'procedural-v1', deletedAt: null },
});

describe('graphcache updaters for the gallery and the trash', () => {
  it('puts an image from imageAdded on top of the unfiltered gallery, and refetches a search', async () => {
    // The server would still answer without img-2: seeing it proves the list was not refetched.
    const { client, emit } = createTestClient({
      GalleryGrid_Images: (vars) => imagesPage(vars.filter ? [] : [imageFixture(1)]),
    });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    await client.query(GalleryGrid_Images, { ...unfiltered, filter: { search: 'fox' } }).toPromise();
    const subscription = client.subscription(LiveImages_Added, {}).subscribe(() => {});

    emit('LiveImages_Added', live(imageFixture(2)));
    await tick();

    expect(galleryIds(client)).toEqual(['img-2', 'img-1']);
    // The search is the server's to judge: its list is forgotten, so whoever shows it asks again.
    expect(
      client.readQuery(GalleryGrid_Images, { ...unfiltered, filter: { search: 'fox' } })?.data ?? null,
    ).toBeNull();
    subscription.unsubscribe();
  });

  it("keeps a new image out of a batch's list, which the server judges again", async () => {
    const batchOnly = { ...unfiltered, filter: { batchId: 'QmF0Y2g6MQ==' } };
    const { client, emit } = createTestClient({
      GalleryGrid_Images: () => imagesPage([imageFixture(1)]),
    });
    await client.query(GalleryGrid_Images, batchOnly).toPromise();
    const subscription = client.subscription(LiveImages_Added, {}).subscribe(() => {});

    emit('LiveImages_Added', live(imageFixture(2)));
    await tick();

    // Not put on top as if it were the batch's: the list is forgotten, so whoever shows it asks again.
    expect(client.readQuery(GalleryGrid_Images, batchOnly)?.data ?? null).toBeNull();
    subscription.unsubscribe();
  });

  it('flips a star at once and takes an unstarred image out of the starred list', async () => {
    const { client } = createTestClient({
      GalleryGrid_Images: (vars) =>
        imagesPage(vars.filter ? [imageFixture(1, { starred: true })] : [imageFixture(1, { starred: true })]),
      StarButton_SetStarred: () => ({
        setImageStarred: { __typename: 'Image', id: 'img-1', starred: false },
      }),
    });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    await client.query(GalleryGrid_Images, starredOnly).toPromise();

    await client.mutation(StarButton_SetStarred, { id: 'img-1', starred: false }).toPromise();

    expect(galleryIds(client)).toEqual(['img-1']);
    expect(galleryIds(client, starredOnly)).toEqual([]);
    expect(client.readQuery(GalleryGrid_Images, unfiltered)?.data?.images.edges[0]?.node.starred).toBe(false);
  });

  it('takes trashed images out of every gallery list, from a bulk delete or another tab', async () => {
    const { client, emit } = createTestClient({
      GalleryGrid_Images: () => imagesPage([imageFixture(3), imageFixture(2), imageFixture(1)]),
      BulkBar_DeleteImages: () => ({
        deleteImages: { __typename: 'DeletedImagesPayload', deletedImageIds: ['img-3', 'img-1'] },
      }),
    });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    const subscription = client.subscription(LiveImages_Updated, {}).subscribe(() => {});

    await client.mutation(BulkBar_DeleteImages, { ids: ['img-3', 'img-1'] }).toPromise();
    expect(galleryIds(client)).toEqual(['img-2']);

    emit('LiveImages_Updated', {
      imageUpdated: {
        __typename: 'Image',
        id: 'img-2',
        starred: false,
        tags: [],
        deletedAt: '2026-03-01T00:00:00.000Z',
        purgeAt: '2026-03-31T00:00:00.000Z',
      },
    });
    await tick();
    expect(galleryIds(client)).toEqual([]);
    subscription.unsubscribe();
  });
});
