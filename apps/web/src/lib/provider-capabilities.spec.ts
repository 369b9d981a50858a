import { describe, expect, it } from 'vitest';
import {
  aspectSize,
  fallbackCandidates,
  fieldOfIssue,
  keepFallbacks,
  matchingAspect,
  maxCount,
  modelsFor,
  nearestAspectRatio,
  sizeInputProps,
  snapSide,
  submitLabel,
  supportsOperation,
  toInput,
  valuesForProvider,
  visibleFields,
} from './provider-capabilities';
import { fluxFixture, ideogramFixture, modelFixture, providerFixture } from './testing/fixtures';

const bareModel = modelFixture({
  steps: null,
  styles: [],
  supportsNegativePrompt: false,
  supportsQuality: false,
  supportsSeed: false,
  maxCount: 4,
  size: { min: 512, max: 1536, multipleOf: 16, maxPixels: 1_048_576 },
});
const bare = providerFixture(bareModel, { id: 'bare', displayName: 'Bare' });
const local = providerFixture();
const flux = fluxFixture();
const ideogram = ideogramFixture();
const rule = (model = bareModel) => model.size!;

describe('modelsFor', () => {
  it('lists only the models that can do the operation', () => {
    expect(modelsFor(flux).map((m) => m.id)).toEqual(['flux-pro-1.1', 'flux-pro-1.1-ultra']);
    expect(modelsFor(flux, 'EDIT').map((m) => m.id)).toEqual(['flux-kontext-pro']);
    expect(modelsFor(local, 'ENHANCE')).toEqual([]);
  });
});

