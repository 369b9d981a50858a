import { describe, expect, it } from 'vitest';
import { prefillFromImage, prefillFromJob } from './use-all-parameters';

describe('prefillFromImage', () => {
  it('fills the prompt, negative prompt and every recorded parameter', () => {
    const prefill = prefillFromImage({
      __typename: 'Image',
      prompt: 'a fox',
      negativePrompt: 'blur',
      style: 'watercolor',
      seed: 42,
      provider: 'local',
      model: 'procedural-v1',
      width: 1024,
      height: 768,
      params: { width: 1024, height: 768, steps: 12, quality: 'HIGH', count: 2 },
    });
    expect(prefill).toEqual({
      prompt: 'a fox',
      negativePrompt: 'blur',
      settings: {
        provider: 'local',
        model: 'procedural-v1',
        width: '1024',
        height: '768',
        quality: 'HIGH',
        steps: '12',
        style: 'watercolor',
        seed: '42',
        count: '2',
      },
    });
  });

  it("takes the file's size when no size was recorded (an imported image)", () => {
    const prefill = prefillFromImage({
      __typename: 'Image',
      prompt: 'holiday photo',
      negativePrompt: null,
      style: null,
      seed: null,
      provider: 'import',
      model: 'upload',
      width: 640,
      height: 480,
      params: {},
    });
    expect(prefill.settings).toEqual({
      provider: 'import',
      model: 'upload',
      width: '640',
      height: '480',
      count: '1',
    });
    expect(prefill.negativePrompt).toBe('');
  });
});

describe('prefillFromJob', () => {
  it('fills everything the job asked for, fallbacks included', () => {
    const prefill = prefillFromJob({
      __typename: 'Job',
      input: {
        __typename: 'JobInput',
        prompt: 'a lighthouse',
        negativePrompt: null,
        provider: 'ideogram',
        model: 'V_3',
        count: 4,
        width: null,
        height: null,
        aspectRatio: '16:9',
        quality: 'DRAFT',
        style: 'REALISTIC',
        seed: 7,
        steps: null,
        magicPrompt: 'OFF',
        fallbackProviders: ['local'],
      },
    });
    expect(prefill).toEqual({
      prompt: 'a lighthouse',
      negativePrompt: '',
      settings: {
        provider: 'ideogram',
        model: 'V_3',
        aspectRatio: '16:9',
        quality: 'DRAFT',
        style: 'REALISTIC',
        seed: '7',
        count: '4',
        magicPrompt: 'OFF',
        fallbackProviders: ['local'],
      },
    });
  });
});
