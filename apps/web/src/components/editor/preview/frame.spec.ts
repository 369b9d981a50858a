import { describe, expect, it } from 'vitest';
import { neutralAdjustments } from '@atelier/image-edits';
import { IDENTITY } from '../geometry-plan';
import { visibleArea, type View } from '../viewport';
import { canvasPlacement, planCanvas, previewScale, resolutionFor, type Frame } from './frame';

describe('resolutionFor', () => {
  it("draws the picture's own pixels at 100 % and beyond", () => {
    expect(resolutionFor(1, 1)).toBe(1);
    expect(resolutionFor(0.6, 2)).toBe(1);
  });

  it('rounds up to sixteenths, so the canvas is never coarser than the screen', () => {
    expect(resolutionFor(0.53, 1)).toBe(0.5625);
    expect(resolutionFor(0.125, 1)).toBe(0.125);
  });

  it('halves below a sixteenth', () => {
    expect(resolutionFor(0.05, 1)).toBe(1 / 16);
    expect(resolutionFor(0.02, 1)).toBe(1 / 32);
    expect(resolutionFor(0.001, 1)).toBe(1 / 64);
  });
});

describe('previewScale', () => {
  it('caps the largest side', () => {
    expect(previewScale({ width: 8192, height: 2048 })).toBe(0.5);
    expect(previewScale({ width: 2048, height: 2048 }, 0.25)).toBe(0.25);
  });
});

describe('planCanvas', () => {
  const size = { width: 2048, height: 2048 };
  const frame = (resolution: number, area: Frame['area']): Frame => ({
    size,
    toSource: IDENTITY,
    adjustments: neutralAdjustments,
    splitX: null,
    resolution,
    area,
  });
  const pixels = ({ canvas }: { canvas: { width: number; height: number } }) => canvas.width * canvas.height;

  it('draws the whole picture at the view’s resolution when it all shows', () => {
    const plan = planCanvas(frame(0.375, null));
    expect(plan.full).toEqual({ width: 768, height: 768 });
    expect(plan.canvas).toEqual({ x: 0, y: 0, width: 768, height: 768 });
    expect(plan.base).toEqual(plan.canvas);
    expect(canvasPlacement(plan)).toEqual({ left: '0%', top: '0%', width: '100%', height: '100%' });
  });

  it('zoomed in, costs the pixels of the view, not of the picture, at 100 % and 400 %', () => {
    const box = { width: 1000, height: 800 };
    const fitted = planCanvas(frame(0.375, null));
    for (const scale of [1, 4]) {
      const view: View = { scale, x: -500 * scale, y: -600 * scale };
      const plan = planCanvas(frame(1, visibleArea(view, size, box)));
      expect(pixels(plan)).toBeLessThanOrEqual((box.width / scale + 1) * (box.height / scale + 1));
      expect(pixels(plan)).toBeLessThanOrEqual(2 * pixels(fitted));
    }
  });

  it('places the canvas over its part of the picture, in per cent', () => {
    const plan = planCanvas(frame(1, { x: 512, y: 1024, width: 256, height: 512 }));
    expect(plan.canvas).toEqual({ x: 512, y: 1024, width: 256, height: 512 });
    expect(canvasPlacement(plan)).toEqual({ left: '25%', top: '50%', width: '12.5%', height: '25%' });
  });

  it('grows the geometry pass by the blur’s reach, within the picture', () => {
    const plan = planCanvas(frame(0.5, { x: 20, y: 1000, width: 200, height: 1048 }), 30);
    expect(plan.canvas).toEqual({ x: 10, y: 500, width: 100, height: 524 });
    // 15 canvas pixels of reach, grown to 16 (a power of two, so the next blur step keeps it).
    expect(plan.base).toEqual({ x: 0, y: 484, width: 126, height: 540 });
    expect(planCanvas(frame(0.5, { x: 20, y: 1000, width: 200, height: 1048 }), 31).base).toEqual(plan.base);
  });

  it('covers a fractional area with whole pixels', () => {
    const plan = planCanvas(frame(0.5, { x: 3, y: 5, width: 7, height: 9 }));
    expect(plan.canvas).toEqual({ x: 1, y: 2, width: 4, height: 5 });
  });
});
