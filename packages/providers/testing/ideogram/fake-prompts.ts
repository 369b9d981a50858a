/** Seeds and the prompts echoed per image, with the magic-prompt rewrite Ideogram applies. */
import type { Value } from './fake-field-values';
import { type EndpointSpec, MAX_SEED } from './fake-schema';

const embellishments = [
  'rendered with crisp, legible typography, a balanced composition and soft natural light',
  'in rich, saturated colour with fine texture detail and a gentle depth of field',
  'as a polished illustration with clean shapes, strong contrast and warm highlights',
  'with cinematic lighting, subtle film grain and a carefully framed focal point',
];

const magicOption = (values: Record<string, Value>): string => {
  const value = values.magic_prompt ?? values.magic_prompt_option;
  return typeof value === 'string' ? value : 'AUTO';
};

/** AUTO rewrites short prompts only. */
const finalPrompt = (prompt: string, option: string, seed: number): string => {
  const rewrite = option === 'ON' || (option === 'AUTO' && prompt.trim().split(/\s+/).length < 12);
  return rewrite
    ? `${prompt.trim().replace(/[.\s]+$/, '')}, ${embellishments[seed % embellishments.length]}`
    : prompt;
};

/** rendering_speed, or TURBO/DEFAULT derived from a legacy model name. */
export const speedOf = (values: Record<string, Value>): string => {
  if (typeof values.rendering_speed === 'string') return values.rendering_speed;
  return typeof values.model === 'string' && values.model.endsWith('_TURBO') ? 'TURBO' : 'DEFAULT';
};

/** Consecutive seeds from the requested one (or a random one), one per image. */
export function seedsFor(values: Record<string, Value>, numImages: number, random: () => number): number[] {
  const seedBase =
    typeof values.seed === 'number' ? values.seed : Math.floor(random() * (MAX_SEED - numImages));
  return Array.from({ length: numImages }, (_, i) => (seedBase + i) % (MAX_SEED + 1));
}

export function promptsFor(spec: EndpointSpec, values: Record<string, Value>, seeds: number[]): string[] {
  const basePrompt = typeof values.prompt === 'string' ? values.prompt : '';
  const option = magicOption(values);
  return seeds.map((seed) =>
    spec.output === 'reframe'
      ? 'Reframed image'
      : basePrompt
        ? finalPrompt(basePrompt, option, seed)
        : 'Upscaled image',
  );
}
