import {
  type ImageParamsInput,
  InvalidInputError,
  MAX_PROMPT_LENGTH,
  QuotaExceededError,
} from '@atelier/domain';
import type { InputFieldBuilder } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../builder';
import {
  enhanceScaleRule,
  generatePromptRule,
  imageParamRules as rules,
  MAX_SEED,
  promptRule as prompt,
  styleTextRule,
} from '../image-param-rules';
import { providerId } from '../text';
import { requireViewer } from '../viewer';
import { CollectionRef } from './collection';
import { ImageRef } from './image';
import { JobRef } from './job';
import { MagicPromptEnum, VariationStrengthEnum } from './operation';
import { ImageQualityEnum } from './quality';
import { StylePresetRef } from './preset';
import { PromptTemplateRef, TemplateValueInputRef, valueMap } from './template';

type Types = typeof builder.$inferSchemaTypes;
type Fields = InputFieldBuilder<Types, 'InputObject'>;

/** The parameters every picture-making operation takes; null means the provider's default. */
export function imageParamFields(t: Fields) {
  return {
    model: t.string({ description: "Model id; the provider's default for the operation when absent." }),
    count: t.int({
      description: 'How many images, 1–8 (and at most the model allows).',
      validate: rules.count,
    }),
    width: t.int({
      description: 'Width in pixels, for models with a size rule.',
      validate: rules.width,
    }),
    height: t.int({
      description: 'Height in pixels, for models with a size rule.',
      validate: rules.height,
    }),
    aspectRatio: t.string({
      description: 'Aspect ratio "W:H", for models that take one.',
      validate: rules.aspectRatio,
    }),
    quality: t.field({ type: ImageQualityEnum, description: 'Speed versus detail.' }),
    style: t.string({ description: "One of the model's styles.", validate: rules.style }),
    negativePrompt: t.string({
      description: 'What to leave out.',
      validate: rules.negativePrompt,
    }),
    seed: t.int({
      description: `Seed, 0–${MAX_SEED}; random when absent.`,
      validate: rules.seed,
    }),
    steps: t.int({
      description: "Refinement steps; see the model's steps rule.",
      validate: rules.steps,
    }),
    magicPrompt: t.field({
      type: MagicPromptEnum,
      description: 'Whether the provider may rewrite the prompt.',
    }),
    fallbackProviders: t.stringList({
      description:
        'Providers to try, in order, when the chosen one fails for reasons of its own (outage, rate limit, credits).',
      validate: rules.fallbackProviders,
    }),
  };
}

export interface ImageParamArgs {
  model?: string | null;
  count?: number | null;
  width?: number | null;
  height?: number | null;
  aspectRatio?: string | null;
  quality?: ImageParamsInput['quality'];
  style?: string | null;
  negativePrompt?: string | null;
  seed?: number | null;
  steps?: number | null;
  magicPrompt?: ImageParamsInput['magicPrompt'];
  fallbackProviders?: string[] | null;
}

export function imageParams(
  input: ImageParamArgs,
  provider: string | null,
  defaultCount: number,
): ImageParamsInput {
  return {
    provider,
    model: input.model ?? null,
    count: input.count ?? defaultCount,
    width: input.width ?? null,
    height: input.height ?? null,
    aspectRatio: input.aspectRatio ?? null,
    quality: input.quality ?? null,
    style: input.style ?? null,
    negativePrompt: input.negativePrompt ?? null,
    seed: input.seed ?? null,
    steps: input.steps ?? null,
    magicPrompt: input.magicPrompt ?? null,
    fallbackProviders: input.fallbackProviders ?? null,
  };
}

const TemplateUseInputRef = builder.inputType('TemplateUseInput', {
  description: 'Which template to expand, and with which values.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: PromptTemplateRef, description: 'Template id.' }),
    version: t.int({
      description: 'Version; the latest when absent.',
      validate: z.number().int().positive(),
    }),
    values: t.field({ type: [TemplateValueInputRef], description: 'Values; defaults fill the rest.' }),
  }),
});

