import { checkSize } from '../capabilities';
import { ProviderError } from '../errors';
import type { GenerateRequest, SourceImage } from '../image-provider';
import { PROCEDURAL_MODEL, proceduralModel } from './local-capabilities';
import { isStyleId, styleIds } from './styles';

export const invalidInput = (message: string, details: Record<string, unknown> = {}): ProviderError =>
  new ProviderError({ code: 'INVALID_INPUT', message, details });

const DEFAULT_STEPS = { min: 1, max: 50, default: 20 };

/**
 * Checks what every procedural operation shares (prompt, model, count, steps, seed, style) and
 * resolves the nullable steps. Operations on a source image take their size from the source.
 */
export function validateCommon(request: GenerateRequest): { steps: number } {
  const model = proceduralModel;
  if (request.prompt.trim() === '') {
    throw new ProviderError({ code: 'INVALID_PROMPT', message: 'The prompt is empty' });
  }
  if (request.prompt.length > model.maxPromptLength) {
    throw new ProviderError({
      code: 'INVALID_PROMPT',
      message: `The prompt is longer than ${model.maxPromptLength} characters`,
    });
  }
  if (request.model !== PROCEDURAL_MODEL) {
    throw invalidInput(
      `Unknown model "${request.model}"; the local provider paints with "${PROCEDURAL_MODEL}"`,
      { field: 'model' },
    );
  }
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > model.maxCount) {
    throw invalidInput(`count must be between 1 and ${model.maxCount} (got ${request.count})`, {
      field: 'count',
    });
  }
  const rule = model.steps ?? DEFAULT_STEPS;
  const steps = request.params.steps ?? rule.default;
  if (!Number.isInteger(steps) || steps < rule.min || steps > rule.max) {
    throw invalidInput(`steps must be between ${rule.min} and ${rule.max} (got ${steps})`, {
      field: 'steps',
    });
  }
  if (!Number.isSafeInteger(request.params.seed)) {
    throw invalidInput(`seed must be an integer (got ${request.params.seed})`, { field: 'seed' });
  }
  const style = request.params.style;
  if (style !== null && !isStyleId(style)) {
    throw invalidInput(`Unknown style "${style}"; choose one of ${styleIds.join(', ')}`, { field: 'style' });
  }
  return { steps };
}

export interface ValidRequest {
  width: number;
  height: number;
  steps: number;
}

/** Checks a Generate request, which must name a pixel size within the model's rule. */
export function validateRequest(request: GenerateRequest): ValidRequest {
  const { steps } = validateCommon(request);
  const { width, height } = request.params;
  const rule = proceduralModel.size;
  if (width === null || height === null || rule === null) {
    throw invalidInput('The procedural model needs a width and a height in pixels', {
      field: width === null ? 'width' : 'height',
    });
  }
  const violation = checkSize(rule, width, height)[0];
  if (violation !== undefined) throw invalidInput(violation.message, { field: violation.field });
  return { width, height, steps };
}

const MIN_SOURCE_SIDE = 16;

/** A source image the renderer can paint over: any size up to the model's pixel budget. */
export function validateSource(source: SourceImage, field = 'source'): void {
  const maxPixels = proceduralModel.size?.maxPixels ?? 2048 * 2048;
  const { width, height } = source;
  if (!Number.isInteger(width) || !Number.isInteger(height) || Math.min(width, height) < MIN_SOURCE_SIDE) {
    throw invalidInput(`The ${field} image must be at least ${MIN_SOURCE_SIDE} pixels a side`, { field });
  }
  if (width * height > maxPixels) {
    throw invalidInput(`The ${field} image is larger than ${maxPixels} pixels (${width}×${height})`, {
      field,
    });
  }
}
