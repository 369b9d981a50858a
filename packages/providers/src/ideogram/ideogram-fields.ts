import { ProviderError } from '../errors';
import type { GenerateRequest, SourceImage } from '../image-provider';
import type { FormValue } from './ideogram.client';
import {
  IDEOGRAM_V3,
  ideogramCapabilities,
  MAX_IMAGES_PER_REQUEST,
  MAX_PROMPT_LENGTH,
  MAX_UPLOAD_BYTES,
  nearestAspectRatio,
  renderingSpeeds,
  styleTypes,
  toWireAspectRatio,
} from './ideogram-models';

const MAX_SEED = 2_147_483_647;

export function invalid(message: string, field?: string): ProviderError {
  return new ProviderError({ code: 'INVALID_INPUT', message, details: field ? { field } : {} });
}

export function checkUpload(image: SourceImage, what: string): void {
  if (image.bytes.length > MAX_UPLOAD_BYTES) {
    throw invalid(
      `The ${what} is larger than Ideogram's 10 MB limit (${(image.bytes.length / 1_048_576).toFixed(1)} MB)`,
    );
  }
}

/** Fields shared by every Ideogram 3.0 call made from a GenerateRequest, checked first. */
export function commonFields(request: GenerateRequest, options: { promptFallback?: string } = {}) {
  if (request.model !== IDEOGRAM_V3) {
    throw invalid(`Unknown Ideogram model "${request.model}"; available: ${IDEOGRAM_V3}`, 'model');
  }
  const prompt = request.prompt.trim() || options.promptFallback;
  if (!prompt) throw new ProviderError({ code: 'INVALID_PROMPT', message: 'The prompt is empty' });
  if (prompt.length > MAX_PROMPT_LENGTH) {
    throw new ProviderError({
      code: 'INVALID_PROMPT',
      message: `The prompt is longer than ${MAX_PROMPT_LENGTH} characters`,
    });
  }
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > MAX_IMAGES_PER_REQUEST) {
    throw invalid(`count must be between 1 and ${MAX_IMAGES_PER_REQUEST} (got ${request.count})`, 'count');
  }
  const { params } = request;
  const style = params.style;
  if (style !== null && !(styleTypes as readonly string[]).includes(style)) {
    throw invalid(`Unknown Ideogram style "${style}"; choose one of ${styleTypes.join(', ')}`, 'style');
  }
  if (!Number.isSafeInteger(params.seed)) {
    throw invalid(`seed must be an integer (got ${params.seed})`, 'seed');
  }
  const speed = renderingSpeeds[params.quality];
  return {
    prompt,
    speed,
    fields: {
      prompt,
      num_images: request.count,
      // Ideogram takes 0–2147483647; the seed it reports back is the one kept with the image.
      seed: ((params.seed % (MAX_SEED + 1)) + MAX_SEED + 1) % (MAX_SEED + 1),
      rendering_speed: speed,
      magic_prompt: params.magicPrompt,
      style_type: style,
    } satisfies Record<string, FormValue>,
  };
}

export function wireAspectRatio(request: GenerateRequest, source: SourceImage | null): string {
  const { aspectRatio, width, height } = request.params;
  if (aspectRatio !== null) {
    const wire = toWireAspectRatio(aspectRatio);
    if (wire === null) {
      throw invalid(
        `Ideogram does not offer the aspect ratio ${aspectRatio}; choose one of ${ideogramCapabilities.models[0]?.aspectRatios.join(', ')}`,
        'aspectRatio',
      );
    }
    return wire;
  }
  const shape = source ?? (width !== null && height !== null ? { width, height } : null);
  return toWireAspectRatio(shape ? nearestAspectRatio(shape.width, shape.height) : '1:1')!;
}

export function negativePrompt(request: GenerateRequest): string | null {
  return request.params.negativePrompt?.trim() || null;
}
