/** Request bodies per model family, for each operation. */
import { ProviderError } from '../errors';
import type {
  EditRequest,
  ExpandRequest,
  GenerateRequest,
  GenerationParams,
  RestyleRequest,
  SourceImage,
  VaryRequest,
} from '../image-provider';
import { planOutpaint } from '@atelier/image-edits';
import { type FluxModel, fluxOutpaint, invalidInput } from './flux-models';
import { shape } from './flux-sizes';

const base64 = (image: SourceImage): string => image.bytes.toString('base64');

/** Fields every body shares: seed, PNG output, and prompt upsampling where the model has it. */
function common(model: FluxModel, params: GenerationParams, seed: number): Record<string, unknown> {
  return {
    seed,
    output_format: 'png',
    ...(model.capabilities.supportsMagicPrompt && { prompt_upsampling: params.magicPrompt === 'ON' }),
  };
}

function steps(model: FluxModel, params: GenerationParams): Record<string, unknown> {
  const rule = model.capabilities.steps;
  if (rule === null) return {};
  const value = params.steps ?? rule.default;
  if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
    throw invalidInput(`steps must be between ${rule.min} and ${rule.max} (got ${value})`, 'steps');
  }
  return { steps: value };
}

const withPrompt = (prompt: string): Record<string, unknown> => (prompt.trim() === '' ? {} : { prompt });

export function generateBody(
  model: FluxModel,
  request: GenerateRequest,
  seed: number,
): Record<string, unknown> {
  return {
    prompt: request.prompt,
    ...shape(model, request.params, null),
    ...steps(model, request.params),
    ...common(model, request.params, seed),
  };
}

const variationWords = {
  SUBTLE:
    'Make a subtle variation of image 1: keep its composition, subjects, colours and style, and change only small details.',
  STRONG:
    'Make a strong variation of image 1: keep its subject and overall style, but freely change the composition, ' +
    'pose, lighting and details.',
} as const;

const describes = (prompt: string): string =>
  prompt.trim() === '' ? '' : ` Image 1 shows: ${prompt.trim()}`;

/** Ultra's Redux blend: how much of the image (vs the prompt) shapes the result. */
export const imagePromptStrength = { SUBTLE: 0.8, STRONG: 0.3 } as const;

export function varyBody(model: FluxModel, request: VaryRequest, seed: number): Record<string, unknown> {
  const { params, source, strength } = request;
  switch (model.family) {
    case 'pro11':
    case 'dev':
      return {
        ...withPrompt(request.prompt),
        image_prompt: base64(source),
        ...shape(model, params, source),
        ...common(model, params, seed),
      };
    case 'ultra':
      return {
        ...withPrompt(request.prompt),
        image_prompt: base64(source),
        image_prompt_strength: imagePromptStrength[strength],
        ...shape(model, params, source),
        ...common(model, params, seed),
      };
    case 'flux2':
    case 'kontext':
      return {
        prompt: variationWords[strength] + describes(request.prompt),
        input_image: base64(source),
        ...shape(model, params, source),
        ...common(model, params, seed),
      };
    case 'fill':
    case 'expand':
      throw new ProviderError({
        code: 'UNSUPPORTED',
        message: `${model.capabilities.name} cannot make variations`,
      });
  }
}

export function restylePrompt(request: RestyleRequest): string {
  const style = request.styleText?.trim() ?? '';
  const keep = ' Keep the composition and subjects of image 1.';
  if (request.styleReference) {
    return `Restyle image 1 in the style of image 2${style ? ` (${style})` : ''}.${keep}${describes(request.prompt)}`;
  }
  return `Restyle image 1 as: ${style}.${keep}${describes(request.prompt)}`;
}

export function restyleBody(
  model: FluxModel,
  request: RestyleRequest,
  seed: number,
): Record<string, unknown> {
  if (model.family !== 'flux2' && model.family !== 'kontext') {
    throw new ProviderError({
      code: 'UNSUPPORTED',
      message: `${model.capabilities.name} cannot restyle images`,
    });
  }
  if (!request.styleReference && !request.styleText?.trim()) {
    throw invalidInput('Restyle needs a style description or a style reference image', 'styleText');
  }
  return {
    prompt: restylePrompt(request),
    input_image: base64(request.source),
    ...(request.styleReference && { input_image_2: base64(request.styleReference) }),
    ...shape(model, request.params, request.source),
    ...common(model, request.params, seed),
  };
}

export function editBody(model: FluxModel, request: EditRequest, seed: number): Record<string, unknown> {
  if (model.family !== 'fill') {
    throw new ProviderError({
      code: 'UNSUPPORTED',
      message: `${model.capabilities.name} cannot edit with a mask`,
    });
  }
  const { source, mask } = request;
  if (mask.width !== source.width || mask.height !== source.height) {
    throw invalidInput(
      `The mask (${mask.width}×${mask.height}) must have the same size as the image (${source.width}×${source.height})`,
      'mask',
    );
  }
  // Fill's mask is white where to repaint, black where to keep: Atelier's convention, sent as is.
  return {
    image: base64(source),
    mask: base64(mask),
    ...withPrompt(request.prompt),
    ...steps(model, request.params),
    ...common(model, request.params, seed),
  };
}

/** flux-pro-1.0-expand: the image and its four margins (0–2048 each), filled from the prompt. */
export function expandBody(model: FluxModel, request: ExpandRequest, seed: number): Record<string, unknown> {
  if (model.family !== 'expand') {
    throw new ProviderError({
      code: 'UNSUPPORTED',
      message: `${model.capabilities.name} cannot expand images`,
    });
  }
  const { source, top, right, bottom, left } = request;
  const { issues } = planOutpaint(fluxOutpaint, 'Flux', source, request);
  const first = issues[0];
  if (first) throw invalidInput(first.message, first.field);
  return {
    image: base64(source),
    top,
    bottom,
    left,
    right,
    ...withPrompt(request.prompt ?? ''),
    ...steps(model, request.params),
    ...common(model, request.params, seed),
  };
}
