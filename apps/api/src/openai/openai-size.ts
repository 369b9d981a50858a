import type { ModelCapabilities } from '@atelier/providers';
import { OpenAiError } from './openai-errors';

export interface SizeParams {
  width: number | null;
  height: number | null;
  aspectRatio: string | null;
}

const none: SizeParams = { width: null, height: null, aspectRatio: null };
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * OpenAI's `size` ("1024x1024") for a model: pixel sizes for models that take them (the service checks
 * the rule), the exact shape for models that take aspect ratios. A shape the model does not make is
 * refused naming the sizes it does. `auto` or no size: the model's default.
 */
export function sizeParams(size: string | undefined, model: ModelCapabilities | undefined): SizeParams {
  if (size === undefined || size === 'auto' || !model) return none;
  const [width, height] = size.split('x').map(Number) as [number, number];
  if (model.size) return { width, height, aspectRatio: null };
  const divisor = gcd(width, height);
  const ratio = `${width / divisor}:${height / divisor}`;
  if (model.aspectRatios.includes(ratio)) return { width: null, height: null, aspectRatio: ratio };
  const valid = model.aspectRatios.map(sizeOfRatio).join(', ');
  throw new OpenAiError(
    400,
    'invalid_request_error',
    `size: ${size} is not a shape ${model.name} makes. Supported values are: ${valid}, and 'auto'.`,
    'invalid_value',
    'size',
  );
}

/** A ratio as the size of about one megapixel with its shape, in multiples of 16 ("16:9" → "1344x768"). */
function sizeOfRatio(ratio: string): string {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  const scale = Math.sqrt((1024 * 1024) / (w * h));
  const round = (value: number) => Math.max(16, Math.round((value * scale) / 16) * 16);
  return `${round(w)}x${round(h)}`;
}
