/**
 * Every model path of BFL's API (flux-api.md §1.2 and §4) with its body schema, price, concurrency
 * pool and output size, as the fake serves them.
 */
import {
  commonFields,
  dimension32,
  fillFields,
  finetuneFields,
  flux2Schema,
  kontextFields,
  needsOneOf,
  structuralFields,
  ultraFields,
  withWebhookCheck,
} from './bfl-model-schemas';
import {
  flux1Size,
  flux2Size,
  kontextSize,
  bodyNumber,
  sameAsImage,
  type Size,
  sizeForAspect,
} from './bfl-model-sizes';
import type { BodySchema, FieldRule } from './bfl-validation';

export interface BflModel {
  path: string;
  schema: BodySchema;
  /** Body fields holding images (base64, or URLs where the schema allows). */
  imageFields: readonly string[];
  /** Credits for a 1 MP output; FLUX.2 adds per extra megapixel (in and out). */
  credits: number;
  perMegapixel: boolean;
  /** Concurrency pool besides the account-wide one. */
  pool: 'kontext-max' | null;
  /** Served only by the regional single-cluster hosts (finetuned inference). */
  regionalOnly: boolean;
  /** The output size, given the body and the sizes of its decoded input images. */
  outputSize: (body: Record<string, unknown>, inputs: ReadonlyMap<string, Size>) => Size;
}

const flux2 = (
  path: string,
  references: number,
  credits: number,
  extra?: Record<string, FieldRule>,
): BflModel => ({
  path,
  schema: flux2Schema(references, extra),
  imageFields: ['input_image', ...Array.from({ length: references - 1 }, (_, i) => `input_image_${i + 2}`)],
  credits,
  perMegapixel: true,
  pool: null,
  regionalOnly: false,
  outputSize: flux2Size,
});

const fixed = (
  path: string,
  credits: number,
  schema: BodySchema,
  imageFields: readonly string[],
  outputSize: BflModel['outputSize'],
  extra: Partial<BflModel> = {},
): BflModel => ({
  path,
  schema,
  imageFields,
  credits,
  perMegapixel: false,
  pool: null,
  regionalOnly: false,
  outputSize,
  ...extra,
});

