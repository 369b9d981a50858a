// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { imageFixture } from '../lib/testing/fixtures';
import { createTestClient } from '../lib/testing/urql';
import { ToastProvider } from '../components/ui/toast';
import CollectionPage from './collection';

function page(smart: boolean, imageIds: number[]) {
  return {
    collection: {
      __typename: 'Collection',
      id: 'c-1',
      name: smart ? 'Blue things' : 'Harbours',
      description: 'Boats and quays',
      isSmart: smart,
      filter: smart ? { tags: ['blue'] } : null,
      imageCount: smart ? null : imageIds.length,
      coverChosen: false,
      cover: null,
      images: {
        __typename: 'CollectionImagesConnection',
        edges: imageIds.map((n) => ({
          __typename: 'CollectionImagesConnectionEdge',
          cursor: `p${n}`,
          node: imageFixture(n),
        })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  };
}

function renderPage(answers: (() => unknown)[], moves: unknown[] = []) {
  let call = 0;
  const test = createTestClient({
    CollectionPage_Collection: () => answers[Math.min(call++, answers.length - 1)]!(),
    CollectionView_Move: (vars) => {
      moves.push(vars);
      return { moveCollectionImage: { __typename: 'Collection', id: 'c-1' } };
    },
  });
  const router = createMemoryRouter([{ path: '/collections/:id', element: <CollectionPage /> }], {
    initialEntries: ['/collections/c-1'],
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </UrqlProvider>,
  );
  return { test, user: userEvent.setup() };
}

const tileNames = () =>
  within(screen.getByRole('list', { name: 'Images in this collection' }))
    .getAllByRole('link')
    .map((link) => link.getAttribute('aria-label'));

describe('CollectionPage', () => {
  it('shows a hand-made collection in order and reorders it at once', async () => {
    const moves: unknown[] = [];
    const { user } = renderPage([() => page(false, [1, 2, 3])], moves);
    expect(await screen.findByRole('heading', { name: 'Harbours' })).toBeTruthy();
    expect(screen.getByText('3 images')).toBeTruthy();
    expect(tileNames()).toEqual(['prompt 1 (1 of 3)', 'prompt 2 (2 of 3)', 'prompt 3 (3 of 3)']);
    const third = screen.getAllByRole('listitem')[2]!;
    await user.click(within(third).getByRole('button', { name: 'Move earlier' }));
    await waitFor(() =>
      expect(tileNames()).toEqual(['prompt 1 (1 of 3)', 'prompt 3 (2 of 3)', 'prompt 2 (3 of 3)']),
    );
    expect(moves).toEqual([{ id: 'c-1', imageId: 'img-3', afterImageId: 'img-1' }]);
  });

  it('keeps a smart collection current: a new image of the viewer’s refreshes it', async () => {
    const { test } = renderPage([() => page(true, [1]), () => page(true, [4, 1])]);
    expect(await screen.findByRole('heading', { name: 'Blue things' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Move earlier' })).toBeNull();
    test.emit('CollectionPage_ImageAdded', { imageAdded: { __typename: 'Image', id: 'img-4' } });
    await waitFor(() => expect(tileNames()).toEqual(['prompt 4 (1 of 2)', 'prompt 1 (2 of 2)']), {
      timeout: 2000,
    });
  });

  it('says so when the collection does not exist (or is not yours)', async () => {
    renderPage([() => ({ collection: null })]);
    expect(await screen.findByRole('heading', { name: 'Collection not found' })).toBeTruthy();
  });
});
