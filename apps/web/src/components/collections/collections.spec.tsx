// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { imageFixture } from '../../lib/testing/fixtures';
import { createTestClient } from '../../lib/testing/urql';
import { ToastProvider } from '../ui/toast';
import { AddToCollectionDialog } from './add-to-collection-dialog';
import { CollectionGrid } from './collection-grid';
import { describeFilter } from './gallery-collection-actions';

function collectionFixture(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Collection',
    id,
    name,
    description: '',
    isSmart: false,
    imageCount: 2,
    updatedAt: '2026-01-01T00:00:00.000Z',
    cover: null,
    ...overrides,
  };
}

const collections = (extra: ReturnType<typeof collectionFixture>[] = []) => ({
  collections: {
    __typename: 'QueryCollectionsConnection',
    edges: [
      collectionFixture('c-1', 'Harbours'),
      collectionFixture('c-2', 'Blue things', { isSmart: true, imageCount: null }),
      ...extra,
    ].map((node) => ({ __typename: 'QueryCollectionsConnectionEdge', node })),
  },
});

function renderAdd(imageIds: string[], extra: ReturnType<typeof collectionFixture>[] = []) {
  const added: Record<string, unknown>[] = [];
  const created: Record<string, unknown>[] = [];
  const test = createTestClient({
    CollectionChooser_Collections: () => collections(extra),
    AddToCollectionDialog_Add: (vars) => {
      added.push(vars);
      return { addImagesToCollection: collectionFixture(vars.id as string, 'Harbours', { imageCount: 3 }) };
    },
    AddToCollectionDialog_Create: (vars) => {
      created.push(vars.input as Record<string, unknown>);
      return { createCollection: collectionFixture('c-new', 'Sunsets', { imageCount: 0 }) };
    },
  });
  const onClose = vi.fn();
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <AddToCollectionDialog imageIds={imageIds} open onClose={onClose} />
      </ToastProvider>
    </UrqlProvider>,
  );
  return { user: userEvent.setup(), added, created, onClose };
}

