/**
 * Every model path of BFL's API (flux-api.md §1.2 and §4) with its body schema, price, concurrency
 * pool and output size, as the fake serves them.
 */
import { type BodySchema, type FieldRule, type ValidationIssue, valueError } from './bfl-validation';

export interface Size {
  width: number;
  height: number;
}

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

const FLUX2_MAX_PIXELS = 2048 * 2048;

const common = (safetyMax: number): Record<string, FieldRule> => ({
  seed: { kind: 'integer', nullable: true },
  output_format: { kind: 'literal', nullable: true, values: ['jpeg', 'png', 'webp'] },
  safety_tolerance: { kind: 'integer', ge: 0, le: safetyMax },
  webhook_url: { kind: 'string', nullable: true, minLength: 1, maxLength: 2083 },
  webhook_secret: { kind: 'string', nullable: true },
});

const withWebhookCheck =
  (extra?: (body: Record<string, unknown>) => ValidationIssue[]) =>
  (body: Record<string, unknown>): ValidationIssue[] => {
    const issues: ValidationIssue[] = [];
    const url = body.webhook_url;
    if (typeof url === 'string' && !/^https?:\/\/[^\s/]+/.test(url)) {
      issues.push({
        type: 'url_parsing',
        loc: ['body', 'webhook_url'],
        msg: 'Input should be a valid URL, relative URL without a base',
        input: url,
      });
    }
    return [...issues, ...(extra?.(body) ?? [])];
  };

const dimension32: FieldRule = { kind: 'integer', ge: 256, le: 1440, multipleOf: 32 };
const flux2Dimension: FieldRule = {
  kind: 'integer',
  nullable: true,
  ge: 64,
  multipleOf: 16,
  zeroMeansAuto: true,
};

const num = (body: Record<string, unknown>, key: string): number | null =>
  typeof body[key] === 'number' ? body[key] : null;

/** A ~1 MP size with this aspect ratio (the fake keeps renders cheap; real ultra is ~4 MP). */
export function sizeForAspect(aspect: string | null, megapixels = 1): Size {
  const match = /^(\d+):(\d+)$/.exec(aspect ?? '');
  const ratio = match ? Number(match[1]) / Number(match[2]) : 1;
  const width = Math.round(Math.sqrt(megapixels * 1_048_576 * ratio) / 32) * 32;
  const height = Math.round(Math.sqrt((megapixels * 1_048_576) / ratio) / 32) * 32;
  return { width, height };
}

const firstInput = (inputs: ReadonlyMap<string, Size>, ...fields: string[]): Size | undefined =>
  fields.map((field) => inputs.get(field)).find((size) => size !== undefined);

const flux2Size = (body: Record<string, unknown>, inputs: ReadonlyMap<string, Size>): Size => {
  const width = num(body, 'width') ?? 0;
  const height = num(body, 'height') ?? 0;
  if (width > 0 && height > 0) return { width, height };
  const input = firstInput(inputs, 'input_image');
  if (!input) return { width: 1024, height: 1024 };
  const scale = Math.min(1, Math.sqrt(FLUX2_MAX_PIXELS / (input.width * input.height)));
  return {
    width: Math.max(64, Math.floor((input.width * scale) / 16) * 16),
    height: Math.max(64, Math.floor((input.height * scale) / 16) * 16),
  };
};

const flux1Size = (body: Record<string, unknown>): Size => ({
  width: num(body, 'width') ?? 1024,
  height: num(body, 'height') ?? 768,
});

const sameAsImage = (body: Record<string, unknown>, inputs: ReadonlyMap<string, Size>): Size =>
  firstInput(inputs, 'image', 'input_image', 'control_image', 'preprocessed_image') ?? {
    width: 1024,
    height: 768,
  };

const kontextSize = (body: Record<string, unknown>, inputs: ReadonlyMap<string, Size>): Size => {
  if (typeof body.aspect_ratio === 'string') return sizeForAspect(body.aspect_ratio);
  const input = firstInput(inputs, 'input_image');
  return input ? sizeForAspect(`${input.width}:${input.height}`) : sizeForAspect('1:1');
};

