import { describe, expect, it } from 'vitest';
import {
  aspectSize,
  fieldOfIssue,
  matchingAspect,
  maxCount,
  sizeInputProps,
  snapSide,
  submitLabel,
  toInput,
  valuesForProvider,
  visibleFields,
} from './capabilities';
import { providerFixture } from '../../lib/testing/fixtures';

const bare = providerFixture({
  steps: null,
  styles: [],
  supportsNegativePrompt: false,
  supportsQuality: false,
  supportsSeed: false,
  maxCount: 4,
  size: { min: 512, max: 1536, multipleOf: 16, maxPixels: 1_048_576 },
});

describe('visibleFields', () => {
  it('shows every parameter the provider supports', () => {
    expect(visibleFields(providerFixture().capabilities)).toEqual({
      model: false,
      quality: true,
      steps: true,
      style: true,
      negativePrompt: true,
      seed: true,
    });
  });

  it('hides what a provider cannot use, and a style list that is only "none"', () => {
    expect(Object.values(visibleFields(bare.capabilities)).every((shown) => !shown)).toBe(true);
    expect(visibleFields(providerFixture({ styles: ['none'] }).capabilities).style).toBe(false);
  });

  it('offers a model choice only when there is one to make', () => {
    const two = providerFixture({
      models: [
        { id: 'a', name: 'A', description: '' },
        { id: 'b', name: 'B', description: '' },
      ],
    });
    expect(visibleFields(two.capabilities).model).toBe(true);
  });
});

describe('size rule', () => {
  it('gives inputs the rule as step, min and max', () => {
    expect(sizeInputProps(bare.capabilities.size)).toEqual({ min: 512, max: 1536, step: 16 });
  });

  it('snaps a side to the nearest allowed multiple within the limits', () => {
    const rule = providerFixture().capabilities.size;
    expect(snapSide(1000, rule)).toBe(1024);
    expect(snapSide(100, rule)).toBe(256);
    expect(snapSide(5000, rule)).toBe(2048);
  });

  it('makes preset aspects that obey multipleOf and maxPixels', () => {
    const rule = bare.capabilities.size;
    for (const [w, h] of [
      [1, 1],
      [4, 3],
      [3, 4],
      [16, 9],
    ] as const) {
      const size = aspectSize(w, h, rule);
      expect(size.width % 16).toBe(0);
      expect(size.height % 16).toBe(0);
      expect(size.width * size.height).toBeLessThanOrEqual(rule.maxPixels);
      expect(Math.abs(size.width / size.height - w / h)).toBeLessThan(0.05);
    }
    expect(aspectSize(1, 1, rule)).toEqual({ width: 1024, height: 1024 });
    expect(matchingAspect(1024, 1024, rule)).toBe('1:1');
    expect(matchingAspect(1000, 700, rule)).toBeNull();
  });
});

describe('count', () => {
  it('is capped by both the provider and the API limit of 8', () => {
    expect(maxCount(bare.capabilities)).toBe(4);
    expect(maxCount(providerFixture({ maxCount: 10 }).capabilities)).toBe(8);
  });
});

describe('valuesForProvider', () => {
  it('starts from provider defaults and keeps what still fits when switching', () => {
    const first = valuesForProvider(providerFixture());
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
});

describe('toInput', () => {
  it('sends only the supported fields, and a blank seed as random', () => {
    const values = { ...valuesForProvider(providerFixture()), prompt: '  a fox  ', style: 'neon', seed: '' };
    expect(toInput(values, providerFixture())).toEqual({
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
});

describe('submitLabel', () => {
  it('says what will be made', () => {
    const provider = providerFixture();
    expect(submitLabel({ count: '4', width: '1024', height: '768' }, provider)).toBe(
      'Generate 4 images · Local (procedural) · 1024×768',
    );
    expect(submitLabel({ count: '1', width: '512', height: '512' }, provider)).toBe(
      'Generate 1 image · Local (procedural) · 512×512',
    );
  });
});

describe('fieldOfIssue', () => {
  it('maps server issue paths to form fields', () => {
    expect(fieldOfIssue('input.width')).toBe('width');
    expect(fieldOfIssue('input.negativePrompt')).toBe('negativePrompt');
    expect(fieldOfIssue('input.somethingElse')).toBeNull();
  });
});
