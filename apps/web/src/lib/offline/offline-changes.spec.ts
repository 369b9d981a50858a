// @vitest-environment jsdom
import type { SerializedEntries, SerializedRequest } from '@urql/exchange-graphcache';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { StarButton_SetStarred } from '../../components/gallery/star-button';
import { TagEditor_SetTags } from '../../components/gallery/tag-editor';
import { GalleryGrid_Images } from '../../components/gallery/use-gallery-images';
import { imageFixture, imagesPage } from '../testing/fixtures';
import { createUrqlClient, type OfflineStorage } from '../urql';
import type { ReplayRefusal } from './replay-refusals';

// The app's own client (graphcache's offlineExchange, the replay watch, fetch) over a storage kept
// in memory, as IndexedDB keeps it across a reload, and a fetch that fails like a browser offline.

const galleryVars = { first: 50, after: null, filter: null, sort: null };

function memoryStorage() {
  let data: SerializedEntries = {};
  let metadata: SerializedRequest[] | null = null;
  const online: (() => void)[] = [];
  const storage: OfflineStorage = {
    writeData: async (delta) => {
      data = { ...data, ...delta };
    },
    readData: async () => ({ ...data }),
    writeMetadata: (requests) => {
      metadata = requests;
    },
    readMetadata: async () => metadata,
    onOnline: (callback) => {
      online.push(callback);
    },
    clear: async () => {
      data = {};
      metadata = null;
    },
  };
  return {
    storage,
    queued: () => metadata ?? [],
    // Only the newest client is the live page: the one before it was reloaded away.
    backOnline: () => online.at(-1)?.(),
  };
}

function setOnline(value: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => value });
}

