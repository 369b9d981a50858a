import type { ImageQuality } from '@atelier/providers';
import { z } from 'zod';
import { OpenAiError } from './openai-errors';

const n = z.coerce.number().int().min(1, 'n must be at least 1').max(8, 'n must be at most 8');
const size = z
  .string()
  .regex(/^(auto|\d{2,5}x\d{2,5})$/, 'size must be "auto" or WIDTHxHEIGHT, e.g. "1024x1024"');
const responseFormat = z.enum(['url', 'b64_json']);
const outputFormat = z.enum(['png', 'jpeg', 'webp']);

/** The fields every image call takes, as OpenAI names them. */
const common = {
  model: z.string().min(1).max(200).optional(),
  n: n.optional(),
  size: size.optional(),
  response_format: responseFormat.optional(),
  output_format: outputFormat.optional(),
  quality: z.enum(['auto', 'low', 'medium', 'high', 'standard', 'hd']).optional(),
  user: z.string().max(256).optional(),
};

export const generationRequest = z.object({
  prompt: z.string().min(1, 'prompt must not be empty'),
  ...common,
  style: z.string().min(1).max(64).optional(),
  background: z.enum(['auto', 'opaque', 'transparent']).optional(),
  moderation: z.enum(['auto', 'low']).optional(),
});
export type GenerationRequest = z.infer<typeof generationRequest>;

export const editRequest = z.object({ prompt: z.string().min(1, 'prompt must not be empty'), ...common });
export type EditRequest = z.infer<typeof editRequest>;

export const variationRequest = z.object(common);
export type VariationRequest = z.infer<typeof variationRequest>;

/** Parses `body` with `schema`, or refuses in OpenAI's shape naming the first field at fault. */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map(String).join('.') || null;
  const message =
    issue.code === 'unrecognized_keys'
      ? `Unrecognized request argument supplied: ${issue.keys.join(', ')}`
      : `${param ?? 'body'}: ${issue.message}`;
  throw new OpenAiError(400, 'invalid_request_error', message, 'invalid_value', param);
}

/** OpenAI's quality words as Atelier's: low is a draft, high/hd the most detail, auto the model's own. */
export function qualityOf(quality: GenerationRequest['quality']): ImageQuality | null {
  if (quality === undefined || quality === 'auto') return null;
  if (quality === 'low') return 'DRAFT';
  return quality === 'high' || quality === 'hd' ? 'HIGH' : 'STANDARD';
}

export const mimeOfFormat = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;
