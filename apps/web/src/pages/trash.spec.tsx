// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { imageFixture, sessionFixture } from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';

const DAY = 86_400_000;

function trashed(n: number, daysAgo: number) {
  const deletedAt = new Date(Date.now() - daysAgo * DAY);
  return imageFixture(n, {
    deletedAt: deletedAt.toISOString(),
    purgeAt: new Date(deletedAt.getTime() + 30 * DAY).toISOString(),
  });
}

function trashPage(images: ReturnType<typeof trashed>[]) {
  return {
    trash: {
      __typename: 'QueryTrashConnection',
      edges: images.map((node) => ({ __typename: 'QueryTrashConnectionEdge', cursor: `c-${node.id}`, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  };
}

beforeEach(() => window.localStorage.clear());

describe('Trash', () => {
  it('shows the days left, restores one image and deletes another for good', async () => {
    const restored: unknown[] = [];
    const deleted: unknown[] = [];
    renderApp('/trash', {
      SessionRoot_Session: () => sessionFixture(),
      TrashPage_Trash: () => trashPage([trashed(1, 2), trashed(2, 29)]),
      TrashItem_Restore: (vars) => {
        restored.push(vars.ids);
        return {
          restoreImages: {
            __typename: 'ImagesPayload',
            images: [{ __typename: 'Image', id: 'img-1', deletedAt: null, purgeAt: null }],
          },
        };
      },
      TrashItem_DeleteForever: (vars) => {
        deleted.push(vars.ids);
        return { deleteImagesForever: { __typename: 'DeletedImagesPayload', deletedImageIds: ['img-2'] } };
      },
    });

    expect(await screen.findByText('28 days left')).toBeTruthy();
    expect(screen.getByText('1 day left')).toBeTruthy();

    screen.getByRole('button', { name: 'Restore prompt 1' }).click();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Restore prompt 1' })).toBeNull());
    expect(restored).toEqual([['img-1']]);

    screen.getByRole('button', { name: 'Delete prompt 2 forever' }).click();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete prompt 2 forever' })).toBeNull());
    expect(deleted).toEqual([['img-2']]);
    expect(await screen.findByText('The trash is empty')).toBeTruthy();
  });

  it('restores a selection, deletes a selection for good after asking, and restores all', async () => {
    const user = userEvent.setup();
    const restored: unknown[] = [];
    const deleted: unknown[] = [];
    let restoredAll = 0;
    renderApp('/trash', {
      SessionRoot_Session: () => sessionFixture(),
      TrashPage_Trash: () =>
        trashPage([trashed(1, 1), trashed(2, 1), trashed(3, 1), trashed(4, 1), trashed(5, 1)]),
      TrashItem_Restore: (vars) => {
        restored.push(vars.ids);
        return {
          restoreImages: {
            __typename: 'ImagesPayload',
            images: (vars.ids as string[]).map((id) => ({
              __typename: 'Image',
              id,
              deletedAt: null,
              purgeAt: null,
            })),
          },
        };
      },
      TrashItem_DeleteForever: (vars) => {
        deleted.push(vars.ids);
        return {
          deleteImagesForever: { __typename: 'DeletedImagesPayload', deletedImageIds: vars.ids as string[] },
        };
      },
      TrashSelection_RestoreAll: () => {
        restoredAll += 1;
        return {
          restoreTrash: {
            __typename: 'ImagesPayload',
            images: [{ __typename: 'Image', id: 'img-5', deletedAt: null, purgeAt: null }],
          },
        };
      },
    });

    await user.click(await screen.findByRole('checkbox', { name: 'Select prompt 1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select prompt 2' }));
    const bar = screen.getByRole('region', { name: 'Selected images' });
    expect(within(bar).getByText('2 images selected')).toBeTruthy();
    await user.click(within(bar).getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Restored 2 images')).toBeTruthy();
    expect(restored).toEqual([['img-1', 'img-2']]);
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Select prompt 1' })).toBeNull());
    expect(screen.queryByRole('region', { name: 'Selected images' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Select prompt 3' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select prompt 4' }));
    await user.click(screen.getByRole('button', { name: 'Delete forever…' }));
    expect(deleted).toEqual([]);
    const confirm = screen.getByRole('group', { name: 'Delete the selected images for good' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete forever' }));
    expect(await screen.findByText('Deleted 2 images for good')).toBeTruthy();
    expect(deleted).toEqual([['img-3', 'img-4']]);

    await user.click(screen.getByRole('button', { name: 'Restore all' }));
    expect(await screen.findByText('Restored 1 image')).toBeTruthy();
    expect(restoredAll).toBe(1);
    expect(await screen.findByText('The trash is empty')).toBeTruthy();
  });
});