const GenerateImagesInputRef = builder.inputType('GenerateImagesInput', {
  description:
    'What to generate. Only `prompt` and `provider` are required; the rest take the model defaults.',
  fields: (t) => ({
    prompt: t.string({
      required: true,
      description: `What to draw, up to ${MAX_PROMPT_LENGTH} characters (ignored with \`template\`).`,
      // Emptiness is checked by the service: a templated request sends "".
      validate: generatePromptRule,
    }),
    provider: t.string({
      required: true,
      description: 'Provider id from `providers`.',
      validate: providerId,
    }),
    ...imageParamFields(t),
    collectionId: t.globalID({
      for: CollectionRef,
      description: 'Append the new images to this hand-made collection of yours.',
    }),
    template: t.field({
      type: TemplateUseInputRef,
      description: 'Make the prompt from one of your templates; `prompt` is then ignored (send "").',
    }),
    presetId: t.globalID({
      for: StylePresetRef,
      description:
        'A style preset: its prefix and suffix go around the prompt; its settings fill the fields you leave out (model, size, steps… only when the preset is for this provider).',
    }),
  }),
});

const CreateVariationsInputRef = builder.inputType('CreateVariationsInput', {
  description: "Variations of one of the viewer's images.",
  fields: (t) => ({
    imageId: t.globalID({ required: true, for: ImageRef, description: 'The image to vary.' }),
    strength: t.field({ type: VariationStrengthEnum, description: 'How far to stray; SUBTLE by default.' }),
    prompt: t.string({ description: "The prompt; the image's own by default.", validate: prompt }),
    provider: t.string({
      description: "Provider id; the image's own provider when it makes variations, otherwise local.",
      validate: providerId,
    }),
    ...imageParamFields(t),
  }),
});

const EnhanceImageInputRef = builder.inputType('EnhanceImageInput', {
  description: "Upscale one of the viewer's images.",
  fields: (t) => ({
    imageId: t.globalID({ required: true, for: ImageRef, description: 'The image to enhance.' }),
    scale: t.int({
      description: 'Upscale factor (2 or 4); 2 by default.',
      validate: enhanceScaleRule,
    }),
    provider: t.string({
      description: "Provider id; the image's own provider when it can enhance, otherwise local.",
      validate: providerId,
    }),
    fallbackProviders: t.stringList({
      description: 'Providers to try next when the chosen one fails for reasons of its own.',
      validate: rules.fallbackProviders,
    }),
  }),
});

const RestyleImageInputRef = builder.inputType('RestyleImageInput', {
  description:
    "One of the viewer's images in another style: a named or described style, or a reference image.",
  fields: (t) => ({
    imageId: t.globalID({ required: true, for: ImageRef, description: 'The image to restyle.' }),
    styleText: t.string({
      description: 'The target style, e.g. "watercolor" or "warm golden film".',
      validate: styleTextRule,
    }),
    styleReferenceImageId: t.globalID({
      for: ImageRef,
      description: "One of the viewer's images whose style to take.",
    }),
    prompt: t.string({ description: "The prompt; the image's own by default.", validate: prompt }),
    provider: t.string({
      description: "Provider id; the image's own provider when it restyles, otherwise local.",
      validate: providerId,
    }),
    ...imageParamFields(t),
  }),
});

const EditImageInputRef = builder.inputType('EditImageInput', {
  description:
    "Repaint part of one of the viewer's images. The mask is white where to change, black where to keep.",
  fields: (t) => ({
    imageId: t.globalID({ required: true, for: ImageRef, description: 'The image to edit.' }),
    prompt: t.string({
      required: true,
      description: 'What the masked area should become.',
      validate: prompt,
    }),
    mask: t.field({
      type: 'File',
      description: 'The mask as an uploaded PNG, JPEG or WebP (any size; it is scaled to the image).',
    }),
    maskImageId: t.globalID({
      for: ImageRef,
      description: "Or one of the viewer's images to use as the mask.",
    }),
    provider: t.string({
      description: "Provider id; the image's own provider when it edits, otherwise local.",
      validate: providerId,
    }),
    ...imageParamFields(t),
  }),
});

/** A margin in pixels: 0 or more (the provider's own limits are checked by the service). */
const margin = (t: Fields, side: string) =>
  t.int({
    description: `Pixels to add ${side}; 0 by default.`,
    validate: z.number().int().min(0).max(8192),
  });