describe('AddToCollectionDialog', () => {
  it('offers only hand-made collections and adds the images to the one chosen', async () => {
    const { user, added, onClose } = renderAdd(['img-1', 'img-2'], [collectionFixture('c-3', 'Forests')]);
    const dialog = await screen.findByRole('dialog', { name: 'Add 2 images to a collection' });
    const harbours = await within(dialog).findByRole('radio', { name: /Harbours/ });
    expect(within(dialog).queryByRole('radio', { name: /Blue things/ })).toBeNull();
    expect(within(dialog).getByRole('radio', { name: /Forests/ })).toHaveProperty('checked', false);
    await user.click(harbours);
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(added).toEqual([{ id: 'c-1', imageIds: ['img-1', 'img-2'] }]);
    expect(await screen.findByText('Added 2 images to “Harbours”.')).toBeTruthy();
  });

  it('makes a new collection on the spot, then adds to it', async () => {
    const { user, added, created } = renderAdd(['img-1']);
    const dialog = await screen.findByRole('dialog', { name: 'Add to collection' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Or a new collection' }), 'Sunsets');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(added).toHaveLength(1));
    expect(created).toEqual([{ name: 'Sunsets' }]);
    expect(added[0]).toEqual({ id: 'c-new', imageIds: ['img-1'] });
  });

  it('chooses the only hand-made collection already, so Add adds to it', async () => {
    const { user, added } = renderAdd(['img-1']);
    const dialog = await screen.findByRole('dialog', { name: 'Add to collection' });
    await waitFor(() =>
      expect(within(dialog).getByRole('radio', { name: /Harbours/ })).toHaveProperty('checked', true),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(added).toEqual([{ id: 'c-1', imageIds: ['img-1'] }]));
  });

  it('says what to do when nothing is chosen', async () => {
    const { user, added } = renderAdd(['img-1'], [collectionFixture('c-3', 'Forests')]);
    const dialog = await screen.findByRole('dialog', { name: 'Add to collection' });
    await within(dialog).findByRole('radio', { name: /Forests/ });
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByRole('alert')).toHaveProperty(
      'textContent',
      'Choose a collection, or name a new one.',
    );
    expect(added).toEqual([]);
  });
});

function renderGrid(editable = true, coverChosen = true) {
  const onMove = vi.fn();
  const onRemove = vi.fn();
  const onSetCover = vi.fn();
  const images = [imageFixture(1), imageFixture(2), imageFixture(3)] as never[];
  render(
    <MemoryRouter>
      <CollectionGrid
        images={images}
        editable={editable}
        coverId="img-2"
        coverChosen={coverChosen}
        onMove={onMove}
        onRemove={onRemove}
        onSetCover={onSetCover}
      />
    </MemoryRouter>,
  );
  return { user: userEvent.setup(), onMove, onRemove, onSetCover };
}

describe('CollectionGrid', () => {
  it('moves an image one step with the buttons or Alt+arrows, naming the image it then follows', async () => {
    const { user, onMove } = renderGrid();
    const tiles = screen.getAllByRole('listitem');
    await user.click(within(tiles[0]!).getByRole('button', { name: 'Move later' }));
    expect(onMove).toHaveBeenLastCalledWith('img-1', 'img-2');
    await user.click(within(tiles[1]!).getByRole('button', { name: 'Move earlier' }));
    expect(onMove).toHaveBeenLastCalledWith('img-2', null);
    expect(within(tiles[0]!).getByRole('button', { name: 'Move earlier' })).toHaveProperty('disabled', true);

    const last = within(tiles[2]!).getByRole('link');
    last.focus();
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(onMove).toHaveBeenLastCalledWith('img-3', 'img-1');
  });

  it('drops a dragged image into the place of the one it lands on', () => {
    const { onMove } = renderGrid();
    const tiles = screen.getAllByRole('listitem');
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      effectAllowed: '',
      dropEffect: '',
    };
    fireEvent.dragStart(tiles[2]!, { dataTransfer });
    fireEvent.dragOver(tiles[0]!, { dataTransfer });
    fireEvent.drop(tiles[0]!, { dataTransfer });
    expect(onMove).toHaveBeenCalledWith('img-3', null);
  });

  it('marks the cover, sets another, and removes; a smart collection offers none of it', async () => {
    const { user, onSetCover, onRemove } = renderGrid();
    const tiles = screen.getAllByRole('listitem');
    expect(within(tiles[1]!).getByText('Cover')).toBeTruthy();
    expect(within(tiles[1]!).getByRole('button', { name: 'Unset cover' })).toBeTruthy();
    await user.click(within(tiles[0]!).getByRole('button', { name: 'Make cover' }));
    expect(onSetCover).toHaveBeenCalledWith(expect.objectContaining({ id: 'img-1' }));
    await user.click(within(tiles[2]!).getByRole('button', { name: 'Remove from collection' }));
    expect(onRemove).toHaveBeenCalledWith(expect.objectContaining({ id: 'img-3' }));
  });

  it('offers no "Make cover" on the image that is the cover by default', () => {
    renderGrid(true, false);
    const tiles = screen.getAllByRole('listitem');
    expect(within(tiles[1]!).getByText('Cover')).toBeTruthy();
    expect(within(tiles[1]!).queryByRole('button', { name: /cover/i })).toBeNull();
    expect(within(tiles[0]!).getByRole('button', { name: 'Make cover' })).toBeTruthy();
  });

  it('shows a smart collection read-only', () => {
    renderGrid(false);
    expect(screen.queryByRole('button', { name: 'Move later' })).toBeNull();
    expect(screen.getAllByRole('listitem')[0]!.getAttribute('draggable')).toBe('false');
  });
});

describe('describeFilter', () => {
  it('sums up a gallery search in a few words', () => {
    expect(
      describeFilter({ search: 'red boat', provider: 'local', tags: ['sea', 'night'], starred: true }),
    ).toBe('“red boat” · local · tags sea, night · starred');
    expect(describeFilter({})).toBe('all images');
  });
});
