import { describe, expect, it } from 'vitest';
import { gridLayout, renderedRows } from './grid-layout';

describe('gridLayout', () => {
  it.each([
    [375, 700],
    [768, 1000],
    [1320, 760],
    [1800, 940],
    [3700, 2000],
  ])('keeps at most 60 tiles in the DOM at %i×%i', (width, height) => {
    const layout = gridLayout(width, height);
    expect(layout.columns * renderedRows(layout, height)).toBeLessThanOrEqual(60);
    expect(layout.columns * layout.tile + (layout.columns - 1) * layout.gap).toBeLessThanOrEqual(width);
  });

  it('uses two columns on a phone and several on a laptop', () => {
    expect(gridLayout(343, 600).columns).toBe(2);
    expect(gridLayout(1320, 760).columns).toBeGreaterThanOrEqual(6);
  });

  it('grows tiles instead of adding columns on a huge screen', () => {
    const layout = gridLayout(3700, 2000);
    expect(layout.tile).toBeGreaterThan(300);
  });
});
