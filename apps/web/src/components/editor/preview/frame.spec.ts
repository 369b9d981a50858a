import { describe, expect, it } from 'vitest';
import { previewScale, resolutionFor } from './frame';

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
