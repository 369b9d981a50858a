import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import { useElementSize } from '../../hooks/use-element-size';
import { useGridKeyboard, type KeyRow } from '../../hooks/use-grid-keyboard';
import { keepStarredOffline } from '../../lib/offline/image-cache';
import { GalleryTile, type SelectMode } from './gallery-tile';
import { gridLayout } from './grid-layout';
import { aspectOf, fitJustifiedRows, rowOf, squareRows } from './row-layout';
import './gallery.css';

/** Square tiles, or justified rows that keep each image's shape. */
export type GalleryLayout = 'square' | 'justified';

interface GalleryGridProps {
  images: readonly GalleryTile_ImageFragment[];
  layout?: GalleryLayout;
  hasNextPage: boolean;
  fetchingMore: boolean;
  onLoadMore: () => void;
  /** Where a tile links to (the detail page, keeping the gallery's filters). */
  hrefFor: (image: GalleryTile_ImageFragment) => string;
  /** Multi-select (Ctrl/⌘-click, Shift-click, the tile checkbox); absent where lists do not select. */
  selectedIds?: ReadonlySet<string>;
  onSelect?: (id: string, mode: SelectMode) => void;
  onToggleStar?: (image: { id: string; starred: boolean }) => void;
  /** Ctrl/⌘+A within the grid. */
  onSelectAll?: () => void;
  /** Trashes the image (or the selection it is part of); resolves true once the list has dropped it. */
  onTrash?: (image: { id: string }) => Promise<boolean>;
}

/** Rows this close to the end start loading the next page. */
const PREFETCH_ROWS = 3;

/**
 * Tiles in rows (square, or justified to keep each image's shape), virtualized: only the rows in
 * view (plus one each side) are in the DOM, and tiles are sized so that stays at most 60.
 */
export function GalleryGrid({
  images,
  layout: mode = 'square',
  hasNextPage,
  fetchingMore,
  onLoadMore,
  hrefFor,
  selectedIds,
  onSelect,
  onToggleStar,
  onSelectAll,
  onTrash,
}: GalleryGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(scrollRef);
  const layout = gridLayout(size.width, size.height);
  const { columns, tile, gap } = layout;
  const justified = mode === 'justified';
  const aspects = useMemo(() => images.map(aspectOf), [images]);
  // Starred images stay browsable offline, however many others are seen after them.
  useEffect(() => {
    void keepStarredOffline(images).catch(() => {});
  }, [images]);
  const rows = useMemo(
    () =>
      justified
        ? fitJustifiedRows(aspects, size, { targetHeight: tile, gap, overscan: layout.overscan })
        : squareRows(aspects.length, columns, tile),
    [justified, aspects, size, tile, gap, columns, layout.overscan],
  );
  const keyRows = useMemo<KeyRow[] | undefined>(
    () =>
      justified
        ? rows.map((row) => {
            let x = 0;
            return {
              start: row.start,
              centers: row.widths.map((width) => {
                const centre = x + width / 2;
                x += width + gap;
                return centre;
              }),
            };
          })
        : undefined,
    [justified, rows, gap],
  );
  const rowCount = rows.length;
  const pendingFocus = useRef<number | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions the React compiler cannot memoize; it skips this component
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.height ?? tile) + gap,
    overscan: layout.overscan,
    initialRect: size,
    paddingEnd: 16,
  });

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rows]);

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
      virtualizer.scrollToIndex(rowOf(rows, index), { align: 'auto' });
      focusTile(index);
    },
    [virtualizer, rows, focusTile],
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
    rows: keyRows,
    pageRows: Math.max(1, Math.floor(size.height / (tile + gap))),
    onMove,
  });

  const shownRows = virtualizer.getVirtualItems();

  // The tile to focus may only mount once the virtualizer has scrolled to it.
  useEffect(() => {
    if (pendingFocus.current !== null) focusTile(pendingFocus.current);
  });

  const lastRow = shownRows[shownRows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasNextPage && !fetchingMore && lastRow >= rowCount - PREFETCH_ROWS) onLoadMore();
  }, [hasNextPage, fetchingMore, lastRow, rowCount, onLoadMore]);

  // Exactly one tile is tabbable: the focused one if rendered, else the first rendered one.
  const firstRendered = rows[shownRows[0]?.index ?? 0]?.start ?? 0;
  const lastRendered = lastRow + 1 < rows.length ? rows[lastRow + 1]!.start - 1 : images.length - 1;
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
        aria-colcount={justified ? undefined : columns}
        aria-busy={fetchingMore || undefined}
        onKeyDown={(event) => {
          if (event.key === 'a' && (event.ctrlKey || event.metaKey) && onSelectAll) {
            event.preventDefault();
            onSelectAll();
          } else {
            onKeyDown(event);
          }
        }}
      >
        <div role="presentation" className="gallery-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {size.width > 0 &&
            shownRows.map((row) => {
              const { start, height, widths } = rows[row.index]!;
              const rowImages = images.slice(start, start + widths.length);
              return (
                <div
                  key={row.key}
                  role="row"
                  aria-rowindex={row.index + 1}
                  className="gallery-row"
                  style={{
                    transform: `translateY(${row.start}px)`,
                    height,
                    gridTemplateColumns: widths.map((width) => `${width}px`).join(' '),
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
                          size={Math.max(height, widths[i]!)}
                          index={index}
                          priority={row.index === 0}
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
