// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { imageFixture, imagesPage, sessionFixture } from '../../lib/testing/fixtures';
import { GalleryGrid_Images } from '../gallery/use-gallery-images';
import { renderApp, shellFixtures } from '../../lib/testing/render-app';
import { serviceUnavailableError, type Fixture } from '../../lib/testing/urql';

const WORDS = /Reconnecting… changes will appear when the server is back/;

beforeEach(() => window.localStorage.clear());

describe('the reconnecting notice', () => {
  it('is announced politely while the socket is down, and goes once it is connected again', async () => {
    // The cache already belongs to this account, so the app keeps its first client.
    const app = renderApp('/gallery', { SessionRoot_Session: () => sessionFixture() }, { owner: 'acc-1' });
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByText(WORDS)).toBeNull();
    expect(app.clients).toHaveLength(1);
    const connection = app.clients[0]!.connection;

    act(() => connection.setSocketDown(true));
    const notice = (await screen.findByText(WORDS)).closest('[role="status"]');
    expect(notice?.getAttribute('aria-live')).toBe('polite');

    act(() => connection.setSocketDown(false));
    await waitFor(() => expect(screen.queryByText(WORDS)).toBeNull());
  });

  it('shows while the server cannot reach its database, until a later answer succeeds', async () => {
    // While the database is away every answer is SERVICE_UNAVAILABLE, as the server gives them; so
    // a query the page sends late (a lazy part loading slowly) cannot clear the notice early.
    let databaseUp = true;
    const whileUp =
      (fixture: Fixture): Fixture =>
      (vars) =>
        databaseUp ? fixture(vars) : serviceUnavailableError(5);
    const fixtures: Record<string, Fixture> = {
      ...shellFixtures,
      SessionRoot_Session: () => sessionFixture(),
      GalleryGrid_Images: () => imagesPage([imageFixture(1)]),
    };
    const app = renderApp(
      '/gallery',
      Object.fromEntries(Object.entries(fixtures).map(([name, fixture]) => [name, whileUp(fixture)])),
      { owner: 'acc-1' },
    );
    await screen.findByRole('navigation', { name: 'Main' });
    const { client, requests } = app.clients[0]!;
    await waitFor(() => expect(requests).toContain('GalleryGrid_Images'));
    expect(screen.queryByText(WORDS)).toBeNull();

    databaseUp = false;
    await act(() =>
      client.query(GalleryGrid_Images, { first: 1 }, { requestPolicy: 'network-only' }).toPromise(),
    );
    expect(await screen.findByText(WORDS)).toBeTruthy();

    databaseUp = true;
    await act(() =>
      client.query(GalleryGrid_Images, { first: 1 }, { requestPolicy: 'network-only' }).toPromise(),
    );
    await waitFor(() => expect(screen.queryByText(WORDS)).toBeNull());
  });
});
