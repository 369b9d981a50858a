// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
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
});
