import { describe, expect, it } from 'vitest';
import { aspectOf, justifiedRows, squareRows } from './row-layout';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('justifiedRows', () => {
  const aspects = [1.5, 0.75, 1, 1.78, 1.33, 0.56, 1, 1.5, 2, 1, 0.8];

  it('fills every row but the last to the exact width, keeping each image’s aspect ratio', () => {
    const rows = justifiedRows(aspects, 1000, 200, 8);
    for (const row of rows.slice(0, -1)) {
      expect(sum(row.widths) + 8 * (row.widths.length - 1)).toBe(1000);
      row.widths.slice(0, -1).forEach((w, i) => {
        expect(Math.abs(w / row.height - aspects[row.start + i]!)).toBeLessThan(0.02);
      });
    }
    expect(rows.flatMap((row) => row.widths)).toHaveLength(aspects.length);
  });

  it('keeps rows near the target height, and the last row at it', () => {
    const rows = justifiedRows(aspects, 1000, 200, 8);
    for (const row of rows) expect(row.height).toBeLessThanOrEqual(300);
    for (const row of rows.slice(0, -1)) expect(row.height).toBeGreaterThanOrEqual(120);
    expect(rows.at(-1)!.height).toBe(200);
  });

  it('gives a panorama wider than the space a row of its own, at most 1.5× the target tall', () => {
    const rows = justifiedRows([10, 1], 500, 200, 8);
    expect(rows[0]).toMatchObject({ start: 0, widths: [500] });
    expect(rows[0]!.height).toBe(50);
    expect(rows[1]).toMatchObject({ start: 1, height: 200 });
  });

  it('lays out nothing for no images', () => {
    expect(justifiedRows([], 800, 200, 8)).toEqual([]);
  });
});

describe('squareRows', () => {
  it('puts `columns` square tiles in each row, the rest in the last', () => {
    expect(squareRows(7, 3, 100)).toEqual([
      { start: 0, height: 100, widths: [100, 100, 100] },
      { start: 3, height: 100, widths: [100, 100, 100] },
      { start: 6, height: 100, widths: [100] },
    ]);
  });
});

describe('aspectOf', () => {
  it('is width over height, bounded, and square when unknown', () => {
    expect(aspectOf({ width: 1024, height: 768 })).toBeCloseTo(1.333, 3);
    expect(aspectOf({ width: 0, height: 0 })).toBe(1);
    expect(aspectOf({ width: 10_000, height: 10 })).toBe(4);
  });
});
