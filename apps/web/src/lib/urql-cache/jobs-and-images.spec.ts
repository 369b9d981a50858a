import { describe, expect, it } from 'vitest';
import { GalleryGrid_Images, GALLERY_PAGE_SIZE } from '../../components/gallery/use-gallery-images';
import { GenerateForm_GenerateImages } from '../../components/generate/generate-form';
import { ActiveJobs_Jobs, activeJobsVariables } from '../../components/job/active-jobs';
import { JobCard_JobById } from '../../components/job/job-card';
import { JobWatcher_JobUpdated } from '../../components/job/job-watcher';
import { DeleteImageDialog_DeleteImage } from '../../components/gallery/delete-image-dialog';
import { Generative_EditImage, Generative_OutpaintImage } from '../../components/editor/generative/documents';
import { EnhanceForm_EnhanceImage } from '../../components/image-actions/enhance-form';
import { RestyleForm_RestyleImage } from '../../components/image-actions/restyle-form';
import { VariationsForm_CreateVariations } from '../../components/image-actions/variations-form';
import { ImageDetailPage_Image } from '../../pages/image-detail';
import { createTestClient } from '../testing/urql';
import {
  imageDetailFixture,
  imageFixture,
  imagesPage,
  jobFixture,
  jobInputFixture,
  jobsPage,
  refusalFixture,
} from '../testing/fixtures';
import { imageMatchesFilter } from './images';

const unfiltered = { first: GALLERY_PAGE_SIZE };

function galleryIds(client: ReturnType<typeof createTestClient>['client'], variables: object = unfiltered) {
  const data = client.readQuery(GalleryGrid_Images, { ...unfiltered, ...variables })?.data;
  return data?.images.edges.map((edge) => edge.node.id);
}

