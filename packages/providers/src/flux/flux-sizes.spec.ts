import { describe, expect, it } from 'vitest';
import { checkSize } from '../capabilities';
import type { GenerationParams, SourceImage } from '../image-provider';
import { fluxModels, modelForOperation } from './flux-models';
import { fitToRule, nearestAspect, shape } from './flux-sizes';

const params = (changes: Partial<GenerationParams>): GenerationParams => ({
  width: null,
  height: null,
  aspectRatio: null,
  quality: 'STANDARD',
  style: null,
  negativePrompt: null,
  seed: 1,
  steps: null,
  magicPrompt: null,
  ...changes,
});
const source = (width: number, height: number): SourceImage => ({
  bytes: Buffer.alloc(0),
  mime: 'image/png',
  width,
  height,
});
const model = (id: string) => fluxModels.find((candidate) => candidate.capabilities.id === id)!;

describe('sizes', () => {
  it('fits any size onto a model grid within its limits', () => {
    for (const { capabilities } of fluxModels) {
      if (!capabilities.size) continue;
      for (const [w, h] of [
        [1000, 750],
        [5000, 300],
        [100, 100],
        [4096, 4096],
      ] as const) {
        const fitted = fitToRule(w, h, capabilities.size);
        expect(
          checkSize(capabilities.size, fitted.width, fitted.height),
          `${capabilities.id} ${w}×${h}`,
        ).toEqual([]);
      }
    }
  });

  it('turns an aspect ratio into about a megapixel for size models, and a size into the nearest ratio', () => {
    expect(shape(model('flux-pro-1.1'), params({ aspectRatio: '16:9' }), null)).toEqual({
      width: 1344,
      height: 768,
    });
    expect(shape(model('flux-pro-1.1-ultra'), params({ width: 1920, height: 1080 }), null)).toEqual({
      aspect_ratio: '16:9',
    });
    expect(nearestAspect(1000, 1500, ['1:1', '2:3', '9:16'])).toBe('2:3');
  });

  it('refuses an off-grid size for text-to-image but fits it when reworking a source', () => {
    expect(() => shape(model('flux-pro-1.1'), params({ width: 1000, height: 750 }), null)).toThrow(
      /multiple of 32/,
    );
    expect(shape(model('flux-pro-1.1'), params({ width: 1000, height: 750 }), source(1000, 750))).toEqual({
      width: 992,
      height: 736,
    });
    expect(shape(model('flux-kontext-pro'), params({}), source(900, 1600))).toEqual({ aspect_ratio: '9:16' });
    expect(() => shape(model('flux-kontext-pro'), params({ aspectRatio: '4:1' }), null)).toThrow(/21:9/);
  });
});

describe('models', () => {
  it('declare a size rule or aspect ratios for every model that generates', () => {
    for (const { capabilities } of fluxModels) {
      if (!capabilities.operations.includes('GENERATE')) continue;
      expect((capabilities.size === null) !== (capabilities.aspectRatios.length === 0), capabilities.id).toBe(
        true,
      );
    }
  });

  it('run an operation on the requested model when it can, else on the model that serves it', () => {
    expect(modelForOperation('flux-kontext-pro', 'RESTYLE').capabilities.id).toBe('flux-kontext-pro');
    expect(modelForOperation('flux-2-pro', 'EDIT').capabilities.id).toBe('flux-pro-1.0-fill');
    expect(modelForOperation('flux-dev', 'VARIATION').capabilities.id).toBe('flux-2-pro');
    expect(() => modelForOperation('flux-9', 'GENERATE')).toThrow(/no model "flux-9"/);
  });
});