function flux2Schema(references: number, extra: Record<string, FieldRule> = {}): BodySchema {
  const refs: Record<string, FieldRule> = { input_image: { kind: 'image', nullable: true, url: true } };
  for (let i = 2; i <= references; i++) {
    refs[`input_image_${i}`] = { kind: 'image', nullable: true, url: true };
  }
  return {
    fields: {
      prompt: { kind: 'string', required: true },
      ...refs,
      width: flux2Dimension,
      height: flux2Dimension,
      ...common(5),
      ...extra,
    },
    check: withWebhookCheck((body) => {
      const width = num(body, 'width') ?? 0;
      const height = num(body, 'height') ?? 0;
      return width * height > FLUX2_MAX_PIXELS
        ? [valueError('width', `width × height must be at most ${FLUX2_MAX_PIXELS} pixels`, width)]
        : [];
    }),
  };
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

const ultraFields: Record<string, FieldRule> = {
  prompt: { kind: 'string', nullable: true },
  aspect_ratio: { kind: 'aspect' },
  raw: { kind: 'boolean' },
  image_prompt: { kind: 'image', nullable: true },
  image_prompt_strength: { kind: 'number', ge: 0, le: 1 },
  prompt_upsampling: { kind: 'boolean' },
  ...common(6),
};

const fillFields: Record<string, FieldRule> = {
  image: { kind: 'image', required: true },
  mask: { kind: 'image', nullable: true },
  prompt: { kind: 'string', nullable: true },
  steps: { kind: 'integer', nullable: true, ge: 15, le: 50 },
  guidance: { kind: 'number', nullable: true, ge: 1.5, le: 100 },
  prompt_upsampling: { kind: 'boolean', nullable: true },
  ...common(6),
};

const kontextFields: Record<string, FieldRule> = {
  prompt: { kind: 'string', required: true },
  input_image: { kind: 'image', nullable: true, url: true },
  input_image_2: { kind: 'image', nullable: true, url: true },
  input_image_3: { kind: 'image', nullable: true, url: true },
  input_image_4: { kind: 'image', nullable: true, url: true },
  aspect_ratio: { kind: 'aspect', nullable: true },
  prompt_upsampling: { kind: 'boolean' },
  ...common(6),
};

const structuralFields = (guidanceMax: number, thresholds: boolean): Record<string, FieldRule> => ({
  prompt: { kind: 'string', required: true },
  control_image: { kind: 'image', nullable: true },
  preprocessed_image: { kind: 'image', nullable: true },
  ...(thresholds && {
    canny_low_threshold: { kind: 'integer', nullable: true, ge: 0, le: 500 },
    canny_high_threshold: { kind: 'integer', nullable: true, ge: 0, le: 500 },
  }),
  steps: { kind: 'integer', nullable: true, ge: 15, le: 50 },
  guidance: { kind: 'number', nullable: true, ge: 1, le: guidanceMax },
  prompt_upsampling: { kind: 'boolean' },
  ...common(6),
});

const needsOneOf = (a: string, b: string) => (body: Record<string, unknown>) =>
  body[a] == null && body[b] == null ? [valueError(a, `Either ${a} or ${b} must be provided`, null)] : [];

const finetune: Record<string, FieldRule> = {
  finetune_id: { kind: 'string', required: true },
  finetune_strength: { kind: 'number', ge: 0, le: 2 },
};

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
        ...common(6),
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
        ...common(6),
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
        ...common(6),
      },
      check: withWebhookCheck(),
    },
    ['image'],
    (body, inputs) => {
      const base = sameAsImage(body, inputs);
      const margin = (key: string) => num(body, key) ?? 0;
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
    (body) => ({ width: num(body, 'width') ?? 1024, height: num(body, 'height') ?? 1024 }),
  ),
  fixed(
    'flux-tools/erase-v1',
    3,
    {
      fields: {
        image: { kind: 'image', required: true, url: true },
        mask: { kind: 'image', required: true, url: true },
        dilate_pixels: { kind: 'integer', ge: 0, le: 25 },
        ...common(5),
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
        ...common(5),
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
        ...common(6),
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
    { fields: { ...ultraFields, ...finetune }, check: withWebhookCheck() },
    ['image_prompt'],
    (body) => sizeForAspect(typeof body.aspect_ratio === 'string' ? body.aspect_ratio : '16:9'),
    { regionalOnly: true },
  ),
  fixed(
    'flux-pro-1.0-fill-finetuned',
    6,
    { fields: { ...fillFields, ...finetune }, check: withWebhookCheck() },
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
