// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { imageFixture, imagesPage, sessionFixture } from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';

const VIEW = { width: 1320, height: 760 };

// jsdom has no layout: give every element the gallery viewport's size.
beforeEach(() => {
  window.localStorage.clear();
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(VIEW.width);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEW.height);
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(VIEW.width);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(VIEW.height);
});
afterEach(() => vi.restoreAllMocks());

describe('The gallery', () => {
  it('searches as you type (after a pause), keeping the search and filters in the URL', async () => {
    const filters: unknown[] = [];
    const app = renderApp('/gallery?starred=1', {
      SessionRoot_Session: () => sessionFixture(),
      GalleryGrid_Images: (vars) => {
        filters.push(vars.filter ?? null);
        return imagesPage([]);
      },
    });

    const search = await screen.findByRole('searchbox', { name: 'Search prompts' });
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
    await app.user.type(search, 'red boat');
    await waitFor(() => expect(app.location()).toBe('/gallery?q=red+boat&starred=1'));
    await waitFor(() => expect(filters).toContainEqual({ search: 'red boat', starred: true }));
    expect(await screen.findByText('No images match')).toBeTruthy();
  });

  it('reads the gallery from the server once per page load: going back asks nothing, after a reconnect it asks again', async () => {
    const app = renderApp(
      '/gallery',
      {
        SessionRoot_Session: () => sessionFixture(),
        GalleryGrid_Images: () => imagesPage([imageFixture(1)]),
      },
      { owner: 'acc-1' },
    );
    await screen.findByRole('link', { name: 'prompt 1' });
    const { requests, connection } = app.clients[0]!;
    const reads = () => requests.filter((name) => name === 'GalleryGrid_Images').length;
    const awayAndBack = async () => {
      await act(() => app.router.navigate('/somewhere-else'));
      await screen.findByRole('heading', { name: 'Nothing here' });
      await act(() => app.router.navigate('/gallery'));
      await screen.findByRole('link', { name: 'prompt 1' });
    };
    // The first visit reads it (the persisted cache may be old); let that settle.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const firstVisit = reads();
    expect(firstVisit).toBeGreaterThan(0);

    await awayAndBack();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reads()).toBe(firstVisit);

    // Live events may have been missed while the socket was down.
    act(() => connection.setSocketDown(true));
    act(() => connection.setSocketDown(false));
    await awayAndBack();
    await waitFor(() => expect(reads()).toBeGreaterThan(firstVisit));
  });

  it('selects with Ctrl-click and Shift-click, and moves the selection to the trash', async () => {
    const trashed: unknown[] = [];
    const app = renderApp('/gallery', {
      SessionRoot_Session: () => sessionFixture(),
      GalleryGrid_Images: () =>
        imagesPage([imageFixture(4), imageFixture(3), imageFixture(2), imageFixture(1)]),
      BulkBar_DeleteImages: (vars) => {
        trashed.push(vars.ids);
        return {
          deleteImages: { __typename: 'DeletedImagesPayload', deletedImageIds: vars.ids as string[] },
        };
      },
    });

    const tile = async (n: number) => screen.findByRole('link', { name: `prompt ${n}` });
    fireEvent.click(await tile(4), { ctrlKey: true });
    fireEvent.click(await tile(2), { shiftKey: true });
    expect(await screen.findByText('3 images selected')).toBeTruthy();
    expect(app.location()).toBe('/gallery');

    await app.user.click(screen.getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'prompt 3' })).toBeNull());
    expect(trashed).toEqual([['img-4', 'img-3', 'img-2']]);
    expect(screen.getByRole('link', { name: 'prompt 1' })).toBeTruthy();
    expect(screen.queryByText(/selected/)).toBeNull();
  });

  it('stars and unstars the selection from the bulk bar', async () => {
    const calls: unknown[] = [];
    renderApp('/gallery', {
      SessionRoot_Session: () => sessionFixture(),
      GalleryGrid_Images: () => imagesPage([imageFixture(2), imageFixture(1)]),
      BulkBar_SetStarred: (vars) => {
        calls.push(vars);
        return {
          setImagesStarred: {
            __typename: 'ImagesPayload',
            images: (vars.ids as string[]).map((id) => ({ __typename: 'Image', id, starred: vars.starred })),
          },
        };
      },
    });
    const tile = async (n: number) => screen.findByRole('link', { name: `prompt ${n}` });
    fireEvent.click(await tile(2), { ctrlKey: true });
    fireEvent.click(await tile(1), { ctrlKey: true });
    const bar = await screen.findByRole('region', { name: 'Selected images' });
    fireEvent.click(within(bar).getByRole('button', { name: 'Star' }));
    expect(await screen.findByText('Starred 2 images')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Unstar prompt 1' })).toBeTruthy();
    fireEvent.click(within(bar).getByRole('button', { name: 'Unstar' }));
    expect(await screen.findByText('Unstarred 2 images')).toBeTruthy();
    expect(calls).toEqual([
      { ids: ['img-2', 'img-1'], starred: true },
      { ids: ['img-2', 'img-1'], starred: false },
    ]);
  });

  it('narrows to one batch from ?batch=, names it in a chip, and shows everything again once cleared', async () => {
    const batchId = 'QmF0Y2g6+/1=';
    const filters: unknown[] = [];
    const app = renderApp(`/gallery?batch=${encodeURIComponent(batchId)}`, {
      SessionRoot_Session: () => sessionFixture(),
      BatchFilterChip_Batch: (vars) => ({
        batch: {
          __typename: 'Batch',
          id: vars.id,
          title: 'Lighthouses',
          createdAt: '2026-01-02T10:00:00.000Z',
        },
      }),
      GalleryGrid_Images: (vars) => {
        filters.push(vars.filter ?? null);
        return imagesPage(vars.filter ? [imageFixture(2)] : [imageFixture(3), imageFixture(2)]);
      },
    });

    const chip = (await screen.findByText(/^Batch: Lighthouses/)).closest('.filter-chip') as HTMLElement;
    expect(filters).toContainEqual({ batchId });
    expect(await screen.findByRole('link', { name: 'prompt 2' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'prompt 3' })).toBeNull();

    await app.user.click(within(chip).getByRole('button', { name: 'Clear the batch filter' }));
    await waitFor(() => expect(app.location()).toBe('/gallery'));
    expect(await screen.findByRole('link', { name: 'prompt 3' })).toBeTruthy();
    expect(screen.queryByText(/^Batch:/)).toBeNull();
    expect(filters.at(-1)).toBeNull();
  });
});
