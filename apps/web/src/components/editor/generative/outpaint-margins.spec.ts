import { describe, expect, it } from 'vitest';
import {
  capMargins,
  centred,
  expandedFrame,
  expandedSize,
  growEachSide,
  hasMargins,
  NO_MARGINS,
  parseMargin,
  readMargins,
  toAspect,
} from './outpaint-margins';
import type { OutpaintLimits } from '../../../lib/provider-capabilities';
import { fitMargins, limitsText } from './outpaint-limits';

const portrait = { width: 768, height: 1344 };

describe('outpaint margins', () => {
  it('adds a quarter of the width on each side and a quarter of the height above and below', () => {
    const margins = growEachSide(portrait, 0.25);
    expect(margins).toEqual({ top: 336, right: 192, bottom: 336, left: 192 });
    expect(expandedSize(portrait, margins)).toEqual({ width: 1152, height: 2016 });
  });

  it('grows only the short way to reach a shape, centred, the odd pixel on the right or bottom', () => {
    const wide = toAspect(portrait, 16, 9);
    expect(wide.top + wide.bottom).toBe(0);
    expect(expandedSize(portrait, wide)).toEqual({ width: 2389, height: 1344 });
    expect([wide.left, wide.right]).toEqual([810, 811]);

    expect(toAspect(portrait, 1, 1)).toEqual({ top: 0, right: 288, bottom: 0, left: 288 });
    expect(toAspect({ width: 1024, height: 576 }, 1, 1)).toEqual({
      top: 224,
      right: 0,
      bottom: 224,
      left: 0,
    });
    expect(toAspect({ width: 1920, height: 1080 }, 16, 9)).toEqual(NO_MARGINS);
  });

  it('frames the expanded canvas in source pixels, starting above and left of the picture', () => {
    expect(expandedFrame(portrait, { top: 10, right: 20, bottom: 30, left: 40 })).toEqual({
      x: -40,
      y: -10,
      width: 828,
      height: 1384,
    });
  });

  it('reads typed margins, evens them out for centred providers, and caps them', () => {
    expect([
      parseMargin(' 64 '),
      parseMargin(''),
      parseMargin('-3'),
      parseMargin('1.5'),
      parseMargin('x'),
    ]).toEqual([64, 0, null, null, null]);
    expect(centred({ top: 10, right: 0, bottom: 4, left: 30 })).toEqual({
      top: 10,
      right: 30,
      bottom: 10,
      left: 30,
    });
    expect(capMargins({ top: 10, right: 900, bottom: 0, left: 2048 }, 512)).toEqual({
      top: 10,
      right: 512,
      bottom: 0,
      left: 512,
    });
    expect(capMargins({ top: 10, right: 900, bottom: 0, left: 2048 }, null).left).toBe(2048);
    expect(readMargins({ top: '10', right: '', bottom: 'x', left: '4' })).toEqual({
      margins: { top: 10, right: 0, bottom: 0, left: 4 },
      typos: ['bottom'],
    });
    expect([hasMargins(NO_MARGINS), hasMargins({ ...NO_MARGINS, bottom: 1 })]).toEqual([false, true]);
  });
});

describe('outpaint limits', () => {
  const flux: OutpaintLimits = {
    maxMargin: 2048,
    maxSide: 4096,
    prompt: true,
    squareSourceOnly: false,
    centredOnly: false,
    resolutions: [],
    shapeTolerance: 0,
    note: '',
  };
  const reframe: OutpaintLimits = {
    maxMargin: null,
    maxSide: 2048,
    prompt: false,
    squareSourceOnly: true,
    centredOnly: true,
    resolutions: ['1024x1024', '1344x768', '768x1344'],
    shapeTolerance: 0.05,
    note: '',
  };

  it('bends presets to the provider and says its limits in words', () => {
    expect(fitMargins(reframe, { top: 0, right: 10, bottom: 0, left: 4 })).toEqual({
      top: 0,
      right: 10,
      bottom: 0,
      left: 10,
    });
    expect(fitMargins(flux, growEachSide({ width: 8000, height: 100 }, 0.5)).left).toBe(2048);
    expect(fitMargins(null, NO_MARGINS)).toBe(NO_MARGINS);
    expect(limitsText(flux)).toBe('Up to 2048 px on each side · result at most 4096 px a side');
    expect(limitsText(reframe)).toBe(
      'Result at most 2048 px a side · keeps the picture centred · square pictures only · delivers its own sizes · no prompt',
    );
  });
});
