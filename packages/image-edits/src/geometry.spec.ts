import { describe, expect, it } from 'vitest';
import { finalSize, sizeAfter, straightenedSize } from './geometry';

describe('sizeAfter', () => {
  it('follows each operation in list order', () => {
    const sizes = sizeAfter(
      [
        { type: 'rotate', quarterTurns: 1 },
        { type: 'crop', x: 0, y: 0, width: 300, height: 200 },
        { type: 'flip', axis: 'horizontal' },
        { type: 'adjust', values: { exposure: 1 } },
        { type: 'rotate', quarterTurns: 2 },
        { type: 'resize', width: 150, height: 100 },
      ],
      { width: 400, height: 600 },
    );
    expect(sizes).toEqual([
      { width: 600, height: 400 },
      { width: 300, height: 200 },
      { width: 300, height: 200 },
      { width: 300, height: 200 },
      { width: 300, height: 200 },
      { width: 150, height: 100 },
    ]);
  });

  it('keeps the source size for an empty list', () => {
    expect(finalSize([], { width: 10, height: 20 })).toEqual({ width: 10, height: 20 });
  });
});

describe('straightenedSize', () => {
  it('keeps the aspect ratio and fits inside the rotated picture', () => {
    const source = { width: 1600, height: 900 };
    for (const angle of [-45, -10, -0.5, 3, 17, 45]) {
      const { width, height } = straightenedSize(source, angle);
      expect(Math.abs(width / height - 16 / 9)).toBeLessThan(0.01);
      // Every corner of the inner rectangle, turned back, lies within the source frame.
      const t = (angle * Math.PI) / 180;
      for (const [sx, sy] of [
        [1, 1],
        [1, -1],
        [-1, 1],
        [-1, -1],
      ] as const) {
        const x = (sx * width) / 2;
        const y = (sy * height) / 2;
        expect(Math.abs(x * Math.cos(t) + y * Math.sin(t))).toBeLessThanOrEqual(source.width / 2 + 1e-6);
        expect(Math.abs(-x * Math.sin(t) + y * Math.cos(t))).toBeLessThanOrEqual(source.height / 2 + 1e-6);
      }
    }
  });

  it('is the largest such rectangle: a square at 45° keeps 1/√2 of its side', () => {
    expect(straightenedSize({ width: 1000, height: 1000 }, 45)).toEqual({ width: 707, height: 707 });
    expect(straightenedSize({ width: 1000, height: 1000 }, 0)).toEqual({ width: 1000, height: 1000 });
  });
});