describe('visibleFields', () => {
  it('shows every parameter the model supports, with a size for a size-rule model', () => {
    expect(visibleFields(local.capabilities.models[0]!)).toEqual({
      size: true,
      aspectRatio: false,
      quality: true,
      steps: true,
      style: true,
      negativePrompt: true,
      seed: true,
      magicPrompt: false,
    });
  });

  it('swaps width and height for an aspect-ratio picker when the model has no size rule', () => {
    const ultra = modelsFor(flux)[1]!;
    const shown = visibleFields(ultra);
    expect(shown).toMatchObject({ size: false, aspectRatio: true, magicPrompt: true, steps: false });
    expect(shown.negativePrompt).toBe(false);
  });

  it('hides what a model cannot use, and a style list that is only "none"', () => {
    const shown = visibleFields(bareModel);
    expect([shown.quality, shown.steps, shown.style, shown.negativePrompt, shown.seed]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(visibleFields(modelFixture({ styles: ['none'] })).style).toBe(false);
  });
});

describe('fallbackCandidates', () => {
  const down = ideogramFixture({ available: false, unavailableReason: 'Set IDEOGRAM_API_KEY' });

  it('offers the other available providers that can do the operation, never the chosen one', () => {
    expect(fallbackCandidates([local, flux, ideogram], 'flux').map((p) => p.id)).toEqual([
      'local',
      'ideogram',
    ]);
    expect(fallbackCandidates([local, flux, down], 'flux').map((p) => p.id)).toEqual(['local']);
    // Local cannot enhance: only Ideogram can stand in for Flux's Enhance.
    expect(fallbackCandidates([local, flux, ideogram], 'flux', 'ENHANCE').map((p) => p.id)).toEqual([
      'ideogram',
    ]);
  });

  it('keeps chosen fallbacks in order, dropping the new choice and the unavailable', () => {
    expect(keepFallbacks(['ideogram', 'local'], [local, flux, ideogram], 'flux')).toEqual([
      'ideogram',
      'local',
    ]);
    expect(keepFallbacks(['ideogram', 'local'], [local, flux, ideogram], 'ideogram')).toEqual(['local']);
    expect(keepFallbacks(['ideogram', 'local'], [local, flux, down], 'flux')).toEqual(['local']);
  });
});

describe('size rule', () => {
  it('gives inputs the rule as step, min and max', () => {
    expect(sizeInputProps(rule())).toEqual({ min: 512, max: 1536, step: 16 });
  });

  it('snaps a side to the nearest allowed multiple within the limits', () => {
    const localRule = local.capabilities.models[0]!.size!;
    expect(snapSide(1000, localRule)).toBe(1024);
    expect(snapSide(100, localRule)).toBe(256);
    expect(snapSide(5000, localRule)).toBe(2048);
  });

  it('makes preset aspects that obey multipleOf and maxPixels', () => {
    for (const [w, h] of [
      [1, 1],
      [4, 3],
      [3, 4],
      [16, 9],
    ] as const) {
      const size = aspectSize(w, h, rule());
      expect(size.width % 16).toBe(0);
      expect(size.height % 16).toBe(0);
      expect(size.width * size.height).toBeLessThanOrEqual(rule().maxPixels);
      expect(Math.abs(size.width / size.height - w / h)).toBeLessThan(0.05);
    }
    expect(aspectSize(1, 1, rule())).toEqual({ width: 1024, height: 1024 });
    expect(matchingAspect(1024, 1024, rule())).toBe('1:1');
    expect(matchingAspect(1000, 700, rule())).toBeNull();
  });
});

describe('count', () => {
  it('is capped by both the model and the API limit of 8', () => {
    expect(maxCount(bareModel)).toBe(4);
    expect(maxCount(modelFixture({ maxCount: 10 }))).toBe(8);
  });
});

describe('valuesForProvider', () => {
  it('starts from the default model and keeps what still fits when switching', () => {
    const first = valuesForProvider(local);
    expect(first).toMatchObject({
      model: 'procedural-v1',
      steps: '20',
      count: '1',
      width: '1024',
      height: '1024',
    });
    const switched = valuesForProvider(bare, {
      ...first,
      count: '8',
      width: '2000',
      style: 'neon',
      prompt: 'kept',
    });
    expect(switched).toMatchObject({ count: '4', width: '1536', style: '', steps: '', prompt: 'kept' });
  });

  it('picks the aspect ratio nearest the current size for an aspect-ratio model', () => {
    const values = valuesForProvider(flux, {
      ...valuesForProvider(local),
      model: 'flux-pro-1.1-ultra',
      width: '1344',
      height: '768',
    });
    expect(values).toMatchObject({ model: 'flux-pro-1.1-ultra', aspectRatio: '16:9', count: '1' });
    expect(nearestAspectRatio(768, 1344, ['1:1', '16:9', '9:16'])).toBe('9:16');
  });

  it('falls back to the default model when the kept one cannot generate', () => {
    expect(valuesForProvider(flux, { model: 'flux-kontext-pro' }).model).toBe('flux-pro-1.1');
  });
});

describe('toInput', () => {
  it('sends only the supported fields, and a blank seed as random', () => {
    const values = { ...valuesForProvider(local), prompt: '  a fox  ', style: 'neon', seed: '' };
    expect(toInput(values, local)).toEqual({
      prompt: 'a fox',
      provider: 'local',
      model: 'procedural-v1',
      count: 1,
      width: 1024,
      height: 1024,
      quality: 'STANDARD',
      steps: 20,
      style: 'neon',
    });
    const bareInput = toInput({ ...values, seed: '42', negativePrompt: 'blur' }, bare);
    expect(bareInput).not.toHaveProperty('seed');
    expect(bareInput).not.toHaveProperty('negativePrompt');
    expect(bareInput).not.toHaveProperty('quality');
    expect(bareInput).not.toHaveProperty('steps');
  });

  it('sends an aspect ratio instead of a size, magic prompt, and the fallbacks in order', () => {
    const values = {
      ...valuesForProvider(ideogram, {}, [local, flux, ideogram]),
      prompt: 'a poster',
      aspectRatio: '16:9',
      magicPrompt: 'OFF' as const,
      fallbackProviders: ['flux', 'local'],
    };
    const input = toInput(values, ideogram);
    expect(input).toMatchObject({
      provider: 'ideogram',
      model: 'ideogram-v3',
      aspectRatio: '16:9',
      magicPrompt: 'OFF',
      fallbackProviders: ['flux', 'local'],
    });
    expect(input).not.toHaveProperty('width');
    expect(input).not.toHaveProperty('height');
    expect(toInput({ ...values, fallbackProviders: [] }, ideogram)).not.toHaveProperty('fallbackProviders');
  });
});

describe('submitLabel', () => {
  it('says what will be made', () => {
    expect(submitLabel({ count: '4', width: '1024', height: '768' }, local)).toBe(
      'Generate 4 images · Local (procedural) · 1024×768',
    );
    expect(submitLabel({ count: '1', width: '512', height: '512' }, local)).toBe(
      'Generate 1 image · Local (procedural) · 512×512',
    );
  });

  it('names the model when the provider has several, and the aspect ratio when it takes one', () => {
    expect(
      submitLabel(
        { count: '1', width: '1024', height: '768', model: 'flux-pro-1.1-ultra', aspectRatio: '21:9' },
        flux,
      ),
    ).toBe('Generate 1 image · FLUX1.1 [pro] Ultra · 21:9');
    expect(submitLabel({ count: '2', width: '', height: '', aspectRatio: '1:1' }, ideogram)).toBe(
      'Generate 2 images · Ideogram · 1:1',
    );
  });
});

describe('fieldOfIssue', () => {
  it('maps server issue paths to form fields', () => {
    expect(fieldOfIssue('input.width')).toBe('width');
    expect(fieldOfIssue('input.aspectRatio')).toBe('aspectRatio');
    expect(fieldOfIssue('input.negativePrompt')).toBe('negativePrompt');
    expect(fieldOfIssue('input.somethingElse')).toBeNull();
  });
});

describe('supportsOperation', () => {
  it('says a provider can outpaint only when it declares outpaint limits and a model for it', () => {
    const outpainting = modelFixture({ operations: ['GENERATE', 'OUTPAINT'] });
    const limits = {
      maxMargin: 2048,
      maxSide: 8192,
      prompt: true,
      squareSourceOnly: false,
      centredOnly: false,
      resolutions: [],
      shapeTolerance: 0,
      note: 'Expand.',
    };
    expect(
      supportsOperation(providerFixture(outpainting, { capabilities: { outpaint: limits } }), 'OUTPAINT'),
    ).toBe(true);
    expect(supportsOperation(providerFixture(outpainting), 'OUTPAINT')).toBe(false);
    expect(supportsOperation(providerFixture(), 'OUTPAINT')).toBe(false);
  });
});
