import { describe, expect, it } from 'vitest';
import {
  applySegment,
  brushRange,
  coverage,
  createRaster,
  farEnough,
  maskFile,
  rasterizeMask,
  replay,
  type MaskStep,
  type MaskStroke,
} from './mask';
import { decodeGreyPng, paintedBox } from './mask-testing';

const stroke = (points: [number, number][], size: number, extra: Partial<MaskStroke> = {}): MaskStroke => ({
  type: 'stroke',
  mode: 'paint',
  size,
  hardness: 1,
  points,
  ...extra,
});

describe('the inpaint mask', () => {
  it('is a PNG of exactly a portrait image’s size, white under the strokes and black elsewhere', async () => {
    const line = stroke(
      [
        [200, 300],
        [500, 300],
      ],
      40,
    );
    const file = await maskFile([line, stroke([[700, 1300]], 20)], 768, 1344);
    expect([file.type, file.name]).toEqual(['image/png', 'mask.png']);
    const png = decodeGreyPng(new Uint8Array(await file.arrayBuffer()));
    expect([png.width, png.height, png.colourType]).toEqual([768, 1344, 0]);
    expect(new Set(png.pixels)).toEqual(new Set([0, 255]));
    expect([
      png.at(200, 300),
      png.at(350, 318),
      png.at(500, 300),
      png.at(182, 300),
      png.at(700, 1300),
    ]).toEqual([255, 255, 255, 255, 255]);
    expect([png.at(350, 322), png.at(175, 300), png.at(525, 300), png.at(0, 0), png.at(767, 1343)]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    const white = png.pixels.filter((value) => value === 255).length;
    const expected = 300 * 40 + Math.PI * 20 * 20 + Math.PI * 10 * 10;
    expect(Math.abs(white - expected) / expected).toBeLessThan(0.03);
  });

  it('paints a dot as a circle on a tall image, at full size and at the preview’s scale', () => {
    const dot = stroke([[384, 900]], 100);
    const full = paintedBox(rasterizeMask([dot], 768, 1344), 768);
    expect(full).toEqual({ width: 100, height: 100, cx: 384, cy: 900 });

    const preview = replay([dot], 768, 1344, 512);
    expect([preview.width, preview.height]).toEqual([293, 512]);
    const small = paintedBox(preview.pixels, preview.width);
    expect(Math.abs(small.width - small.height)).toBeLessThanOrEqual(1);
    expect(Math.abs(small.width - 100 * preview.scale)).toBeLessThanOrEqual(1.5);
  });

  it('fades a soft brush from the inner radius out to the rim', () => {
    const soft = rasterizeMask([stroke([[50, 50]], 60, { hardness: 0.5 })], 100, 100);
    const at = (x: number) => soft[50 * 100 + x]!;
    // Radius 30, fully on within 15 of the centre, off beyond 30.
    expect([at(50), at(60), at(64)]).toEqual([255, 255, 255]);
    expect(at(72)).toBeGreaterThan(0);
    expect(at(72)).toBeLessThan(255);
    expect(at(70)).toBeGreaterThan(at(75));
    expect(at(81)).toBe(0);
  });

  it('erases, inverts, and is all black when cleared', () => {
    const base = stroke(
      [
        [10, 50],
        [90, 50],
      ],
      20,
    );
    const rubber = stroke([[50, 50]], 20, { mode: 'erase' });
    const erased = rasterizeMask([base, rubber], 100, 100);
    expect([erased[50 * 100 + 20], erased[50 * 100 + 50], erased[50 * 100 + 80]]).toEqual([255, 0, 255]);

    const steps: MaskStep[] = [base, { type: 'invert' }];
    const inverted = rasterizeMask(steps, 100, 100);
    expect([inverted[50 * 100 + 50], inverted[5 * 100 + 5]]).toEqual([0, 255]);
    // Painting after an inversion adds to what changes.
    const after = rasterizeMask([...steps, stroke([[50, 50]], 4)], 100, 100);
    expect(after[50 * 100 + 50]).toBe(255);

    expect(rasterizeMask([], 8, 4).every((value) => value === 0)).toBe(true);
    expect(coverage(rasterizeMask([], 8, 4))).toBe(0);
    expect(coverage(rasterizeMask([{ type: 'invert' }], 8, 4))).toBe(1);
  });

  it('gives the same bytes whether a stroke is replayed a segment at a time or whole', () => {
    const points: [number, number][] = [
      [10, 10],
      [40, 30],
      [45, 32],
      [80, 70],
    ];
    for (const mode of ['paint', 'erase'] as const) {
      const line = stroke(points, 18, { mode, hardness: 0.3 });
      const before = mode === 'erase' ? [{ type: 'invert' } as const] : [];
      const whole = replay([...before, line], 100, 100).pixels;
      const live = replay(before, 100, 100);
      applySegment(live, line, points[0]!, points[0]!);
      for (let i = 1; i < points.length; i++) applySegment(live, line, points[i - 1]!, points[i]!);
      expect(live.pixels).toEqual(whole);
    }
  });

  it('clips strokes at the edges, records points no closer than the brush needs, and sizes the brush to the image', () => {
    const edge = createRaster(8, 4);
    applySegment(edge, stroke([[0, 0]], 6), [0, 0], [0, 0]);
    expect([edge.pixels[0], edge.pixels[7]]).toEqual([255, 0]);
    expect(applySegment(edge, stroke([[-50, -50]], 6), [-50, -50], [-50, -50])).toBeNull();

    expect(farEnough(undefined, [0, 0], 40)).toBe(true);
    expect(farEnough([0, 0], [3, 0], 40)).toBe(false);
    expect(farEnough([0, 0], [6, 0], 40)).toBe(true);
    expect(brushRange(1024, 768)).toEqual({ min: 10, max: 205, initial: 64 });
  });
});