function activeJobIds(client: ReturnType<typeof createTestClient>['client']) {
  return client.readQuery(ActiveJobs_Jobs, activeJobsVariables)?.data?.jobs.edges.map((edge) => edge.node.id);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('graphcache updaters', () => {
  it('puts a finished job’s images on top of the gallery without asking the server again', async () => {
    const { client, requests, emit } = createTestClient({
      GalleryGrid_Images: () => imagesPage([imageFixture(2), imageFixture(1)]),
      ActiveJobs_Jobs: () => jobsPage([jobFixture('job-1', 'RUNNING')]),
    });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    await client.query(ActiveJobs_Jobs, activeJobsVariables).toPromise();
    const subscription = client
      .subscription(JobWatcher_JobUpdated, { id: 'job-1', afterSeq: 1 })
      .subscribe(() => {});

    emit('JobWatcher_JobUpdated', {
      jobUpdated: jobFixture('job-1', 'SUCCEEDED', { seq: 5, images: [imageFixture(4), imageFixture(3)] }),
    });
    await tick();

    expect(galleryIds(client)).toEqual(['img-4', 'img-3', 'img-2', 'img-1']);
    expect(activeJobIds(client)).toEqual([]);
    expect(requests.filter((name) => name === 'GalleryGrid_Images')).toHaveLength(1);
    subscription.unsubscribe();
  });

  it('adds new images only to gallery lists whose filter they match', async () => {
    const { client, emit } = createTestClient({
      GalleryGrid_Images: (vars) => {
        const provider = (vars.filter as { provider?: string } | undefined)?.provider;
        return imagesPage([imageFixture(1, provider ? { provider } : {})]);
      },
    });
    const local = { filter: { provider: 'local' } };
    const other = { filter: { provider: 'openai' } };
    const future = { filter: { startDate: '2030-01-01T00:00:00.000Z' } };
    for (const variables of [unfiltered, local, other, future]) {
      await client.query(GalleryGrid_Images, { ...unfiltered, ...variables }).toPromise();
    }
    const subscription = client.subscription(JobWatcher_JobUpdated, { id: 'job-1' }).subscribe(() => {});
    emit('JobWatcher_JobUpdated', {
      jobUpdated: jobFixture('job-1', 'SUCCEEDED', { images: [imageFixture(9)] }),
    });
    await tick();

    expect(galleryIds(client)).toEqual(['img-9', 'img-1']);
    expect(galleryIds(client, local)).toEqual(['img-9', 'img-1']);
    expect(galleryIds(client, other)).toEqual(['img-1']);
    expect(galleryIds(client, future)).toEqual(['img-1']);
    subscription.unsubscribe();
  });

  it('does not duplicate images when the final event arrives twice', async () => {
    const { client, emit } = createTestClient({ GalleryGrid_Images: () => imagesPage([imageFixture(1)]) });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    const subscription = client.subscription(JobWatcher_JobUpdated, { id: 'job-1' }).subscribe(() => {});
    const done = { jobUpdated: jobFixture('job-1', 'SUCCEEDED', { images: [imageFixture(2)] }) };
    emit('JobWatcher_JobUpdated', done);
    emit('JobWatcher_JobUpdated', done);
    await tick();
    expect(galleryIds(client)).toEqual(['img-2', 'img-1']);
    subscription.unsubscribe();
  });

  it('keeps later pages merged after the top of the list grows', async () => {
    const { client, emit } = createTestClient({
      GalleryGrid_Images: (vars) =>
        vars.after ? imagesPage([imageFixture(1)]) : imagesPage([imageFixture(3), imageFixture(2)], true),
    });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    await client.query(GalleryGrid_Images, { ...unfiltered, after: 'c-img-2' }).toPromise();
    expect(galleryIds(client)).toEqual(['img-3', 'img-2', 'img-1']);

    const subscription = client.subscription(JobWatcher_JobUpdated, { id: 'job-1' }).subscribe(() => {});
    emit('JobWatcher_JobUpdated', {
      jobUpdated: jobFixture('job-1', 'SUCCEEDED', { images: [imageFixture(4)] }),
    });
    await tick();
    expect(galleryIds(client)).toEqual(['img-4', 'img-3', 'img-2', 'img-1']);
    subscription.unsubscribe();
  });

  it('lists a submitted job as active at once and drops it when it ends', async () => {
    const job = jobFixture('job-7', 'QUEUED', { queuePosition: 2 });
    const { client, requests, emit } = createTestClient({
      ActiveJobs_Jobs: () => jobsPage([]),
      GenerateForm_GenerateImages: () => ({ generateImages: job }),
    });
    await client.query(ActiveJobs_Jobs, activeJobsVariables).toPromise();
    await client
      .mutation(GenerateForm_GenerateImages, { input: { prompt: 'a fox', provider: 'local' } })
      .toPromise();
    expect(activeJobIds(client)).toEqual(['job-7']);

    // A card can read the job straight from the cache.
    const card = await client.query(JobCard_JobById, { id: 'job-7' }).toPromise();
    expect(card.data?.job?.queuePosition).toBe(2);
    expect(requests).not.toContain('JobCard_JobById');

    const subscription = client.subscription(JobWatcher_JobUpdated, { id: 'job-7' }).subscribe(() => {});
    emit('JobWatcher_JobUpdated', { jobUpdated: jobFixture('job-7', 'RUNNING', { progress: 0.45, seq: 3 }) });
    await tick();
    expect(activeJobIds(client)).toEqual(['job-7']);
    expect(client.readQuery(JobCard_JobById, { id: 'job-7' })?.data?.job?.progress).toBe(0.45);

    emit('JobWatcher_JobUpdated', {
      jobUpdated: jobFixture('job-7', 'FAILED', {
        error: { __typename: 'JobError', code: 'TIMEOUT', message: 'Too slow', details: {}, retryable: true },
      }),
    });
    await tick();
    expect(activeJobIds(client)).toEqual([]);
    expect(client.readQuery(JobCard_JobById, { id: 'job-7' })?.data?.job?.error?.message).toBe('Too slow');
    subscription.unsubscribe();
  });

  it('removes a deleted image from every gallery list, before the server answers', async () => {
    let answer: (() => unknown) | null = null;
    const { client } = createTestClient({
      GalleryGrid_Images: (vars) =>
        imagesPage(vars.filter ? [imageFixture(2)] : [imageFixture(3), imageFixture(2), imageFixture(1)]),
      DeleteImageDialog_DeleteImage: () => answer?.(),
    });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    await client.query(GalleryGrid_Images, { ...unfiltered, filter: { provider: 'local' } }).toPromise();

    answer = () => ({ deleteImage: { __typename: 'DeleteImagePayload', deletedImageId: 'img-2' } });
    const pending = client.mutation(DeleteImageDialog_DeleteImage, { id: 'img-2' }).toPromise();
    expect(galleryIds(client)).toEqual(['img-3', 'img-1']); // optimistic
    await pending;
    expect(galleryIds(client)).toEqual(['img-3', 'img-1']);
    expect(galleryIds(client, { filter: { provider: 'local' } })).toEqual([]);
  });

  it('puts the image back when the server refuses to delete it', async () => {
    const { client } = createTestClient({
      GalleryGrid_Images: () => imagesPage([imageFixture(2), imageFixture(1)]),
      DeleteImageDialog_DeleteImage: () => ({
        deleteImage: { ...refusalFixture('NotFoundError'), code: 'NOT_FOUND', message: 'No such image' },
      }),
    });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    await client.mutation(DeleteImageDialog_DeleteImage, { id: 'img-2' }).toPromise();
    expect(galleryIds(client)).toEqual(['img-2', 'img-1']);
  });
});

describe('imageMatchesFilter', () => {
  const image = { id: 'x', provider: 'local', createdAt: '2026-03-10T12:00:00.000Z' };
  it('applies provider and a half-open date range like the server', () => {
    expect(imageMatchesFilter(image, { provider: 'local' })).toBe(true);
    expect(imageMatchesFilter(image, { provider: 'openai' })).toBe(false);
    expect(imageMatchesFilter(image, { startDate: '2026-03-10T12:00:00.000Z' })).toBe(true);
    expect(imageMatchesFilter(image, { endDate: '2026-03-10T12:00:00.000Z' })).toBe(false);
    expect(imageMatchesFilter(image, { tags: ['cats'] })).toBe(false);
  });
});

describe('graphcache updaters for image actions', () => {
  const queued = (kind: string) =>
    jobFixture('job-9', 'QUEUED', {
      kind,
      input: jobInputFixture({
        prompt: 'prompt 1',
        sourceImage: { __typename: 'Image', id: 'img-1', prompt: 'prompt 1' },
      }),
    });

  it.each([
    ['VARIATION', VariationsForm_CreateVariations, 'VariationsForm_CreateVariations', 'createVariations'],
    ['ENHANCE', EnhanceForm_EnhanceImage, 'EnhanceForm_EnhanceImage', 'enhanceImage'],
    ['RESTYLE', RestyleForm_RestyleImage, 'RestyleForm_RestyleImage', 'restyleImage'],
    ['EDIT', Generative_EditImage, 'Generative_EditImage', 'editImage'],
    ['OUTPAINT', Generative_OutpaintImage, 'Generative_OutpaintImage', 'outpaintImage'],
  ] as const)('lists a queued %s job as active at once', async (kind, document, name, field) => {
    const { client, requests } = createTestClient({
      ActiveJobs_Jobs: () => jobsPage([]),
      [name]: () => ({ [field]: queued(kind) }),
    });
    await client.query(ActiveJobs_Jobs, activeJobsVariables).toPromise();
    await client.mutation(document, { input: { imageId: 'img-1' } }).toPromise();
    expect(activeJobIds(client)).toEqual(['job-9']);
    const card = await client.query(JobCard_JobById, { id: 'job-9' }).toPromise();
    expect(card.data?.job?.kind).toBe(kind);
    expect(requests).not.toContain('JobCard_JobById');
  });

  it('leaves the active list alone when the server refuses the input', async () => {
    const { client } = createTestClient({
      ActiveJobs_Jobs: () => jobsPage([]),
      EnhanceForm_EnhanceImage: () => ({
        enhanceImage: {
          ...refusalFixture('InvalidInputError'),
          code: 'INVALID_INPUT',
          message: 'No',
          issues: [],
        },
      }),
    });
    await client.query(ActiveJobs_Jobs, activeJobsVariables).toPromise();
    await client.mutation(EnhanceForm_EnhanceImage, { input: { imageId: 'img-1', scale: 8 } }).toPromise();
    expect(activeJobIds(client)).toEqual([]);
  });

  it('adds the results of a finished job to its source image’s children and the gallery, without a refetch', async () => {
    const { client, requests, emit } = createTestClient({
      GalleryGrid_Images: () => imagesPage([imageFixture(1)]),
      ImageDetailPage_Image: () => ({
        image: imageDetailFixture(1, { children: [imageFixture(2, { operation: 'VARIATION' })] }),
      }),
    });
    await client.query(GalleryGrid_Images, unfiltered).toPromise();
    await client.query(ImageDetailPage_Image, { id: 'img-1' }).toPromise();
    const subscription = client.subscription(JobWatcher_JobUpdated, { id: 'job-9' }).subscribe(() => {});

    emit('JobWatcher_JobUpdated', {
      jobUpdated: jobFixture('job-9', 'SUCCEEDED', {
        kind: 'ENHANCE',
        input: jobInputFixture({
          sourceImage: { __typename: 'Image', id: 'img-1', prompt: 'prompt 1' },
          scale: 2,
        }),
        images: [imageFixture(5, { operation: 'ENHANCE', width: 2048, height: 1536 })],
      }),
    });
    await tick();

    const detail = client.readQuery(ImageDetailPage_Image, { id: 'img-1' })?.data?.image;
    expect(detail?.children.map((child) => [child.id, child.operation])).toEqual([
      ['img-5', 'ENHANCE'],
      ['img-2', 'VARIATION'],
    ]);
    expect(galleryIds(client)).toEqual(['img-5', 'img-1']);
    expect(requests.filter((name) => name === 'ImageDetailPage_Image')).toHaveLength(1);
    subscription.unsubscribe();
  });

  it('takes a deleted image out of its parent’s children', async () => {
    const { client } = createTestClient({
      ImageDetailPage_Image: () => ({
        image: imageDetailFixture(1, {
          children: [
            imageFixture(3, { operation: 'VARIATION', parent: { __typename: 'Image', id: 'img-1' } }),
            imageFixture(2, { operation: 'VARIATION', parent: { __typename: 'Image', id: 'img-1' } }),
          ],
        }),
      }),
      DeleteImageDialog_DeleteImage: () => ({
        deleteImage: { __typename: 'DeleteImagePayload', deletedImageId: 'img-3' },
      }),
    });
    await client.query(ImageDetailPage_Image, { id: 'img-1' }).toPromise();
    await client.mutation(DeleteImageDialog_DeleteImage, { id: 'img-3' }).toPromise();
    const detail = client.readQuery(ImageDetailPage_Image, { id: 'img-1' })?.data?.image;
    expect(detail?.children.map((child) => child.id)).toEqual(['img-2']);
  });
});
