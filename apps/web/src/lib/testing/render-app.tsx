import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { CACHE_OWNER_KEY, ClientProvider, type ClientFactory } from '../../components/auth/client-provider';
import { ToastProvider } from '../../components/ui/toast';
import { routes } from '../../routes/router';
import { imagesPage, jobsPage, providerFixture, providersResult } from './fixtures';
import { createTestClient, type Fixture, type TestClient } from './urql';

/** What the signed-in shell and its first pages ask for, answered with nothing much. */
export const shellFixtures: Record<string, Fixture> = {
  ActiveJobs_Jobs: () => jobsPage([]),
  GalleryGrid_Images: () => imagesPage([]),
  GenerateForm_Providers: () => providersResult(providerFixture()),
  PresetPicker_Presets: () => ({ stylePresets: { __typename: 'QueryStylePresetsConnection', edges: [] } }),
  Invites_List: () => ({ invites: [] }),
  CollectionSelect_Collections: () => ({
    collections: { __typename: 'QueryCollectionsConnection', edges: [] },
  }),
};

/**
 * The whole app — the real routes, session handling and graphcache — at `path`, over fixtures.
 * `owner` is whose data the (persisted) cache holds when the app starts. Every client the app
 * makes is kept, and each wipe is counted.
 */
export function renderApp(
  path: string,
  fixtures: Record<string, Fixture>,
  { owner = null as string | null } = {},
) {
  if (owner) window.localStorage.setItem(CACHE_OWNER_KEY, owner);
  else window.localStorage.removeItem(CACHE_OWNER_KEY);
  const clients: TestClient[] = [];
  const wipes: number[] = [];
  const create: ClientFactory = (onAuthError) => {
    const test = createTestClient({ ...shellFixtures, ...fixtures }, { onAuthError });
    const index = clients.push(test) - 1;
    return {
      client: test.client,
      connection: test.connection,
      dispose: async () => {
        wipes.push(index);
      },
    };
  };
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  render(
    <ToastProvider>
      <ClientProvider create={create}>
        <RouterProvider router={router} />
      </ClientProvider>
    </ToastProvider>,
  );
  return {
    router,
    user,
    clients,
    wipes,
    /** The current path with its query string. */
    location: () => `${router.state.location.pathname}${router.state.location.search}`,
  };
}
