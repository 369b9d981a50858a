import { z } from 'zod';
import { builder } from '../builder';
import { InvalidInputError } from '../errors';
import { requireViewer } from '../viewer';
import { JobRef } from './job';
import { ImageQualityEnum } from './quality';

export const MAX_PROMPT_LENGTH = 4000;
const MAX_SEED = 2_147_483_647;
// Tabs and newlines are fine in a prompt; other control characters are never intended.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const text = (field: string, max: number) =>
  z
    .string()
    .max(max, `${field} must be at most ${max} characters`)
    .refine((value) => !controlCharacters.test(value), `${field} must not contain control characters`);

const GenerateImagesInputRef = builder.inputType('GenerateImagesInput', {
  description:
    'What to generate. Only `prompt` and `provider` are required; the rest take provider defaults.',
  fields: (t) => ({
    prompt: t.string({
      required: true,
      description: `What to draw, up to ${MAX_PROMPT_LENGTH} characters.`,
      validate: text('prompt', MAX_PROMPT_LENGTH).refine(
        (value) => value.trim().length > 0,
        'prompt must not be empty',
      ),
    }),
    provider: t.string({
      required: true,
      description: 'Provider id from `providers`.',
      validate: z.string().min(1),
    }),
    model: t.string({ description: "Model id; the provider's default when absent." }),
    count: t.int({
      description: 'How many images, 1–8 (and at most the provider allows).',
      defaultValue: 1,
      validate: z.number().int().min(1, 'count must be at least 1').max(8, 'count must be at most 8'),
    }),
    width: t.int({
      description: 'Width in pixels; see the provider size rule.',
      validate: z.number().int().positive(),
    }),
    height: t.int({
      description: 'Height in pixels; see the provider size rule.',
      validate: z.number().int().positive(),
    }),
    quality: t.field({ type: ImageQualityEnum, description: 'Speed versus detail.' }),
    style: t.string({ description: "One of the provider's styles.", validate: text('style', 64) }),
    negativePrompt: t.string({
      description: 'What to leave out.',
      validate: text('negativePrompt', MAX_PROMPT_LENGTH),
    }),
    seed: t.int({
      description: `Seed, 0–${MAX_SEED}; random when absent.`,
      validate: z.number().int().min(0).max(MAX_SEED),
    }),
    steps: t.int({
      description: "Refinement steps; see the provider's steps rule.",
      validate: z.number().int().positive(),
    }),
  }),
});

builder.mutationField('generateImages', (t) =>
  t.field({
    type: JobRef,
    description: 'Queue a job that generates images. Returns at once; follow it with `jobUpdated`.',
    errors: { types: [InvalidInputError], directResult: true },
    args: {
      input: t.arg({ type: GenerateImagesInputRef, required: true, description: 'What to generate.' }),
    },
    resolve: (_root, { input }, ctx) =>
      ctx.services.generation.generate(requireViewer(ctx), {
        prompt: input.prompt,
        provider: input.provider,
        model: input.model ?? null,
        count: input.count ?? 1,
        width: input.width ?? null,
        height: input.height ?? null,
        quality: input.quality ?? null,
        style: input.style ?? null,
        negativePrompt: input.negativePrompt ?? null,
        seed: input.seed ?? null,
        steps: input.steps ?? null,
      }),
  }),
);
