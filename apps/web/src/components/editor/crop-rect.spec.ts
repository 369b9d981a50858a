import { describe, expect, it } from 'vitest';
import {
  cropRatios,
  fitRatio,
  initialCrop,
  isWholePicture,
  moveCrop,
  resizeCrop,
  roundCrop,
} from './crop-rect';

const picture = { width: 1000, height: 600 };

describe('initialCrop', () => {
  it('takes the whole picture when free, the largest centred rectangle of a ratio otherwise', () => {
    expect(initialCrop(picture, null)).toEqual({ x: 0, y: 0, width: 1000, height: 600 });
    expect(initialCrop(picture, 1)).toEqual({ x: 200, y: 0, width: 600, height: 600 });
    const portrait = initialCrop(picture, 9 / 16);
    expect(portrait.height).toBe(600);
    expect(portrait.width / portrait.height).toBeCloseTo(9 / 16);
  });
});

describe('moveCrop', () => {
  it('keeps the crop inside the picture', () => {
    expect(moveCrop({ x: 100, y: 100, width: 200, height: 200 }, 5000, -5000, picture)).toEqual({
      x: 800,
      y: 0,
      width: 200,
      height: 200,
    });
  });
});

describe('resizeCrop', () => {
  const start = { x: 100, y: 100, width: 400, height: 300 };

  it('moves only the dragged edges when free', () => {
    expect(resizeCrop(start, 'se', 50, -20, picture, null)).toEqual({
      x: 100,
      y: 100,
      width: 450,
      height: 280,
    });
    expect(resizeCrop(start, 'w', -500, 0, picture, null)).toEqual({ x: 0, y: 100, width: 500, height: 300 });
  });

  it('keeps a fixed ratio from a corner, anchored at the opposite corner', () => {
    const rect = resizeCrop(start, 'nw', -40, -200, picture, 4 / 3);
    expect(rect.width / rect.height).toBeCloseTo(4 / 3);
    expect(rect.x + rect.width).toBeCloseTo(500);
    expect(rect.y + rect.height).toBeCloseTo(400);
  });

  it('stops a fixed ratio at the picture edge without breaking the ratio', () => {
    const rect = resizeCrop(start, 'se', 5000, 5000, picture, 1);
    expect(rect.width).toBeCloseTo(rect.height);
    expect(rect.y + rect.height).toBeLessThanOrEqual(600.0001);
    expect(rect.x + rect.width).toBeLessThanOrEqual(1000.0001);
  });

  it('keeps the crop centred across when an edge is dragged with a ratio', () => {
    const rect = resizeCrop(start, 'e', 100, 0, picture, 4 / 3);
    expect(rect.width).toBeCloseTo(500);
    expect(rect.height).toBeCloseTo(375);
    expect(rect.y + rect.height / 2).toBeCloseTo(250);
  });

  it('never collapses below the minimum', () => {
    expect(resizeCrop(start, 'e', -1000, 0, picture, null).width).toBe(16);
  });
});

describe('fitRatio', () => {
  it('changes the ratio about the centre, inside the picture', () => {
    const rect = fitRatio({ x: 0, y: 0, width: 1000, height: 600 }, 1, picture);
    expect(rect.width).toBeCloseTo(rect.height);
    expect(rect.height).toBeLessThanOrEqual(600.0001);
    expect(rect.x + rect.width / 2).toBeCloseTo(500);
  });
});

describe('roundCrop', () => {
  it('gives whole pixels inside the picture', () => {
    expect(roundCrop({ x: -0.4, y: 10.6, width: 1000.7, height: 20.2 }, picture)).toEqual({
      x: 0,
      y: 11,
      width: 1000,
      height: 20,
    });
    expect(isWholePicture({ x: 0.2, y: 0, width: 999.9, height: 600 }, picture)).toBe(true);
  });
});

it("offers free, the picture's own ratio, and the usual ones with their portraits", () => {
  expect(cropRatios(picture).map((ratio) => ratio.label)).toEqual([
    'Free',
    'Original',
    '1:1',
    '4:3',
    '3:4',
    '3:2',
    '2:3',
    '16:9',
    '9:16',
  ]);
  expect(cropRatios(picture)[1]?.value).toBeCloseTo(1000 / 600);
});
