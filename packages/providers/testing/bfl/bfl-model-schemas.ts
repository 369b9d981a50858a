/** Body schemas shared by BFL's model paths: common fields, webhook checks, per-family field sets. */
import { bodyNumber, FLUX2_MAX_PIXELS } from './bfl-model-sizes';
import { type BodySchema, type FieldRule, type ValidationIssue, valueError } from './bfl-validation';

export const commonFields = (safetyMax: number): Record<string, FieldRule> => ({
  seed: { kind: 'integer', nullable: true },
  output_format: { kind: 'literal', nullable: true, values: ['jpeg', 'png', 'webp'] },
  safety_tolerance: { kind: 'integer', ge: 0, le: safetyMax },
  webhook_url: { kind: 'string', nullable: true, minLength: 1, maxLength: 2083 },
  webhook_secret: { kind: 'string', nullable: true },
});

export const withWebhookCheck =
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

export const dimension32: FieldRule = { kind: 'integer', ge: 256, le: 1440, multipleOf: 32 };
const flux2Dimension: FieldRule = {
  kind: 'integer',
  nullable: true,
  ge: 64,
  multipleOf: 16,
  zeroMeansAuto: true,
};

export function flux2Schema(references: number, extra: Record<string, FieldRule> = {}): BodySchema {
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
      ...commonFields(5),
      ...extra,
    },
    check: withWebhookCheck((body) => {
      const width = bodyNumber(body, 'width') ?? 0;
      const height = bodyNumber(body, 'height') ?? 0;
      return width * height > FLUX2_MAX_PIXELS
        ? [valueError('width', `width × height must be at most ${FLUX2_MAX_PIXELS} pixels`, width)]
        : [];
    }),
  };
}

export const ultraFields: Record<string, FieldRule> = {
  prompt: { kind: 'string', nullable: true },
  aspect_ratio: { kind: 'aspect' },
  raw: { kind: 'boolean' },
  image_prompt: { kind: 'image', nullable: true },
  image_prompt_strength: { kind: 'number', ge: 0, le: 1 },
  prompt_upsampling: { kind: 'boolean' },
  ...commonFields(6),
};

export const fillFields: Record<string, FieldRule> = {
  image: { kind: 'image', required: true },
  mask: { kind: 'image', nullable: true },
  prompt: { kind: 'string', nullable: true },
  steps: { kind: 'integer', nullable: true, ge: 15, le: 50 },
  guidance: { kind: 'number', nullable: true, ge: 1.5, le: 100 },
  prompt_upsampling: { kind: 'boolean', nullable: true },
  ...commonFields(6),
};

export const kontextFields: Record<string, FieldRule> = {
  prompt: { kind: 'string', required: true },
  input_image: { kind: 'image', nullable: true, url: true },
  input_image_2: { kind: 'image', nullable: true, url: true },
  input_image_3: { kind: 'image', nullable: true, url: true },
  input_image_4: { kind: 'image', nullable: true, url: true },
  aspect_ratio: { kind: 'aspect', nullable: true },
  prompt_upsampling: { kind: 'boolean' },
  ...commonFields(6),
};

export const structuralFields = (guidanceMax: number, thresholds: boolean): Record<string, FieldRule> => ({
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
  ...commonFields(6),
});

export const needsOneOf = (a: string, b: string) => (body: Record<string, unknown>) =>
  body[a] == null && body[b] == null ? [valueError(a, `Either ${a} or ${b} must be provided`, null)] : [];

export const finetuneFields: Record<string, FieldRule> = {
  finetune_id: { kind: 'string', required: true },
  finetune_strength: { kind: 'number', ge: 0, le: 2 },
};
