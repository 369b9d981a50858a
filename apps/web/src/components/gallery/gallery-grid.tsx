import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import { useElementSize } from '../../hooks/use-element-size';
import { useGridKeyboard } from '../../hooks/use-grid-keyboard';
import { GalleryTile, type SelectMode } from './gallery-tile';
import { gridLayout } from './grid-layout';
import './gallery.css';

interface GalleryGridProps {
  images: readonly GalleryTile_ImageFragment[];
  hasNextPage: boolean;
  fetchingMore: boolean;
  onLoadMore: () => void;
  /** Where a tile links to (the detail page, keeping the gallery's filters). */
  hrefFor: (image: GalleryTile_ImageFragment) => string;
  /** Multi-select (Ctrl/⌘-click, Shift-click, the tile checkbox); absent where lists do not select. */
  selectedIds?: ReadonlySet<string>;
  onSelect?: (id: string, mode: SelectMode) => void;
  onToggleStar?: (image: { id: string; starred: boolean }) => void;
  /** Trashes the image (or the selection it is part of); resolves true once the list has dropped it. */
  onTrash?: (image: { id: string }) => Promise<boolean>;
}

/** Rows this close to the end start loading the next page. */
const PREFETCH_ROWS = 3;

/**
 * Square tiles in rows, virtualized: only the rows in view (plus one each side) are in the DOM,
 * and the column count is chosen so that stays at most 60 tiles.
 */
export function GalleryGrid({
  images,
  hasNextPage,
  fetchingMore,
  onLoadMore,
  hrefFor,
  selectedIds,
  onSelect,
  onToggleStar,
  onTrash,
}: GalleryGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(scrollRef);
  const layout = gridLayout(size.width, size.height);
  const { columns, tile, gap, rowHeight } = layout;
  const rowCount = Math.ceil(images.length / columns);
  const pendingFocus = useRef<number | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions the React compiler cannot memoize; it skips this component
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: layout.overscan,
    initialRect: size,
    paddingEnd: 16,
  });

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowHeight, columns]);

  const focusTile = useCallback((index: number) => {
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] a`);
    if (element) {
      element.focus({ preventScroll: true });
      pendingFocus.current = null;
    } else {
      pendingFocus.current = index;
    }
  }, []);

  const onMove = useCallback(
    (index: number) => {
      virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' });
      focusTile(index);
    },
    [virtualizer, columns, focusTile],
  );

  // After Delete, focus stays where it was: on the tile that took the trashed one's place.
  const countRef = useRef(images.length);
  countRef.current = images.length;
  const trashAt = useCallback(
    (image: { id: string }, index: number) => {
      void onTrash?.(image).then((done) => {
        if (done) requestAnimationFrame(() => focusTile(Math.max(0, Math.min(index, countRef.current - 1))));
      });
    },
    [onTrash, focusTile],
  );

  const { focusedIndex, setFocusedIndex, onKeyDown } = useGridKeyboard({
    count: images.length,
    columns,
    pageRows: Math.max(1, Math.floor(size.height / rowHeight)),
    onMove,
  });

  const rows = virtualizer.getVirtualItems();

  // The tile to focus may only mount once the virtualizer has scrolled to it.
  useEffect(() => {
    if (pendingFocus.current !== null) focusTile(pendingFocus.current);
  });

  const lastRow = rows[rows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasNextPage && !fetchingMore && lastRow >= rowCount - PREFETCH_ROWS) onLoadMore();
  }, [hasNextPage, fetchingMore, lastRow, rowCount, onLoadMore]);

  // Exactly one tile is tabbable: the focused one if rendered, else the first rendered one.
  const firstRendered = (rows[0]?.index ?? 0) * columns;
  const lastRendered = (lastRow + 1) * columns - 1;
  const tabbable =
    focusedIndex >= firstRendered && focusedIndex <= lastRendered ? focusedIndex : firstRendered;

  return (
    <div className="gallery-frame">
      <div
        ref={scrollRef}
        className="gallery-scroll"
        role="grid"
        aria-label="Gallery"
        aria-multiselectable={onSelect ? true : undefined}
        aria-rowcount={hasNextPage ? -1 : rowCount}
        aria-colcount={columns}
        aria-busy={fetchingMore || undefined}
        onKeyDown={onKeyDown}
      >
        <div role="presentation" className="gallery-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {size.width > 0 &&
            rows.map((row) => {
              const start = row.index * columns;
              const rowImages = images.slice(start, start + columns);
              return (
                <div
                  key={row.key}
                  role="row"
                  aria-rowindex={row.index + 1}
                  className="gallery-row"
                  style={{
                    transform: `translateY(${row.start}px)`,
                    height: tile,
                    gridTemplateColumns: `repeat(${columns}, ${tile}px)`,
                    columnGap: gap,
                  }}
                >
                  {rowImages.map((image, i) => {
                    const index = start + i;
                    return (
                      <div
                        key={image.id}
                        role="gridcell"
                        aria-colindex={i + 1}
                        aria-selected={onSelect ? (selectedIds?.has(image.id) ?? false) : undefined}
                        data-index={index}
                        className="gallery-cell"
                      >
                        <GalleryTile
                          image={image}
                          href={hrefFor(image)}
                          size={tile}
                          index={index}
                          focusable={index === tabbable}
                          onFocusIndex={setFocusedIndex}
                          selected={selectedIds?.has(image.id) ?? false}
                          {...(onSelect && { onSelect })}
                          {...(onToggleStar && { onToggleStar })}
                          {...(onTrash && { onTrash: trashAt })}
                        />
                      </div>
                    );
                  })}
                </div>
              );
            })}
        </div>
      </div>
      {fetchingMore && (
        <p className="gallery-more" role="status">
          Loading more…
        </p>
      )}
    </div>
  );
}
