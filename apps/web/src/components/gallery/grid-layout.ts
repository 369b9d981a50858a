export interface GridLayout {
  columns: number;
  /** Side of a square tile in CSS pixels. */
  tile: number;
  gap: number;
  /** Tile plus gap: the virtualizer's row size. */
  rowHeight: number;
  overscan: number;
}

export interface GridLayoutOptions {
  minTile?: number;
  maxTiles?: number;
  overscan?: number;
}

/** Rows the virtualizer can render at once: those in view (one may be cut at each edge) plus overscan. */
export function renderedRows(layout: GridLayout, viewportHeight: number): number {
  return Math.ceil(viewportHeight / layout.rowHeight) + 1 + 2 * layout.overscan;
}

/**
 * Columns and tile size for a viewport: as many columns of at least `minTile` as fit, but fewer
 * (bigger tiles) when that would put more than `maxTiles` tiles in the DOM.
 */
export function gridLayout(width: number, height: number, options: GridLayoutOptions = {}): GridLayout {
  const { minTile = 160, maxTiles = 60, overscan = 1 } = options;
  const gap = width < 480 ? 4 : 8;
  const usable = Math.max(1, width);
  let columns = Math.max(1, Math.floor((usable + gap) / (minTile + gap)));
  const make = (cols: number): GridLayout => {
    const tile = Math.max(1, Math.floor((usable - gap * (cols - 1)) / cols));
    return { columns: cols, tile, gap, rowHeight: tile + gap, overscan };
  };
  let layout = make(columns);
  while (columns > 1 && columns * renderedRows(layout, height) > maxTiles) {
    columns -= 1;
    layout = make(columns);
  }
  return layout;
}
