import { describe, expect, it } from 'vitest';
import { promptImprovement, rewrittenPrompt, styleChoices } from './provider-words';
import { fluxFixture, ideogramFixture } from './testing/fixtures';

describe('styleChoices', () => {
  it("shows Ideogram's styles by human names with one default", () => {
    const { defaultLabel, options } = styleChoices(['AUTO', 'GENERAL', 'REALISTIC', 'DESIGN']);
    expect(defaultLabel).toBe('Auto (the provider picks)');
    expect(options.map((o) => o.label)).toEqual(['General', 'Realistic', 'Design']);
    expect(options.map((o) => o.value)).toEqual(['GENERAL', 'REALISTIC', 'DESIGN']);
  });

  it('keeps "None" as the one default for a provider without an automatic style', () => {
    const { defaultLabel, options } = styleChoices(['none', 'pixel-art', 'watercolor']);
    expect(defaultLabel).toBe('None');
    expect(options.map((o) => o.label)).toEqual(['Pixel art', 'Watercolor']);
  });
});

describe('rewrittenPrompt', () => {
  it('is the prompt the provider used when it differs from the one sent', () => {
    expect(rewrittenPrompt('a fox', { prompt: 'A red fox in fresh snow, morning light' })).toBe(
      'A red fox in fresh snow, morning light',
    );
    expect(rewrittenPrompt('a fox', { prompt: 'a fox ' })).toBeNull();
    expect(rewrittenPrompt('a fox', { steps: 4 })).toBeNull();
  });
});

describe('promptImprovement', () => {
  it("offers Flux's prompt upsampling as on or off, and Ideogram's magic prompt with Auto", () => {
    const flux = promptImprovement(fluxFixture());
    expect([flux.label, flux.options.map((o) => o.label), flux.shown('AUTO')]).toEqual([
      'Prompt upsampling',
      ['Off', 'On'],
      'OFF',
    ]);
    const ideogram = promptImprovement(ideogramFixture());
    expect([ideogram.label, ideogram.options.map((o) => o.label)]).toEqual([
      'Magic prompt',
      ['Auto', 'On', 'Off'],
    ]);
    expect(ideogram.hint).toMatch(/^Ideogram rewrites the prompt/);
  });
});
