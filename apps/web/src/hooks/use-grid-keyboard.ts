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

interface GridKeyboardOptions {
  count: number;
  columns: number;
  pageRows?: number;
  /** Scroll the item into view and focus it. */
  onMove: (index: number) => void;
}

/** Roving focus for a grid: one tile is tabbable, the keys move it. */
export function useGridKeyboard({ count, columns, pageRows, onMove }: GridKeyboardOptions) {
  const [focusedIndex, setFocusedIndex] = useState(0);
  const current = Math.min(focusedIndex, Math.max(0, count - 1));

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const next = nextGridIndex(event.key, current, count, columns, pageRows);
      if (next === null) return;
      event.preventDefault();
      setFocusedIndex(next);
      onMove(next);
    },
    [current, count, columns, pageRows, onMove],
  );

  return { focusedIndex: current, setFocusedIndex, onKeyDown };
}
