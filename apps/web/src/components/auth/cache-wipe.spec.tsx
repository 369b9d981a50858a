// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GalleryGrid_Images, GALLERY_PAGE_SIZE } from '../gallery/use-gallery-images';
import { ToastProvider } from '../ui/toast';
import {
  accountFixture,
  imageFixture,
  imagesPage,
  jobsPage,
  providerFixture,
  providersResult,
  sessionFixture,
} from '../../lib/testing/fixtures';
import { createUrqlClient, type AppClient, type OfflineStorage } from '../../lib/urql';
import { routes } from '../../routes/router';
import { CACHE_OWNER_KEY, ClientProvider, type ClientFactory } from './client-provider';

/*
 * The real client (graphcache, persistence, the auth exchange) over a fake network and an
 * in-memory offline storage: proves that a sign-out, or a cache that belongs to someone else,
 * leaves nothing of the previous person in memory or in the offline storage.
 */

const ada = accountFixture();

function memoryStorage() {
  let entries: Record<string, unknown> = {};
  const storage: OfflineStorage = {
    readData: async () => ({ ...entries }) as never,
    writeData: async (data) => {
      entries = { ...entries, ...data };
    },
    readMetadata: async () => null,
    writeMetadata: () => {},
    onOnline: () => {},
    clear: vi.fn(async () => {
      entries = {};
    }),
  };
  return { storage, entries: () => entries };
}

type Answers = Record<string, (variables: Record<string, unknown>) => unknown>;

function fakeFetch(answers: Answers) {
  const names: string[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    const params = new URL(url instanceof Request ? url.url : url.toString()).searchParams;
    const name = (body?.operationName as string | undefined) ?? params.get('operationName') ?? '';
    const variables =
      (body?.variables as Record<string, unknown> | undefined) ??
      (JSON.parse(params.get('variables') ?? '{}') as Record<string, unknown>);
    names.push(name);
    const answer = answers[name];
    if (!answer) throw new Error(`no answer for ${name}`);
    return new Response(JSON.stringify({ data: answer(variables) }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, names };
}

function renderRealApp(path: string, answers: Answers, storage: OfflineStorage) {
  const { fetch, names } = fakeFetch({
    ActiveJobs_Jobs: () => jobsPage([]),
    GenerateForm_Providers: () => providersResult(providerFixture()),
    ...answers,
  });
  const made: AppClient[] = [];
  const create: ClientFactory = (onAuthError) => {
    const app = createUrqlClient({ onAuthError, fetch, storage, url: 'http://test/graphql' });
    made.push(app);
    return app;
  };
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <ToastProvider>
      <ClientProvider create={create}>
        <RouterProvider router={router} />
      </ClientProvider>
    </ToastProvider>,
  );
  return { made, names, router };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  window.localStorage.clear();
  // graphcache does not persist under NODE_ENV=test; these tests need it to, as in the app.
  vi.stubEnv('NODE_ENV', 'development');
});
afterEach(() => vi.unstubAllEnvs());

describe('wiping the cache', () => {
  it('on sign-out: the images are gone from memory and the offline storage is cleared', async () => {
    const user = userEvent.setup();
    const memory = memoryStorage();
    window.localStorage.setItem(CACHE_OWNER_KEY, ada.id);
    let viewer: typeof ada | null = ada;
    const { made, router } = renderRealApp(
      '/',
      {
        SessionRoot_Session: () => sessionFixture({ viewer }),
        GalleryGrid_Images: () =>
          imagesPage([imageFixture(2, { prompt: 'ada’s lighthouse' }), imageFixture(1)]),
        SessionRoot_SignOut: () => {
          viewer = null;
          return { signOut: true };
        },
      },
      memory.storage,
    );

    const recent = await screen.findByRole('region', { name: 'Recent images' });
    expect(await within(recent).findByRole('img', { name: 'ada’s lighthouse' })).toBeTruthy();
    await tick();
    expect(JSON.stringify(memory.entries())).toContain('ada’s lighthouse');

    await user.click(screen.getByRole('button', { name: 'Account' }));
    await user.click(screen.getByRole('menuitem', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(memory.storage.clear).toHaveBeenCalledTimes(1);
    await tick();
    expect(JSON.stringify(memory.entries())).not.toContain('ada’s lighthouse');
    expect(screen.queryByRole('img', { name: 'ada’s lighthouse' })).toBeNull();

    // The client in use now is a new one, and it knows no images.
    expect(made).toHaveLength(2);
    const fresh = made[1]!.client;
    const cached = fresh.readQuery(GalleryGrid_Images, { first: GALLERY_PAGE_SIZE });
    expect(cached?.data ?? null).toBeNull();
    expect(window.localStorage.getItem(CACHE_OWNER_KEY)).toBeNull();
  });

  it('when another account signs in: the previous account’s persisted images never show', async () => {
    const user = userEvent.setup();
    const memory = memoryStorage();
    // Ada browsed earlier; her images are in the offline storage, and her session has ended.
    const earlier = createUrqlClient({
      fetch: fakeFetch({
        GalleryGrid_Images: () => imagesPage([imageFixture(7, { prompt: 'ada’s secret' })]),
      }).fetch,
      storage: memory.storage,
      url: 'http://test/graphql',
    });
    await earlier.client.query(GalleryGrid_Images, { first: GALLERY_PAGE_SIZE }).toPromise();
    await tick();
    expect(JSON.stringify(memory.entries())).toContain('ada’s secret');
    window.localStorage.setItem(CACHE_OWNER_KEY, ada.id);

    const bob = accountFixture({ id: 'acc-2', email: 'bob@example.com', displayName: 'Bob', role: 'USER' });
    let viewer: typeof bob | null = null;
    renderRealApp(
      '/sign-in',
      {
        SessionRoot_Session: () => sessionFixture({ viewer }),
        SignInPage_SignIn: () => {
          viewer = bob;
          return { signIn: bob };
        },
        GalleryGrid_Images: () => imagesPage([imageFixture(8, { prompt: 'bob’s boat' })]),
      },
      memory.storage,
    );

    await screen.findByRole('heading', { name: 'Sign in' });
    // Nobody is signed in, and the cache was Ada's: it is cleared at once.
    await waitFor(() => expect(memory.storage.clear).toHaveBeenCalled());
    expect(JSON.stringify(memory.entries())).not.toContain('ada’s secret');

    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'bob@example.com');
    await user.type(screen.getByLabelText('Password'), 'bob’s long password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const recent = await screen.findByRole('region', { name: 'Recent images' });
    expect(await within(recent).findByRole('img', { name: 'bob’s boat' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'ada’s secret' })).toBeNull();
    expect(window.localStorage.getItem(CACHE_OWNER_KEY)).toBe(bob.id);
  });
});
