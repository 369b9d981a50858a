// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import { GalleryGrid, type GalleryLayout } from './gallery-grid';

const VIEW = { width: 1320, height: 760 };

/** Shapes of images: landscape, portrait, square, panorama… */
const SHAPES = [
  [1024, 768],
  [768, 1024],
  [1024, 1024],
  [1536, 640],
  [576, 1024],
] as const;

function images(count: number, mixed = false): GalleryTile_ImageFragment[] {
  return Array.from({ length: count }, (_, i) => ({
    __typename: 'Image' as const,
    id: `img-${i}`,
    url: `/files/${i}.png`,
    prompt: `prompt number ${i}`,
    width: mixed ? SHAPES[i % SHAPES.length]![0] : 1024,
    height: mixed ? SHAPES[i % SHAPES.length]![1] : 768,
    thumbhash: null,
    provider: 'local',
    createdAt: '2026-01-01T00:00:00.000Z',
    starred: false,
    thumbnails: [
      { __typename: 'Thumbnail' as const, size: 256, url: `/files/${i}-256.webp`, width: 256, height: 192 },
    ],
  }));
}

// jsdom has no layout: give every element the gallery viewport's size.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(VIEW.width);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEW.height);
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(VIEW.width);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(VIEW.height);
});
afterEach(() => vi.restoreAllMocks());

function renderGrid(
  count: number,
  onLoadMore = vi.fn(),
  hasNextPage = false,
  layout: GalleryLayout = 'square',
) {
  render(
    <MemoryRouter>
      <GalleryGrid
        images={images(count, layout === 'justified')}
        layout={layout}
        hasNextPage={hasNextPage}
        fetchingMore={false}
        onLoadMore={onLoadMore}
        hrefFor={(image) => `/images/${image.id}`}
      />
    </MemoryRouter>,
  );
  return screen.getByRole('grid', { name: 'Gallery' });
}

describe('GalleryGrid', () => {
  it('keeps at most 60 tiles in the DOM for 10,000 images, wherever it is scrolled', () => {
    const grid = renderGrid(10_000);
    const first = screen.getAllByRole('gridcell');
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(60);

    act(() => {
      grid.scrollTop = 200_000;
      fireEvent.scroll(grid);
    });
    const later = screen.getAllByRole('gridcell');
    expect(later.length).toBeLessThanOrEqual(60);
    const rowIndex = Number(later[0]!.closest('[role="row"]')!.getAttribute('aria-rowindex'));
    expect(rowIndex).toBeGreaterThan(500);
  });

  it('lays out justified rows that keep each image’s shape and fill the width, still at most 60 tiles', () => {
    const grid = renderGrid(10_000, vi.fn(), false, 'justified');
    const rows = screen.getAllByRole('row');
    for (const row of rows.slice(0, 3)) {
      const widths = row.style.gridTemplateColumns.split(' ').map((w) => parseFloat(w));
      expect(widths.reduce((a, b) => a + b, 0) + 8 * (widths.length - 1)).toBe(VIEW.width);
      expect(new Set(widths).size).toBeGreaterThan(1);
    }
    expect(screen.getAllByRole('gridcell').length).toBeLessThanOrEqual(60);
    act(() => {
      grid.scrollTop = 300_000;
      fireEvent.scroll(grid);
    });
    expect(screen.getAllByRole('gridcell').length).toBeLessThanOrEqual(60);
  });

  it('moves down a justified grid to the tile nearest below', () => {
    renderGrid(200, vi.fn(), false, 'justified');
    const [first, second] = screen.getAllByRole('row');
    const firstTile = first!.querySelector('a')!;
    firstTile.focus();
    fireEvent.keyDown(firstTile, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second!.querySelector('a'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(firstTile);
  });

  it('labels each tile link with its prompt, and fetches only the first row’s thumbnails at once', () => {
    renderGrid(100);
    expect(screen.getByRole('link', { name: 'prompt number 1' }).getAttribute('href')).toBe('/images/img-1');
    const columns = Number(screen.getByRole('grid').getAttribute('aria-colcount'));
    const first = screen.getByRole('img', { name: `prompt number ${columns - 1}` });
    expect(first.getAttribute('loading')).toBe('eager');
    expect(first.getAttribute('fetchpriority')).toBe('high');
    const below = screen.getByRole('img', { name: `prompt number ${columns}` });
    expect(below.getAttribute('loading')).toBe('lazy');
    expect(below.getAttribute('fetchpriority')).toBeNull();
  });

  it('moves focus with the arrow keys, one tile tabbable at a time', () => {
    renderGrid(100);
    const links = () => screen.getAllByRole('link');
    expect(links().filter((link) => link.tabIndex === 0)).toHaveLength(1);
    const firstLink = links()[0]!;
    firstLink.focus();
    fireEvent.keyDown(firstLink, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('prompt number 1');
    const columns = Number(screen.getByRole('grid').getAttribute('aria-colcount'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe(`prompt number ${1 + columns}`);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('prompt number 0');
    expect(links().filter((link) => link.tabIndex === 0)).toHaveLength(1);
  });

  it('stars with Space, and trashes with Delete, keeping focus where the trashed tile was', async () => {
    const starred: string[] = [];
    function Trashable() {
      const [shown, setShown] = useState(() => images(10));
      return (
        <MemoryRouter>
          <GalleryGrid
            images={shown}
            hasNextPage={false}
            fetchingMore={false}
            onLoadMore={() => {}}
            hrefFor={(image) => `/images/${image.id}`}
            onToggleStar={(image) => starred.push(image.id)}
            onTrash={async (image) => {
              setShown((list) => list.filter((item) => item.id !== image.id));
              return true;
            }}
          />
        </MemoryRouter>
      );
    }
    render(<Trashable />);
    const third = screen.getByRole('link', { name: 'prompt number 3' });
    third.focus();
    fireEvent.keyDown(third, { key: ' ' });
    expect(starred).toEqual(['img-3']);

    fireEvent.keyDown(third, { key: 'Delete' });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'prompt number 3' })).toBeNull());
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('prompt number 4'));
  });

  it('selects every loaded image with Ctrl/⌘+A', () => {
    const onSelectAll = vi.fn();
    render(
      <MemoryRouter>
        <GalleryGrid
          images={images(12)}
          hasNextPage={false}
          fetchingMore={false}
          onLoadMore={() => {}}
          hrefFor={(image) => `/images/${image.id}`}
          onSelectAll={onSelectAll}
        />
      </MemoryRouter>,
    );
    const tile = screen.getByRole('link', { name: 'prompt number 2' });
    tile.focus();
    fireEvent.keyDown(tile, { key: 'a' });
    expect(onSelectAll).not.toHaveBeenCalled();
    fireEvent.keyDown(tile, { key: 'a', ctrlKey: true });
    fireEvent.keyDown(tile, { key: 'a', metaKey: true });
    expect(onSelectAll).toHaveBeenCalledTimes(2);
  });

  it('asks for the next page when the end comes into view', () => {
    const onLoadMore = vi.fn();
    renderGrid(10, onLoadMore, true);
    expect(onLoadMore).toHaveBeenCalled();
  });
});
