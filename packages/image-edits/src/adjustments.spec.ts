import { describe, expect, it } from 'vitest';
import {
  ADJUST_GLSL,
  adjustPixels,
  adjustRgb,
  blurSigma,
  isNeutral,
  mergeAdjustments,
  neutralAdjustments,
} from './adjustments';
import { looks } from './looks';
import { validateOperations } from './validate';

const with_ = (values: Partial<typeof neutralAdjustments>) => ({ ...neutralAdjustments, ...values });

describe('mergeAdjustments', () => {
  it('keeps the last value of each slider, whatever geometry comes between', () => {
    const merged = mergeAdjustments([
      { type: 'adjust', values: { exposure: 1, contrast: 20 } },
      { type: 'rotate', quarterTurns: 1 },
      { type: 'adjust', values: { exposure: -0.5 } },
    ]);
    expect(merged).toEqual(with_({ exposure: -0.5, contrast: 20 }));
    expect(isNeutral(merged)).toBe(false);
    expect(isNeutral(mergeAdjustments([{ type: 'flip', axis: 'vertical' }]))).toBe(true);
  });
});

describe('adjustRgb', () => {
  it('changes nothing at neutral', () => {
    expect(adjustRgb(0.2, 0.5, 0.9, 0.1, 0.7, neutralAdjustments)).toEqual([0.2, 0.5, 0.9]);
  });

  it('doubles the light for +1 stop of exposure', () => {
    expect(adjustRgb(0.25, 0.25, 0.25, 0.5, 0.5, with_({ exposure: 1 }))).toEqual([0.5, 0.5, 0.5]);
  });

  it('makes grey of any colour at saturation -100', () => {
    const [r, g, b] = adjustRgb(0.9, 0.2, 0.4, 0.5, 0.5, with_({ saturation: -100 }));
    expect(r).toBeCloseTo(g, 10);
    expect(g).toBeCloseTo(b, 10);
  });

  it('warms with temperature and turns a hue 120° from red to green', () => {
    const [r, , b] = adjustRgb(0.5, 0.5, 0.5, 0.5, 0.5, with_({ temperature: 100 }));
    expect(r).toBeGreaterThan(b);
    const [r2, g2] = adjustRgb(0.8, 0.2, 0.2, 0.5, 0.5, with_({ hue: 120 }));
    expect(g2).toBeGreaterThan(r2);
  });

  it('darkens the corners and not the centre with a vignette', () => {
    const vignette = with_({ vignette: 100 });
    expect(adjustRgb(0.5, 0.5, 0.5, 0.5, 0.5, vignette)[0]).toBe(0.5);
    expect(adjustRgb(0.5, 0.5, 0.5, 0, 0, vignette)[0]).toBeCloseTo(0.1, 10);
  });

  it('runs over a buffer like one pixel at a time, keeping alpha', () => {
    const data = new Uint8Array([200, 100, 50, 128, 10, 20, 30, 255]);
    const a = with_({ contrast: 30, vibrance: 50, vignette: 40 });
    adjustPixels(data, 2, 1, 4, a);
    const first = adjustRgb(200 / 255, 100 / 255, 50 / 255, 0.25, 0.5, a).map((v) => Math.round(v * 255));
    expect([...data.slice(0, 4)]).toEqual([...first, 128]);
    expect(data[7]).toBe(255);
  });
});

describe('the shader and the JavaScript', () => {
  it('has the same ten steps, in the same order', () => {
    const steps = [...ADJUST_GLSL.matchAll(/\/\/ (\d+)\. (\w+)/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(steps).toEqual([
      '1.exposure',
      '2.brightness',
      '3.contrast',
      '4.shadows',
      '5.temperature',
      '6.tint',
      '7.saturation',
      '8.vibrance',
      '9.hue',
      '10.vignette',
    ]);
  });
});

describe('looks and filters', () => {
  it('are valid adjust operations', () => {
    for (const look of looks) {
      expect(
        validateOperations([{ type: 'adjust', values: look.values, look: look.id }], {
          width: 64,
          height: 64,
        }),
      ).toEqual([]);
    }
  });

  it('blur scales with the picture', () => {
    expect(blurSigma(0, 1000)).toBeNull();
    expect(blurSigma(100, 1000)).toBe(20);
    expect(blurSigma(50, 2000)).toBe(20);
  });
});