export const bflModels: readonly BflModel[] = [
  flux2('flux-2-pro', 8, 3),
  flux2('flux-2-max', 8, 7),
  flux2('flux-2-pro-preview', 8, 3),
  flux2('flux-2-flex', 8, 6, {
    prompt_upsampling: { kind: 'boolean', nullable: true },
    steps: { kind: 'integer', nullable: true, ge: 1, le: 50 },
    guidance: { kind: 'number', nullable: true, ge: 1.5, le: 10 },
    input_image_blob_path: { kind: 'string', nullable: true },
  }),
  flux2('flux-2-klein-4b', 4, 1.4),
  flux2('flux-2-klein-9b', 4, 1.5),
  flux2('flux-2-klein-9b-preview', 4, 1.5),
  fixed(
    'flux-pro-1.1',
    4,
    {
      fields: {
        prompt: { kind: 'string', nullable: true },
        image_prompt: { kind: 'image', nullable: true },
        width: dimension32,
        height: dimension32,
        prompt_upsampling: { kind: 'boolean' },
        ...commonFields(6),
      },
      check: withWebhookCheck(),
    },
    ['image_prompt'],
    flux1Size,
  ),
  fixed(
    'flux-pro-1.1-ultra',
    6,
    { fields: ultraFields, check: withWebhookCheck() },
    ['image_prompt'],
    (body) => sizeForAspect(typeof body.aspect_ratio === 'string' ? body.aspect_ratio : '16:9'),
  ),
  fixed(
    'flux-dev',
    2.5,
    {
      fields: {
        prompt: { kind: 'string', nullable: true },
        image_prompt: { kind: 'image', nullable: true },
        width: dimension32,
        height: dimension32,
        steps: { kind: 'integer', nullable: true, ge: 1, le: 50 },
        guidance: { kind: 'number', nullable: true, ge: 1.5, le: 5 },
        prompt_upsampling: { kind: 'boolean' },
        ...commonFields(6),
      },
      check: withWebhookCheck(),
    },
    ['image_prompt'],
    flux1Size,
  ),
  fixed(
    'flux-kontext-pro',
    4,
    { fields: kontextFields, check: withWebhookCheck() },
    ['input_image', 'input_image_2', 'input_image_3', 'input_image_4'],
    kontextSize,
  ),
  fixed(
    'flux-kontext-max',
    8,
    { fields: kontextFields, check: withWebhookCheck() },
    ['input_image', 'input_image_2', 'input_image_3', 'input_image_4'],
    kontextSize,
    { pool: 'kontext-max' },
  ),
  fixed(
    'flux-pro-1.0-fill',
    5,
    { fields: fillFields, check: withWebhookCheck() },
    ['image', 'mask'],
    sameAsImage,
  ),
  fixed(
    'flux-pro-1.0-expand',
    5,
    {
      fields: {
        image: { kind: 'image', required: true },
        top: { kind: 'integer', nullable: true, ge: 0, le: 2048 },
        bottom: { kind: 'integer', nullable: true, ge: 0, le: 2048 },
        left: { kind: 'integer', nullable: true, ge: 0, le: 2048 },
        right: { kind: 'integer', nullable: true, ge: 0, le: 2048 },
        prompt: { kind: 'string', nullable: true },
        steps: { kind: 'integer', nullable: true, ge: 15, le: 50 },
        guidance: { kind: 'number', nullable: true, ge: 1.5, le: 100 },
        prompt_upsampling: { kind: 'boolean', nullable: true },
        ...commonFields(6),
      },
      check: withWebhookCheck(),
    },
    ['image'],
    (body, inputs) => {
      const base = sameAsImage(body, inputs);
      const margin = (key: string) => bodyNumber(body, key) ?? 0;
      return {
        width: base.width + margin('left') + margin('right'),
        height: base.height + margin('top') + margin('bottom'),
      };
    },
  ),
  fixed(
    'flux-tools/outpainting-v1',
    5,
    {
      fields: {
        input_image: { kind: 'image', required: true, url: true },
        width: { kind: 'integer', required: true, ge: 64 },
        height: { kind: 'integer', required: true, ge: 64 },
        auto_crop: { kind: 'boolean' },
        reference_offset_x: { kind: 'integer', nullable: true },
        reference_offset_y: { kind: 'integer', nullable: true },
        mode: { kind: 'literal', values: ['high', 'fast'] },
        prompt: { kind: 'string', nullable: true },
        safety_tolerance: { kind: 'integer', ge: 0, le: 5 },
        output_format: { kind: 'literal', nullable: true, values: ['jpeg', 'png', 'webp'] },
      },
      forbidExtra: true,
    },
    ['input_image'],
    (body) => ({ width: bodyNumber(body, 'width') ?? 1024, height: bodyNumber(body, 'height') ?? 1024 }),
  ),
  fixed(
    'flux-tools/erase-v1',
    3,
    {
      fields: {
        image: { kind: 'image', required: true, url: true },
        mask: { kind: 'image', required: true, url: true },
        dilate_pixels: { kind: 'integer', ge: 0, le: 25 },
        ...commonFields(5),
      },
      check: withWebhookCheck(),
    },
    ['image', 'mask'],
    sameAsImage,
  ),
  fixed(
    'flux-tools/vto-v1',
    5,
    {
      fields: {
        prompt: { kind: 'string', required: true },
        person: { kind: 'image', required: true, url: true },
        garment: { kind: 'image', required: true, url: true },
        ...commonFields(5),
      },
      check: withWebhookCheck(),
    },
    ['person', 'garment'],
    () => ({ width: 768, height: 1024 }),
  ),
  fixed(
    'flux-pro',
    5,
    {
      fields: {
        prompt: { kind: 'string', nullable: true },
        image_prompt: { kind: 'image', nullable: true },
        width: dimension32,
        height: dimension32,
        steps: { kind: 'integer', nullable: true, ge: 1, le: 50 },
        guidance: { kind: 'number', nullable: true, ge: 1.5, le: 5 },
        interval: { kind: 'number', nullable: true, ge: 1, le: 4 },
        prompt_upsampling: { kind: 'boolean' },
        ...commonFields(6),
      },
      check: withWebhookCheck(),
    },
    ['image_prompt'],
    flux1Size,
  ),
  fixed(
    'flux-pro-1.0-canny',
    5,
    {
      fields: structuralFields(100, true),
      check: withWebhookCheck(needsOneOf('control_image', 'preprocessed_image')),
    },
    ['control_image', 'preprocessed_image'],
    sameAsImage,
  ),
  fixed(
    'flux-pro-1.0-depth',
    5,
    {
      fields: structuralFields(100, false),
      check: withWebhookCheck(needsOneOf('control_image', 'preprocessed_image')),
    },
    ['control_image', 'preprocessed_image'],
    sameAsImage,
  ),
  fixed(
    'flux-pro-1.1-ultra-finetuned',
    6,
    { fields: { ...ultraFields, ...finetuneFields }, check: withWebhookCheck() },
    ['image_prompt'],
    (body) => sizeForAspect(typeof body.aspect_ratio === 'string' ? body.aspect_ratio : '16:9'),
    { regionalOnly: true },
  ),
  fixed(
    'flux-pro-1.0-fill-finetuned',
    6,
    { fields: { ...fillFields, ...finetuneFields }, check: withWebhookCheck() },
    ['image', 'mask'],
    sameAsImage,
    { regionalOnly: true },
  ),
];

export const bflModelsByPath: ReadonlyMap<string, BflModel> = new Map(
  bflModels.map((model) => [model.path, model]),
);

/** Credits a task costs (FLUX.2 bills input and output megapixels). */
export function priceOf(model: BflModel, inputMp: number, outputMp: number): number {
  if (!model.perMegapixel) return model.credits;
  const extra = Math.max(0, Math.ceil(inputMp + outputMp - 1e-9) - 1);
  return Math.round((model.credits + extra * (model.credits / 2)) * 100) / 100;
}
