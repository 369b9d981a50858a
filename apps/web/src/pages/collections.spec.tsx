// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { createTestClient } from '../lib/testing/urql';
import { ToastProvider } from '../components/ui/toast';
import CollectionsPage from './collections';

function collection(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'Collection',
    id,
    name,
    description: '',
    isSmart: false,
    imageCount: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    cover: null,
    ...extra,
  };
}

function renderPage(nodes: ReturnType<typeof collection>[]) {
  const created: unknown[] = [];
  const test = createTestClient({
    CollectionsPage_Collections: () => ({
      collections: {
        __typename: 'QueryCollectionsConnection',
        edges: nodes.map((node) => ({ __typename: 'QueryCollectionsConnectionEdge', cursor: node.id, node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    }),
    CreateCollectionDialog_Create: (vars) => {
      created.push(vars.input);
      return { createCollection: collection('c-9', 'Sunsets', { imageCount: 0 }) };
    },
  });
  const router = createMemoryRouter(
    [
      { path: '/collections', element: <CollectionsPage /> },
      { path: '/collections/:id', element: <p>collection page</p> },
    ],
    { initialEntries: ['/collections'] },
  );
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </UrqlProvider>,
  );
  return { created, user: userEvent.setup() };
}

describe('CollectionsPage', () => {
  it('lists collections with their size, smart ones marked as live', async () => {
    renderPage([
      collection('c-1', 'Harbours', { imageCount: 12 }),
      collection('c-2', 'Blue', { isSmart: true, imageCount: null }),
    ]);
    const list = await screen.findByRole('list', { name: 'Collections' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Harbours12 images', 'BlueSmart · live search']);
  });

  it('teaches when there are none, and makes one that opens at once', async () => {
    const { user, created } = renderPage([]);
    expect(await screen.findByRole('heading', { name: 'No collections yet' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Make your first collection' }));
    const dialog = screen.getByRole('dialog', { name: 'New collection' });
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByText('Enter a name.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Sunsets');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('collection page')).toBeTruthy();
    expect(created).toEqual([{ name: 'Sunsets' }]);
  });
});
