import { MAX_PROMPT_LENGTH } from '@atelier/domain';
import { z } from 'zod';
import { freeText, providerId } from './text';

/** The largest seed a request may name (a signed 32-bit integer, as every provider takes). */
export const MAX_SEED = 2_147_483_647;

/**
 * The argument rules of every picture-making operation, shared by GraphQL and the MCP tools so
 * that both doors refuse exactly the same input.
 */
export const imageParamRules = {
  count: z.number().int().min(1, 'count must be at least 1').max(8, 'count must be at most 8'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  aspectRatio: z.string().regex(/^[1-9]\d{0,2}:[1-9]\d{0,2}$/, 'aspectRatio must look like "16:9"'),
  style: freeText('style', 64),
  negativePrompt: freeText('negativePrompt', MAX_PROMPT_LENGTH),
  seed: z.number().int().min(0).max(MAX_SEED),
  steps: z.number().int().positive(),
  fallbackProviders: z.array(providerId).max(4, 'at most 4 fallback providers'),
};

/** A prompt that must say something (a variation's, restyle's or edit's). */
export const promptRule = freeText('prompt', MAX_PROMPT_LENGTH).refine(
  (value) => value.trim().length > 0,
  'prompt must not be empty',
);

/** The prompt of a new generation: emptiness is the service's to judge (a templated request sends ""). */
export const generatePromptRule = freeText('prompt', MAX_PROMPT_LENGTH);

export const enhanceScaleRule = z.number().int().min(2).max(4);
export const styleTextRule = freeText('styleText', 500);