const OutpaintImageInputRef = builder.inputType('OutpaintImageInput', {
  description:
    "Expand the canvas of one of the viewer's images (outpaint): margins in the image's pixels, at least " +
    "one above 0, each within the provider's `capabilities.outpaint` limits; the result is at most 8192 pixels a side.",
  fields: (t) => {
    // A canvas expansion has no size or shape of its own to choose: the margins give it.
    const { width: _width, height: _height, aspectRatio: _aspectRatio, ...params } = imageParamFields(t);
    return {
      imageId: t.globalID({ required: true, for: ImageRef, description: 'The image to expand.' }),
      top: margin(t, 'above'),
      right: margin(t, 'on the right'),
      bottom: margin(t, 'below'),
      left: margin(t, 'on the left'),
      prompt: t.string({
        description:
          "What the new area should show, for providers that take a prompt; the image's own by default.",
        validate: prompt,
      }),
      provider: t.string({
        description: "Provider id; the image's own provider when it can outpaint, otherwise local.",
        validate: providerId,
      }),
      ...params,
    };
  },
});

builder.mutationFields((t) => ({
  generateImages: t.field({
    type: JobRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, QuotaExceededError], directResult: true },
    description: 'Queue a job that generates images. Returns at once; follow it with `jobUpdated`.',
    args: {
      input: t.arg({ type: GenerateImagesInputRef, required: true, description: 'What to generate.' }),
    },
    resolve: (_root, { input }, ctx) =>
      ctx.services.generation.generate(requireViewer(ctx), {
        ...imageParams(input, input.provider, 1),
        prompt: input.prompt,
        provider: input.provider,
        collectionId: input.collectionId?.id ?? null,
        template: input.template
          ? {
              id: input.template.id.id,
              version: input.template.version ?? null,
              values: valueMap(input.template.values),
            }
          : null,
        presetId: input.presetId?.id ?? null,
      }),
  }),
  createVariations: t.field({
    type: JobRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, QuotaExceededError], directResult: true },
    description: 'Queue a job that makes variations of an image; the new images link back to it.',
    args: { input: t.arg({ type: CreateVariationsInputRef, required: true, description: 'What to vary.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.generation.createVariations(requireViewer(ctx), {
        ...imageParams(input, input.provider ?? null, 4),
        imageId: input.imageId.id,
        strength: input.strength ?? 'SUBTLE',
        prompt: input.prompt ?? null,
      }),
  }),
  enhanceImage: t.field({
    type: JobRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, QuotaExceededError], directResult: true },
    description: 'Queue a job that upscales an image; the new image links back to it.',
    args: { input: t.arg({ type: EnhanceImageInputRef, required: true, description: 'What to enhance.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.generation.enhance(requireViewer(ctx), {
        imageId: input.imageId.id,
        scale: input.scale ?? 2,
        provider: input.provider ?? null,
        fallbackProviders: input.fallbackProviders ?? null,
      }),
  }),
  restyleImage: t.field({
    type: JobRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, QuotaExceededError], directResult: true },
    description: 'Queue a job that restyles an image; the new images link back to it.',
    args: {
      input: t.arg({ type: RestyleImageInputRef, required: true, description: 'What to restyle, and how.' }),
    },
    resolve: (_root, { input }, ctx) =>
      ctx.services.generation.restyle(requireViewer(ctx), {
        ...imageParams(input, input.provider ?? null, 1),
        imageId: input.imageId.id,
        styleText: input.styleText ?? null,
        styleReferenceImageId: input.styleReferenceImageId?.id ?? null,
        prompt: input.prompt ?? null,
      }),
  }),
  editImage: t.field({
    type: JobRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, QuotaExceededError], directResult: true },
    description: 'Queue a job that repaints the masked part of an image; the new images link back to it.',
    args: {
      input: t.arg({ type: EditImageInputRef, required: true, description: 'What to edit, where and how.' }),
    },
    resolve: (_root, { input }, ctx) =>
      ctx.services.generation.edit(requireViewer(ctx), {
        ...imageParams(input, input.provider ?? null, 1),
        imageId: input.imageId.id,
        prompt: input.prompt,
        mask: input.mask ?? null,
        maskImageId: input.maskImageId?.id ?? null,
      }),
  }),
  outpaintImage: t.field({
    type: JobRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, QuotaExceededError], directResult: true },
    description:
      'Queue a job that expands the canvas of an image and fills the new area; the new images link back to it.',
    args: {
      input: t.arg({
        type: OutpaintImageInputRef,
        required: true,
        description: 'What to expand, and by how much.',
      }),
    },
    resolve: (_root, { input }, ctx) =>
      ctx.services.generation.outpaint(requireViewer(ctx), {
        ...imageParams(input, input.provider ?? null, 1),
        imageId: input.imageId.id,
        top: input.top ?? 0,
        right: input.right ?? 0,
        bottom: input.bottom ?? 0,
        left: input.left ?? 0,
        prompt: input.prompt ?? null,
      }),
  }),
}));
