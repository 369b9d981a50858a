// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { imageFixture, imagesPage, sessionFixture } from '../../lib/testing/fixtures';
import { GalleryGrid_Images } from '../gallery/use-gallery-images';
import { renderApp } from '../../lib/testing/render-app';
import { serviceUnavailableError } from '../../lib/testing/urql';

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
    let databaseUp = false;
    const app = renderApp(
      '/gallery',
      {
        SessionRoot_Session: () => sessionFixture(),
        GalleryGrid_Images: (vars) =>
          vars.first !== 1 || databaseUp ? imagesPage([imageFixture(1)]) : serviceUnavailableError(5),
      },
      { owner: 'acc-1' },
    );
    await screen.findByRole('navigation', { name: 'Main' });
    const { client, requests } = app.clients[0]!;
    await waitFor(() => expect(requests).toContain('GalleryGrid_Images'));

    await act(() => client.query(GalleryGrid_Images, { first: 1 }).toPromise());
    expect(await screen.findByText(WORDS)).toBeTruthy();

    databaseUp = true;
    await act(() =>
      client.query(GalleryGrid_Images, { first: 1 }, { requestPolicy: 'network-only' }).toPromise(),
    );
    await waitFor(() => expect(screen.queryByText(WORDS)).toBeNull());
  });
});
