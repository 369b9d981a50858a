import type { ImageParamsInput } from '@atelier/domain';
import { imageParamRules as rules } from '@atelier/schema';
import { providerId } from '@atelier/schema/validators';
import { z } from 'zod';

/** Where a model learns what is valid; every parameter description points there. */
const SEE_PROVIDERS = 'list_providers gives the valid values per model';

/** The parameters every image-making tool takes, with GraphQL's own rules (so both doors refuse alike). */
export const imageParamsInput = {
  model: z
    .string()
    .optional()
    .describe(`Model id of the provider; its default model when absent (${SEE_PROVIDERS}).`),
  count: rules.count
    .optional()
    .describe('How many images, 1–8 and at most the model allows. Paid providers bill each image.'),
  width: rules.width
    .optional()
    .describe(`Width in pixels, only for models with a size rule (${SEE_PROVIDERS}).`),
  height: rules.height
    .optional()
    .describe(`Height in pixels, only for models with a size rule (${SEE_PROVIDERS}).`),
  aspectRatio: rules.aspectRatio
    .optional()
    .describe(
      `"W:H" such as "16:9": for aspect-ratio models one of theirs (${SEE_PROVIDERS}); size models take any.`,
    ),
  quality: z
    .enum(['DRAFT', 'STANDARD', 'HIGH'])
    .optional()
    .describe('Speed versus detail, for models that take it.'),
  style: rules.style.optional().describe(`One of the model's styles (${SEE_PROVIDERS}).`),
  negativePrompt: rules.negativePrompt
    .optional()
    .describe('What to leave out, for models that support a negative prompt.'),
  seed: rules.seed.optional().describe('Seed, for repeatable results; random when absent.'),
  steps: rules.steps.optional().describe(`Refinement steps, within the model's range (${SEE_PROVIDERS}).`),
  magicPrompt: z
    .enum(['AUTO', 'ON', 'OFF'])
    .optional()
    .describe('Whether the provider may rewrite the prompt (Ideogram).'),
  fallbackProviders: rules.fallbackProviders
    .optional()
    .describe(
      'Providers to try in order when the chosen one fails for reasons of its own (outage, rate limit, credits).',
    ),
};

export const optionalProvider = (what: string) =>
  providerId
    .optional()
    .describe(
      `Provider id: "local" is free and runs on Atelier's own machine; "flux" and "ideogram" are paid, billed per image. ${what}`,
    );

export type ImageParamArgs = { [K in keyof typeof imageParamsInput]?: z.infer<(typeof imageParamsInput)[K]> };

/** The service's parameters from a tool's arguments: absent means the provider's default. */
export function imageParams(
  args: ImageParamArgs,
  provider: string | null,
  defaultCount: number,
): ImageParamsInput {
  return {
    provider,
    model: args.model ?? null,
    count: args.count ?? defaultCount,
    width: args.width ?? null,
    height: args.height ?? null,
    aspectRatio: args.aspectRatio ?? null,
    quality: args.quality ?? null,
    style: args.style ?? null,
    negativePrompt: args.negativePrompt ?? null,
    seed: args.seed ?? null,
    steps: args.steps ?? null,
    magicPrompt: args.magicPrompt ?? null,
    fallbackProviders: args.fallbackProviders ?? null,
  };
}
