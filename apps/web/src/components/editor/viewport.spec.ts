import { describe, expect, it } from 'vitest';
import {
  MAX_SCALE,
  actualSizeView,
  clampView,
  fitAreaView,
  fitView,
  pinchView,
  toBox,
  toPicture,
  visibleArea,
  visibleAreaStep,
  wheelFactor,
  zoomAt,
  zoomLabel,
} from './viewport';

describe('fitView', () => {
  it('fits a portrait into a landscape box without stretching it, centred', () => {
    const view = fitView({ width: 1000, height: 2000 }, { width: 800, height: 432 }, 16);
    expect(view.scale).toBeCloseTo(0.2);
    // Drawn 200×400: the same 1:2 ratio as the picture.
    expect(1000 * view.scale).toBeCloseTo(200);
    expect(2000 * view.scale).toBeCloseTo(400);
    expect(view.x).toBeCloseTo(300);
    expect(view.y).toBeCloseTo(16);
  });

  it('fits a wide picture into a 390 px phone', () => {
    const view = fitView({ width: 2048, height: 1024 }, { width: 390, height: 500 }, 16);
    expect(2048 * view.scale).toBeCloseTo(358);
    expect(1024 * view.scale).toBeCloseTo(179);
  });
});

describe('zoomAt', () => {
  it('keeps the picture point under the pointer still', () => {
    const view = { scale: 0.5, x: 100, y: 50 };
    const anchor = { x: 300, y: 200 };
    const before = toPicture(view, anchor);
    const zoomed = zoomAt(view, 3, anchor);
    expect(zoomed.scale).toBeCloseTo(1.5);
    const after = toPicture(zoomed, anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('stops at the largest zoom', () => {
    expect(zoomAt({ scale: 20, x: 0, y: 0 }, 10, { x: 0, y: 0 }).scale).toBe(MAX_SCALE);
  });

  it('goes to 100 % about a point', () => {
    const view = actualSizeView({ scale: 0.25, x: 10, y: 10 }, { x: 110, y: 60 });
    expect(view.scale).toBe(1);
    expect(toPicture(view, { x: 110, y: 60 })).toEqual({ x: 400, y: 200 });
  });
});

describe('wheelFactor', () => {
  it('zooms in when scrolling up and out when scrolling down, by the same amount', () => {
    expect(wheelFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(100, 0) * wheelFactor(-100, 0)).toBeCloseTo(1);
    // A line-mode notch (Firefox) is about as strong as a pixel-mode notch.
    expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(120, 0));
  });
});

describe('pinchView', () => {
  it('zooms by the change of distance and pans with the middle of the fingers', () => {
    const view = { scale: 1, x: 0, y: 0 };
    const next = pinchView(
      view,
      [
        { x: 100, y: 100 },
        { x: 200, y: 100 },
      ],
      [
        { x: 110, y: 120 },
        { x: 310, y: 120 },
      ],
    );
    expect(next.scale).toBeCloseTo(2);
    // The picture point that was between the fingers is still between them.
    expect(toBox(next, toPicture(view, { x: 150, y: 100 }))).toEqual({ x: 210, y: 120 });
  });
});

describe('clampView', () => {
  it('keeps a strip of the picture in view', () => {
    const box = { width: 400, height: 300 };
    const picture = { width: 1000, height: 1000 };
    expect(clampView({ scale: 1, x: 5000, y: -5000 }, picture, box)).toEqual({ scale: 1, x: 352, y: -952 });
  });
});

describe('toBox and toPicture', () => {
  it('are inverse', () => {
    const view = { scale: 0.37, x: -12, y: 44 };
    const point = toPicture(view, toBox(view, { x: 123, y: 456 }));
    expect(point.x).toBeCloseTo(123);
    expect(point.y).toBeCloseTo(456);
  });
});

it('labels the zoom', () => {
  expect(zoomLabel(1)).toBe('100 %');
  expect(zoomLabel(0.125)).toBe('13 %');
  expect(zoomLabel(0.045)).toBe('4.5 %');
  expect(zoomLabel(2.004)).toBe('200 %');
});

describe('fitAreaView', () => {
  it('fits a picture and its outpaint margins: the whole new area is in the box', () => {
    const box = { width: 800, height: 600 };
    // A 400×400 picture with 400 px added on the left and 200 above.
    const view = fitAreaView({ x: -400, y: -200, width: 800, height: 600 }, box, 0);
    expect(view.scale).toBeCloseTo(1);
    expect(toBox(view, { x: -400, y: -200 })).toEqual({ x: 0, y: 0 });
    expect(toBox(view, { x: 400, y: 400 })).toEqual({ x: 800, y: 600 });
  });

  it('zooms out when the margins are larger than the box allows, keeping the ratio', () => {
    const view = fitAreaView({ x: -1000, y: 0, width: 3000, height: 1000 }, { width: 600, height: 600 }, 0);
    expect(view.scale).toBeCloseTo(0.2);
    expect(toBox(view, { x: -1000, y: 0 }).x).toBeCloseTo(0);
    expect(toBox(view, { x: 2000, y: 1000 })).toEqual({ x: 600, y: 400 });
  });
});

describe('visibleArea', () => {
  const picture = { width: 2048, height: 2048 };
  const box = { width: 1000, height: 800 };

  it('is the whole picture when it all shows', () => {
    expect(visibleArea(fitView(picture, box), picture, box)).toEqual({
      x: 0,
      y: 0,
      width: 2048,
      height: 2048,
    });
  });

  it('is the part on screen when zoomed in, in picture pixels', () => {
    // 400 %: picture pixel (1000, 1000) at the box's top-left.
    const view = { scale: 4, x: -4000, y: -4000 };
    expect(visibleArea(view, picture, box)).toEqual({ x: 1000, y: 1000, width: 250, height: 200 });
  });

  it('stops at the picture’s edges', () => {
    const view = { scale: 1, x: -1500, y: 100 };
    expect(visibleArea(view, picture, box)).toEqual({ x: 1500, y: 0, width: 548, height: 700 });
  });

  it('snaps outwards to its grid, so a small pan keeps the same area', () => {
    const at = (x: number) => visibleArea({ scale: 1, x, y: 0 }, picture, box, 64);
    expect(at(-1010)).toEqual({ x: 960, y: 0, width: 1088, height: 832 });
    expect(at(-1020)).toEqual(at(-1010));
    expect(at(-1030).x).toBe(1024);
  });

  it('snaps to about an eighth of the box, as a power of two', () => {
    expect(visibleAreaStep({ scale: 1, x: 0, y: 0 }, box)).toBe(64);
    expect(visibleAreaStep({ scale: 4, x: 0, y: 0 }, box)).toBe(16);
    expect(visibleAreaStep({ scale: 32, x: 0, y: 0 }, box)).toBe(8);
  });
});