/** A server that answers by operation name; offline, every request fails as a browser's fetch does. */
function server(answers: Record<string, (variables: Record<string, unknown>) => unknown>) {
  const received: string[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    if (!navigator.onLine) throw new TypeError('Failed to fetch');
    // Queries go as GET (by hash), mutations as POST.
    const params = new URL(url instanceof Request ? url.url : url.toString(), 'http://test').searchParams;
    const body = (
      init?.body
        ? JSON.parse(init.body as string)
        : {
            operationName: params.get('operationName'),
            variables: JSON.parse(params.get('variables') ?? '{}'),
          }
    ) as { operationName: string; variables: Record<string, unknown> };
    received.push(body.operationName);
    const answer = answers[body.operationName];
    if (!answer) throw new Error(`no answer for ${body.operationName}`);
    return new Response(JSON.stringify({ data: answer(body.variables) }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, received };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

afterEach(() => setOnline(true));

// graphcache never writes its storage while NODE_ENV is 'test'; these tests are about that storage.
beforeAll(() => {
  vi.stubEnv('NODE_ENV', 'development');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('changes made offline', () => {
  it('show at once, are kept across a reload, and reach the server in order once online', async () => {
    let image = imageFixture(1);
    const { fetch, received } = server({
      GalleryGrid_Images: () => imagesPage([image]),
      StarButton_SetStarred: (vars) => ({
        setImageStarred: (image = { ...image, starred: vars.starred as boolean }),
      }),
      TagEditor_SetTags: (vars) => ({ setImageTags: (image = { ...image, tags: vars.tags as never[] }) }),
    });
    const device = memoryStorage();
    setOnline(true);
    const first = createUrqlClient({ storage: device.storage, fetch });
    // graphcache 9.0.2 keeps nothing written while it still reads the storage back: let it finish.
    await settle();
    await first.client.query(GalleryGrid_Images, galleryVars).toPromise();
    await settle();

    setOnline(false);
    void first.client.mutation(StarButton_SetStarred, { id: 'img-1', starred: true }).toPromise();
    void first.client.mutation(TagEditor_SetTags, { id: 'img-1', tags: ['train'] }).toPromise();
    await settle();
    const shown = (client: typeof first.client) =>
      client.readQuery(GalleryGrid_Images, galleryVars)?.data?.images.edges[0]?.node;
    expect(shown(first.client)).toMatchObject({ starred: true });
    expect(device.queued().map((request) => request.variables)).toEqual([
      { id: 'img-1', starred: true },
      { id: 'img-1', tags: ['train'] },
    ]);

    // A reload, still offline: a new client on the same storage shows the queued changes.
    const second = createUrqlClient({ storage: device.storage, fetch });
    await second.client.query(GalleryGrid_Images, galleryVars, { requestPolicy: 'cache-only' }).toPromise();
    await settle();
    expect(shown(second.client)).toMatchObject({ starred: true });
    expect(device.queued()).toHaveLength(2);
    expect(received.filter((name) => name !== 'GalleryGrid_Images')).toEqual([]);

    setOnline(true);
    device.backOnline();
    await vi.waitFor(() =>
      expect(received.filter((name) => name !== 'GalleryGrid_Images')).toEqual([
        'StarButton_SetStarred',
        'TagEditor_SetTags',
      ]),
    );
    await vi.waitFor(() => expect(device.queued()).toEqual([]));
    expect(image).toMatchObject({ starred: true, tags: ['train'] });
  });

  it('a change the server refuses on replay is reported, naming it, and undone', async () => {
    const image = imageFixture(2);
    const { fetch } = server({
      GalleryGrid_Images: () => imagesPage([image]),
      StarButton_SetStarred: () => ({
        setImageStarred: { __typename: 'NotFoundError', message: 'No image with that id.' },
      }),
    });
    const device = memoryStorage();
    const refusals: ReplayRefusal[] = [];
    setOnline(true);
    const app = createUrqlClient({
      storage: device.storage,
      fetch,
      onReplayRefused: (r) => refusals.push(r),
    });
    await app.client.query(GalleryGrid_Images, galleryVars).toPromise();
    await settle();
    const starred = () =>
      app.client.readQuery(GalleryGrid_Images, galleryVars)?.data?.images.edges[0]?.node.starred;

    setOnline(false);
    void app.client.mutation(StarButton_SetStarred, { id: 'img-2', starred: true }).toPromise();
    await settle();
    expect(starred()).toBe(true);
    expect(device.queued()).toHaveLength(1);

    setOnline(true);
    device.backOnline();
    await vi.waitFor(() => expect(refusals).toHaveLength(1));
    expect(refusals[0]).toEqual({
      field: 'setImageStarred',
      what: 'A star',
      reason: 'No image with that id.',
      imageId: 'img-2',
    });
    expect(starred()).toBe(false);
    expect(device.queued()).toEqual([]);
  });

  it('keeps what the first screen reads even while the cache is still being read back', async () => {
    const { fetch } = server({ GalleryGrid_Images: () => imagesPage([imageFixture(3)]) });
    const device = memoryStorage();
    const readBack = device.storage.readData.bind(device.storage);
    // IndexedDB can be slower than the network at start-up.
    device.storage.readData = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return readBack();
    };
    setOnline(true);
    const app = createUrqlClient({ storage: device.storage, fetch });
    await app.client.query(GalleryGrid_Images, galleryVars).toPromise();
    await settle();
    expect(Object.keys(await readBack()).some((key) => key.includes('img-3'))).toBe(true);

    setOnline(false);
    const reloaded = createUrqlClient({ storage: device.storage, fetch });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const shown = reloaded.client.readQuery(GalleryGrid_Images, galleryVars)?.data?.images.edges;
    expect(shown?.map((edge) => edge.node.id)).toEqual(['img-3']);
  });

  it('never queues work that costs money: a generate offline fails at once', async () => {
    const { fetch } = server({});
    const device = memoryStorage();
    setOnline(false);
    const app = createUrqlClient({ storage: device.storage, fetch });
    const result = await app.client
      .mutation(
        `mutation GenerateForm_GenerateImages($input: GenerateImagesInput!) { generateImages(input: $input) { __typename } }`,
        { input: { prompt: 'a kite', provider: 'local' } },
      )
      .toPromise();
    expect(result.error?.networkError?.message).toBe('Failed to fetch');
    expect(device.queued()).toEqual([]);
  });
});
