export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tile {
  /** The part of the output this tile is responsible for, in source pixels. */
  core: Rect;
  /** The core plus `padding` on every side, clipped to the image: what the model is shown. */
  padded: Rect;
}

/** Cut points that split `length` into `count` near-equal spans. */
const cuts = (length: number, count: number): number[] =>
  Array.from({ length: count + 1 }, (_, i) => Math.round((i * length) / count));

/**
 * Splits an image into near-equal tiles of at most `tileSize` pixels a side, each padded with
 * `padding` pixels of its neighbours. Equal tiles rather than full tiles plus a sliver: every tile
 * costs about the same, so progress moves evenly.
 */
export function planTiles(width: number, height: number, tileSize: number, padding: number): Tile[] {
  const xs = cuts(width, Math.ceil(width / tileSize));
  const ys = cuts(height, Math.ceil(height / tileSize));
  const tiles: Tile[] = [];
  for (let row = 0; row + 1 < ys.length; row++) {
    for (let col = 0; col + 1 < xs.length; col++) {
      const x = xs[col] ?? 0;
      const y = ys[row] ?? 0;
      const core = { x, y, width: (xs[col + 1] ?? width) - x, height: (ys[row + 1] ?? height) - y };
      const left = Math.max(0, x - padding);
      const top = Math.max(0, y - padding);
      const right = Math.min(width, core.x + core.width + padding);
      const bottom = Math.min(height, core.y + core.height + padding);
      tiles.push({ core, padded: { x: left, y: top, width: right - left, height: bottom - top } });
    }
  }
  return tiles;
}
