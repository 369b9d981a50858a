import { useCallback, useState, type KeyboardEvent } from 'react';

/**
 * Where focus goes in a grid of `count` items laid out in `columns` for a key, or null when the
 * key is not a grid key. Arrows stop at the edges; Home/End go to the first and last item.
 */
export function nextGridIndex(
  key: string,
  index: number,
  count: number,
  columns: number,
  pageRows = 3,
): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (key) {
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowDown': {
      if (index + columns <= last) return index + columns;
      // From the row above a short last row, land on its last tile instead of nowhere.
      const lastRow = Math.floor(last / columns);
      return Math.floor(index / columns) < lastRow ? last : index;
    }
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'PageDown':
      return clamp(index + columns * pageRows);
    case 'PageUp':
      return clamp(index - columns * pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** A row of items of any widths: where it starts, and the horizontal centre of each item. */
export interface KeyRow {
  start: number;
  centers: number[];
}

/**
 * Where focus goes for a key among rows of uneven items (justified rows): up and down go to the
 * item of the next row nearest the current one's centre; the rest as in `nextGridIndex`.
 */
export function nextRowIndex(
  key: string,
  index: number,
  rows: readonly KeyRow[],
  pageRows = 3,
): number | null {
  const count = rows.length === 0 ? 0 : rows.at(-1)!.start + rows.at(-1)!.centers.length;
  if (count === 0) return null;
  const last = count - 1;
  const rowAt = rows.findLastIndex((row) => row.start <= index);
  const row = rows[rowAt]!;
  const centre = row.centers[index - row.start] ?? 0;
  const nearestIn = (target: number) => {
    if (target < 0) return 0;
    if (target >= rows.length) return last;
    const { start, centers } = rows[target]!;
    let best = 0;
    centers.forEach((c, i) => {
      if (Math.abs(c - centre) < Math.abs(centers[best]! - centre)) best = i;
    });
    return start + best;
  };
  switch (key) {
    case 'ArrowRight':
      return Math.min(last, index + 1);
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowDown':
      return rowAt + 1 < rows.length ? nearestIn(rowAt + 1) : index;
    case 'ArrowUp':
      return rowAt > 0 ? nearestIn(rowAt - 1) : index;
    case 'PageDown':
      return nearestIn(rowAt + pageRows);
    case 'PageUp':
      return nearestIn(rowAt - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

interface GridKeyboardOptions {
  count: number;
  /** Square grids: the column count. */
  columns: number;
  /** Uneven rows (justified layout): when given, moves follow them instead of `columns`. */
  rows?: readonly KeyRow[] | undefined;
  pageRows?: number;
  /** Scroll the item into view and focus it. */
  onMove: (index: number) => void;
}

/** Roving focus for a grid: one tile is tabbable, the keys move it. */
export function useGridKeyboard({ count, columns, rows, pageRows, onMove }: GridKeyboardOptions) {
  const [focusedIndex, setFocusedIndex] = useState(0);
  const current = Math.min(focusedIndex, Math.max(0, count - 1));

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const next = rows
        ? nextRowIndex(event.key, current, rows, pageRows)
        : nextGridIndex(event.key, current, count, columns, pageRows);
      if (next === null) return;
      event.preventDefault();
      setFocusedIndex(next);
      onMove(next);
    },
    [current, count, columns, rows, pageRows, onMove],
  );

  return { focusedIndex: current, setFocusedIndex, onKeyDown };
}
