import { describe, expect, it } from 'vitest';
import type { ModelCapabilities } from './capabilities';
import { proceduralModel } from './local/local-capabilities';
import { sharedLimits } from './shared-limits';

const model = (changes: Partial<ModelCapabilities>): ModelCapabilities => ({
  ...proceduralModel,
  ...changes,
});
const sized = model({
  size: { min: 256, max: 1440, multipleOf: 32, maxPixels: 1440 * 1440 },
  styles: ['a', 'b'],
});
const ratioOnly = model({ size: null, aspectRatios: ['1:1', '16:9'], steps: null, styles: ['b', 'c'] });

describe('sharedLimits', () => {
  it('is a model’s own rules for one model', () => {
    expect(sharedLimits([proceduralModel])).toEqual({
      size: proceduralModel.size,
      steps: { min: 1, max: 50 },
      styles: proceduralModel.styles,
      aspectRatios: null,
    });
  });

  it('keeps what every model taking a setting accepts', () => {
    expect(
      sharedLimits([proceduralModel, sized, ratioOnly, model({ size: null, aspectRatios: ['16:9', '4:3'] })]),
    ).toEqual({
      size: { min: 256, max: 1440, multipleOf: 64, maxPixels: 1440 * 1440 },
      steps: { min: 1, max: 50 },
      styles: [],
      aspectRatios: ['16:9'],
    });
  });

  it('says no model takes a setting with null', () => {
    expect(sharedLimits([ratioOnly])).toMatchObject({ size: null, steps: null });
  });
});
