// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GalleryGrid_Images, GALLERY_PAGE_SIZE } from '../components/gallery/use-gallery-images';
import { LiveImages_Added } from '../components/gallery/use-live-images';
import { GenerateForm_GenerateImages } from '../components/generate/generate-form';
import { Generative_EditImage } from '../components/editor/generative/documents';
import { ApiTokens_CreateApiToken } from '../components/settings/api-tokens';
import { SessionRoot_Session, SessionRoot_SignOut } from '../components/auth/session';
import {
  apiTokenFixture,
  imageFixture,
  imagesPage,
  sessionFixture,
  refusalFixture,
} from './testing/fixtures';
import { createUrqlClient, CSRF_HEADER, type OfflineStorage } from './urql';

type Answer = (variables: Record<string, unknown>) => { data?: unknown; errors?: unknown[]; status?: number };

/** A fetch that answers by operation name, and remembers every request it saw. */
function fakeFetch(answers: Record<string, Answer>) {
  const seen: { name: string; headers: Headers; body: BodyInit | null | undefined; credentials?: string }[] =
    [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body;
    type Payload = { operationName: string; variables: Record<string, unknown> };
    let payload: Payload;
    if (typeof body === 'string') payload = JSON.parse(body) as Payload;
    else if (body instanceof FormData) payload = JSON.parse(body.get('operations') as string) as Payload;
    else {
      // Queries go as GET within the URL length limit.
      const params = new URL(url instanceof Request ? url.url : url.toString()).searchParams;
      payload = {
        operationName: params.get('operationName') ?? '',
        variables: JSON.parse(params.get('variables') ?? '{}') as Record<string, unknown>,
      };
    }
    seen.push({
      name: payload.operationName,
      headers: new Headers(init?.headers),
      body,
      credentials: init?.credentials,
    });
    const answer = answers[payload.operationName];
    if (!answer) throw new Error(`no answer for ${payload.operationName}`);
    const { status = 200, ...result } = answer(payload.variables);
    return new Response(JSON.stringify(result), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen };
}

/** An offline storage in memory: what graphcache writes, and whether it was cleared. */
function memoryStorage() {
  let entries: Record<string, unknown> = {};
  const writes: Record<string, unknown>[] = [];
  const storage: OfflineStorage = {
    readData: async () => ({ ...entries }) as never,
    writeData: async (data) => {
      writes.push(data);
      entries = { ...entries, ...data };
    },
    readMetadata: async () => null,
    writeMetadata: () => {},
    onOnline: () => {},
    clear: vi.fn(async () => {
      entries = {};
    }),
  };
  return { storage, writes, entries: () => entries };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** graphcache skips persisting under NODE_ENV=test; the persistence tests need it as in the app. */
function persistLikeTheApp() {
  vi.stubEnv('NODE_ENV', 'development');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createUrqlClient', () => {
  it('sends the CSRF header on queries, mutations and uploads', async () => {
    const { fetch, seen } = fakeFetch({
      SessionRoot_Session: () => ({ data: sessionFixture() }),
      SessionRoot_SignOut: () => ({ data: { signOut: true } }),
      Generative_EditImage: () => ({
        data: {
          editImage: { ...refusalFixture('BaseError'), code: 'NOT_FOUND', message: 'gone', retryable: false },
        },
      }),
    });
    const { client } = createUrqlClient({ fetch, storage: null, url: 'http://test/graphql' });

    await client.query(SessionRoot_Session, {}).toPromise();
    await client.mutation(SessionRoot_SignOut, {}).toPromise();
    const mask = new File([new Uint8Array([1, 2, 3])], 'mask.png', { type: 'image/png' });
    await client
      .mutation(Generative_EditImage, {
        input: { imageId: 'img-1', prompt: 'a hat', provider: 'local', mask },
      })
      .toPromise();

    expect(seen.map((request) => request.name)).toEqual([
      'SessionRoot_Session',
      'SessionRoot_SignOut',
      'Generative_EditImage',
    ]);
    expect(seen[2]!.body).toBeInstanceOf(FormData);
    for (const request of seen) {
      expect(request.headers.get(CSRF_HEADER)).toBe('1');
      expect(request.credentials).toBe('same-origin');
    }
  });

  it('reports UNAUTHENTICATED and FORBIDDEN answers', async () => {
    const onAuthError = vi.fn();
    const { fetch } = fakeFetch({
      GalleryGrid_Images: (variables) => ({
        data: null,
        errors: [{ message: 'no', extensions: { code: variables.after ? 'FORBIDDEN' : 'UNAUTHENTICATED' } }],
      }),
    });
    const { client } = createUrqlClient({ fetch, storage: null, onAuthError, url: 'http://test/graphql' });
    await client.query(GalleryGrid_Images, { first: GALLERY_PAGE_SIZE }).toPromise();
    await client.query(GalleryGrid_Images, { first: GALLERY_PAGE_SIZE, after: 'x' }).toPromise();
    expect(onAuthError.mock.calls.map(([code]) => code)).toEqual(['UNAUTHENTICATED', 'FORBIDDEN']);
  });

  it('dispose clears the offline storage, and the old client writes nothing more to it', async () => {
    persistLikeTheApp();
    const { fetch } = fakeFetch({
      GalleryGrid_Images: (variables) => ({
        data: imagesPage(
          variables.after ? [imageFixture(1)] : [imageFixture(3), imageFixture(2)],
          !variables.after,
        ),
      }),
    });
    const memory = memoryStorage();
    const app = createUrqlClient({ fetch, storage: memory.storage, url: 'http://test/graphql' });
    await app.client.query(GalleryGrid_Images, { first: GALLERY_PAGE_SIZE }).toPromise();
    await tick();
    expect(JSON.stringify(memory.entries())).toContain('img-3');

    await app.dispose();
    expect(memory.storage.clear).toHaveBeenCalledTimes(1);
    expect(memory.entries()).toEqual({});

    const writesBefore = memory.writes.length;
    await app.client.query(GalleryGrid_Images, { first: GALLERY_PAGE_SIZE, after: 'c-img-2' }).toPromise();
    await tick();
    expect(memory.writes.length).toBe(writesBefore);
    expect(memory.entries()).toEqual({});
  });

  it('never persists an API token secret', async () => {
    persistLikeTheApp();
    const secret = 'atl_SECRET_shown_once_1234567890';
    const { fetch } = fakeFetch({
      ApiTokens_CreateApiToken: () => ({
        data: { createApiToken: { __typename: 'CreatedApiToken', secret, token: apiTokenFixture('t1') } },
      }),
    });
    const memory = memoryStorage();
    const { client } = createUrqlClient({ fetch, storage: memory.storage, url: 'http://test/graphql' });
    const result = await client
      .mutation(ApiTokens_CreateApiToken, { input: { name: 'ci', scopes: ['read'] } })
      .toPromise();
    await tick();
    expect(result.data?.createApiToken.__typename).toBe('CreatedApiToken');
    // The token itself is cached (and persisted); its secret is not.
    expect(JSON.stringify(memory.writes)).toContain('atl_t1');
    expect(JSON.stringify(memory.writes)).not.toContain(secret);
  });

  it('asks a query the database refused again once the server says, and never sends a mutation again', async () => {
    const unavailable = {
      message: 'The database is unavailable right now; nothing was done. Try again in 1 s.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfterSeconds: 0.05 },
    };
    let galleryAsked = 0;
    const { fetch, seen } = fakeFetch({
      GalleryGrid_Images: () =>
        // As the server answers over HTTP: 503, with the code and the wait in the body.
        ++galleryAsked === 1
          ? { status: 503, data: null, errors: [unavailable] }
          : { data: imagesPage([imageFixture(1)]) },
      SessionRoot_SignOut: () => ({ status: 503, data: null, errors: [unavailable] }),
      GenerateForm_GenerateImages: () => ({
        data: {
          generateImages: {
            ...refusalFixture('BaseError'),
            code: 'SERVICE_UNAVAILABLE',
            message: unavailable.message,
            retryable: true,
            details: { retryAfterSeconds: 0.05 },
          },
        },
      }),
    });
    const app = createUrqlClient({ fetch, storage: null, url: 'http://test/graphql' });
    const shown: { images?: unknown[]; code?: unknown }[] = [];
    const gallery = app.client.query(GalleryGrid_Images, { first: GALLERY_PAGE_SIZE }).subscribe((result) => {
      shown.push({
        images: result.data?.images.edges,
        code: result.error?.graphQLErrors[0]?.extensions.code,
      });
    });
    await vi.waitFor(() => expect(shown.at(-1)?.images).toHaveLength(1));
    expect(shown[0]).toEqual({ images: undefined, code: 'SERVICE_UNAVAILABLE' });
    expect(app.connection.reconnecting()).toBe(false);

    const signOut = await app.client.mutation(SessionRoot_SignOut, {}).toPromise();
    const generate = await app.client
      .mutation(GenerateForm_GenerateImages, { input: { prompt: 'a fox', provider: 'local' } })
      .toPromise();
    expect(signOut.error?.graphQLErrors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(generate.data?.generateImages.__typename).toBe('BaseError');
    expect(app.connection.reconnecting()).toBe(true);
    // Well past the 50 ms the server asked for: neither mutation went out again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.map((request) => request.name)).toEqual([
      'GalleryGrid_Images',
      'GalleryGrid_Images',
      'SessionRoot_SignOut',
      'GenerateForm_GenerateImages',
    ]);
    gallery.unsubscribe();
  });

  it('disposes quietly while its socket waits to reconnect to an unreachable server', async () => {
    /** A server that is down: every socket fails as it opens. */
    class UnreachableSocket extends EventTarget {
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      readyState = 0;
      onerror: ((event: Event) => void) | null = null;
      onclose: ((event: { code: number; reason: string }) => void) | null = null;
      constructor() {
        super();
        setTimeout(() => {
          this.readyState = 3;
          this.onerror?.(new Event('error'));
          this.onclose?.({ code: 1006, reason: '' });
        });
      }
      close() {}
      send() {}
    }
    vi.stubGlobal('WebSocket', UnreachableSocket);
    const unhandled: unknown[] = [];
    const remember = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', remember);
    try {
      const app = createUrqlClient({ fetch: fakeFetch({}).fetch, storage: null, url: 'http://test/graphql' });
      const errors: unknown[] = [];
      const subscription = app.client.subscription(LiveImages_Added, {}).subscribe((result) => {
        if (result.error) errors.push(result.error);
      });
      await tick(); // the first socket has failed; the client now waits to retry
      subscription.unsubscribe();
      await app.dispose();
      // The retry wait (at most 625 ms for the first retry) ends, finding nothing to reconnect for.
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(unhandled).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      process.off('unhandledRejection', remember);
      vi.unstubAllGlobals();
    }
  });
});
