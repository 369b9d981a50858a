/** One row of a gallery: which images it holds, how tall it is and how wide each tile is. */
export interface GalleryRow {
  /** Index of the row's first image. */
  start: number;
  height: number;
  widths: number[];
}

/** Square tiles: `columns` to a row, each `tile` wide and tall. */
export function squareRows(count: number, columns: number, tile: number): GalleryRow[] {
  const rows: GalleryRow[] = [];
  for (let start = 0; start < count; start += columns) {
    rows.push({
      start,
      height: tile,
      widths: Array.from({ length: Math.min(columns, count - start) }, () => tile),
    });
  }
  return rows;
}

/**
 * Justified rows, as photo sites lay them out: each image keeps its aspect ratio, and every row
 * but the last is scaled so that its tiles fill `width` exactly. Rows come out near `targetHeight`
 * (never taller than 1.5× it); the last row keeps `targetHeight` rather than stretching.
 */
export function justifiedRows(
  aspects: readonly number[],
  width: number,
  targetHeight: number,
  gap: number,
): GalleryRow[] {
  const rows: GalleryRow[] = [];
  let start = 0;
  while (start < aspects.length) {
    let end = start;
    let sum = 0;
    // Take images until the row at the target height is as wide as the space.
    while (end < aspects.length) {
      sum += aspects[end]!;
      end += 1;
      if (sum * targetHeight + gap * (end - start - 1) >= width) break;
    }
    const gaps = gap * (end - start - 1);
    const full = sum * targetHeight + gaps >= width;
    const height = full ? Math.min((width - gaps) / sum, targetHeight * 1.5) : targetHeight;
    const widths = aspects.slice(start, end).map((aspect) => Math.max(1, Math.floor(aspect * height)));
    if (full) {
      // Rounding leaves a few pixels: the last tile takes them, so the row ends flush.
      const used = widths.reduce((total, w) => total + w, 0) + gaps;
      widths[widths.length - 1]! += Math.max(0, Math.floor(width - used));
    }
    rows.push({ start, height: Math.round(height), widths });
    start = end;
  }
  return rows;
}

/** An image's width over its height, for one whose size is unknown or broken: square. */
export function aspectOf(image: { width: number; height: number }): number {
  const aspect = image.width / image.height;
  return Number.isFinite(aspect) && aspect > 0 ? Math.min(4, Math.max(0.25, aspect)) : 1;
}

/** The row holding image `index` (rows in order, by their first image). */
export function rowOf(rows: readonly GalleryRow[], index: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (rows[middle]!.start <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Justified rows for a viewport, starting from the square tile's size as the target height and
 * raising it while more than `maxTiles` tiles would be in the DOM (rows in view plus overscan).
 */
export function fitJustifiedRows(
  aspects: readonly number[],
  viewport: { width: number; height: number },
  options: { targetHeight: number; gap: number; maxTiles?: number; overscan?: number },
): GalleryRow[] {
  const { gap, maxTiles = 60, overscan = 1 } = options;
  let target = options.targetHeight;
  // A sample of the first images tells how many fit in a row, without laying out all of them.
  const sample = aspects.slice(0, 200);
  for (let attempt = 0; attempt < 8; attempt++) {
    const rows = justifiedRows(sample, viewport.width, target, gap);
    const full = rows.length > 1 ? rows.slice(0, -1) : rows;
    const perRow = full.reduce((n, row) => n + row.widths.length, 0) / Math.max(1, full.length);
    const shortest = Math.min(...full.map((row) => row.height), target);
    const inDom = Math.ceil(viewport.height / (shortest + gap)) + 1 + 2 * overscan;
    if (Math.ceil(perRow) * inDom <= maxTiles) break;
    target = Math.round(target * 1.25);
  }
  return justifiedRows(aspects, viewport.width, target, gap);
}
