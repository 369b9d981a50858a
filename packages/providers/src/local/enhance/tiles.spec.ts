import { describe, expect, it } from 'vitest';
import { planTiles } from './tiles';

describe('planTiles', () => {
  it('covers every pixel exactly once with near-equal cores', () => {
    for (const [width, height, size] of [
      [1024, 1024, 192],
      [96, 64, 32],
      [100, 37, 40],
      [50, 50, 192],
    ] as const) {
      const tiles = planTiles(width, height, size, 10);
      const hits = new Uint8Array(width * height);
      for (const { core } of tiles) {
        expect(core.width).toBeLessThanOrEqual(size);
        expect(core.height).toBeLessThanOrEqual(size);
        for (let y = core.y; y < core.y + core.height; y++) {
          for (let x = core.x; x < core.x + core.width; x++) {
            hits[y * width + x] = (hits[y * width + x] ?? 0) + 1;
          }
        }
      }
      expect(hits.every((count) => count === 1)).toBe(true);
      const widths = tiles.map((tile) => tile.core.width);
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1);
    }
  });

  it('pads each core on every side, clipped to the image', () => {
    const tiles = planTiles(96, 96, 32, 10);
    expect(tiles).toHaveLength(9);
    expect(tiles[0]?.padded).toEqual({ x: 0, y: 0, width: 42, height: 42 });
    expect(tiles[4]?.padded).toEqual({ x: 22, y: 22, width: 52, height: 52 });
    expect(tiles[8]?.padded).toEqual({ x: 54, y: 54, width: 42, height: 42 });
  });
});
