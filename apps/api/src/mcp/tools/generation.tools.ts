import { uploadOf } from '@atelier/domain';
import { enhanceScaleRule, generatePromptRule, promptRule, styleTextRule } from '@atelier/schema';
import { providerId } from '@atelier/schema/validators';
import { z } from 'zod';
import { startJobAndWait } from '../job-call';
import { jobOutput } from '../job-result';
import { defineTool } from '../tool-kit';
import { imageParams, imageParamsInput, optionalProvider } from './image-params.input';
import { galleryAppMeta } from '../app/gallery-app';

const WAITS =
  'It reports progress while the job runs and returns the images (a ≤768 px WebP preview each, a link, and ids, seed, provider, model, cost). If the job takes longer than the wait, it returns the job id instead: then call get_job with it and wait: true.';
const COSTS = 'Cost: "local" is free; "flux" and "ideogram" bill the account per image.';

const imageId = (what: string) =>
  z.string().min(1).max(64).describe(`The id of ${what} (from an earlier result or search_images).`);

// Remote providers are outside Atelier (openWorldHint); none of these overwrite anything.
const makes = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

export const generateImages = defineTool({
  name: 'generate_images',
  title: 'Generate images',
  _meta: galleryAppMeta,
  description: `Makes new images from a text prompt with one of Atelier's providers and saves them to the person's gallery. ${COSTS} Call list_providers first to pick a model and valid sizes, aspect ratios, steps and styles. ${WAITS} Next: create_variations, enhance_image, restyle_image or edit_image on a result.`,
  scope: 'generate',
  input: {
    prompt: generatePromptRule.describe('What to draw, in plain words (at most 4,000 characters).'),
    provider: providerId
      .default('local')
      .describe(
        'Provider id from list_providers: "local" (free, default), "flux" or "ideogram" (paid per image).',
      ),
    ...imageParamsInput,
    presetId: z
      .string()
      .optional()
      .describe(
        "A style preset's id (list_style_presets): its prefix/suffix wrap the prompt, its settings fill what you leave out.",
      ),
    collectionId: z
      .string()
      .optional()
      .describe("One of the person's hand-made collections (list_collections) to add the new images to."),
  },
  output: jobOutput,
  annotations: makes,
  async run(args, ctx, extra) {
    return startJobAndWait(ctx, extra, () =>
      ctx.app.services.generation.generate(ctx.viewer, {
        ...imageParams(args, args.provider, 1),
        prompt: args.prompt,
        provider: args.provider,
        presetId: args.presetId ?? null,
        collectionId: args.collectionId ?? null,
      }),
    );
  },
});

export const createVariations = defineTool({
  name: 'create_variations',
  title: 'Create variations of an image',
  description: `Makes new images that vary one of the person's images (4 by default), linked back to it. ${COSTS} ${WAITS}`,
  scope: 'generate',
  input: {
    imageId: imageId('the image to vary'),
    strength: z
      .enum(['SUBTLE', 'STRONG'])
      .default('SUBTLE')
      .describe('How far to stray from the original: SUBTLE (default) or STRONG.'),
    prompt: promptRule.optional().describe("The prompt to vary towards; the image's own when absent."),
    provider: optionalProvider("The image's own provider when it makes variations, otherwise local."),
    ...imageParamsInput,
  },
  output: jobOutput,
  annotations: makes,
  async run(args, ctx, extra) {
    return startJobAndWait(ctx, extra, () =>
      ctx.app.services.generation.createVariations(ctx.viewer, {
        ...imageParams(args, args.provider ?? null, 4),
        imageId: args.imageId,
        strength: args.strength,
        prompt: args.prompt ?? null,
      }),
    );
  },
});

export const enhanceImage = defineTool({
  name: 'enhance_image',
  title: 'Enhance (upscale) an image',
  description: `Upscales one of the person's images 2× or 4× into a new image linked back to it. ${COSTS} list_providers gives each provider's enhance scales. ${WAITS}`,
  scope: 'generate',
  input: {
    imageId: imageId('the image to enhance'),
    scale: enhanceScaleRule.default(2).describe('Upscale factor: 2 (default) or 4.'),
    provider: optionalProvider("The image's own provider when it can enhance, otherwise local."),
    fallbackProviders: imageParamsInput.fallbackProviders,
  },
  output: jobOutput,
  annotations: makes,
  async run(args, ctx, extra) {
    return startJobAndWait(ctx, extra, () =>
      ctx.app.services.generation.enhance(ctx.viewer, {
        imageId: args.imageId,
        scale: args.scale,
        provider: args.provider ?? null,
        fallbackProviders: args.fallbackProviders ?? null,
      }),
    );
  },
});

export const restyleImage = defineTool({
  name: 'restyle_image',
  title: 'Restyle an image',
  description: `Redraws one of the person's images in another style, given in words (styleText, e.g. "watercolor") or by another of their images (styleReferenceImageId); the new images link back to it. ${COSTS} ${WAITS}`,
  scope: 'generate',
  input: {
    imageId: imageId('the image to restyle'),
    styleText: styleTextRule
      .optional()
      .describe('The target style in words, e.g. "watercolor" or "warm golden film".'),
    styleReferenceImageId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("One of the person's images whose style to take."),
    prompt: promptRule.optional().describe("The prompt; the image's own when absent."),
    provider: optionalProvider("The image's own provider when it restyles, otherwise local."),
    ...imageParamsInput,
  },
  output: jobOutput,
  annotations: makes,
  async run(args, ctx, extra) {
    return startJobAndWait(ctx, extra, () =>
      ctx.app.services.generation.restyle(ctx.viewer, {
        ...imageParams(args, args.provider ?? null, 1),
        imageId: args.imageId,
        styleText: args.styleText ?? null,
        styleReferenceImageId: args.styleReferenceImageId ?? null,
        prompt: args.prompt ?? null,
      }),
    );
  },
});

// Streamable HTTP bodies are capped at a few MB, so a base64 mask must stay well below that.
const MAX_MASK_BASE64 = 4_000_000;

export const editImage = defineTool({
  name: 'edit_image',
  title: 'Edit part of an image',
  description: `Repaints the masked part of one of the person's images as the prompt says (inpainting); the new images link back to it. Give the mask either as a base64 PNG (maskPng: white where to change, black where to keep, any size, it is scaled to the image) or as one of the person's images (maskImageId) — exactly one. ${COSTS} ${WAITS}`,
  scope: 'generate',
  input: {
    imageId: imageId('the image to edit'),
    prompt: promptRule.describe('What the masked area should become.'),
    maskPng: z
      .base64('maskPng must be base64 (no data: prefix)')
      .max(MAX_MASK_BASE64, 'maskPng must be at most about 3 MB')
      .optional()
      .describe(
        'The mask as a base64-encoded PNG, JPEG or WebP (no data: prefix): white = change, black = keep.',
      ),
    maskImageId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("Or one of the person's images to use as the mask."),
    provider: optionalProvider("The image's own provider when it edits, otherwise local."),
    ...imageParamsInput,
  },
  output: jobOutput,
  annotations: makes,
  async run(args, ctx, extra) {
    return startJobAndWait(ctx, extra, () =>
      ctx.app.services.generation.edit(ctx.viewer, {
        ...imageParams(args, args.provider ?? null, 1),
        imageId: args.imageId,
        prompt: args.prompt,
        mask: args.maskPng === undefined ? null : uploadOf(Buffer.from(args.maskPng, 'base64'), 'mask.png'),
        maskImageId: args.maskImageId ?? null,
      }),
    );
  },
});
