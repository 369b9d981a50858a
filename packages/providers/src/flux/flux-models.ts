/** Flux's models as Atelier offers them, and the checks every operation shares. */
import type {
  EnhanceCapability,
  ModelCapabilities,
  Operation,
  OutpaintCapability,
  ProviderCapabilities,
  SizeRule,
} from '../capabilities';
import { ProviderError } from '../errors';
import type { GenerateRequest } from '../image-provider';

/** How a model's request body is built: FLUX.2, FLUX1.1 [pro] (Redux), ultra, dev, Kontext, Fill, Expand. */
export type FluxFamily = 'flux2' | 'pro11' | 'ultra' | 'dev' | 'kontext' | 'fill' | 'expand';

export interface FluxModel {
  capabilities: ModelCapabilities;
  family: FluxFamily;
  /** BFL limits flux-kontext-max to its own, smaller number of active tasks. */
  pool: 'kontext-max' | null;
}

export const DEFAULT_MODEL = 'flux-2-pro';
export const MAX_COUNT = 4;
const MAX_PROMPT_LENGTH = 10_000;

/** Between 21:9 and 9:21, the range BFL accepts. */
export const fluxAspectRatios = ['21:9', '16:9', '3:2', '4:3', '1:1', '3:4', '2:3', '9:16', '9:21'] as const;

// BFL's guide says multiples of 16 up to ~4 MP for FLUX.2 (not a confirmed server rule); 2048 a side.
const flux2Size: SizeRule = { min: 256, max: 2048, multipleOf: 16, maxPixels: 2048 * 2048 };
const flux1Size: SizeRule = { min: 256, max: 1440, multipleOf: 32, maxPixels: 1440 * 1440 };

const base = {
  maxCount: MAX_COUNT,
  styles: [],
  steps: null,
  supportsNegativePrompt: false,
  supportsSeed: true,
  supportsQuality: false,
  maxPromptLength: MAX_PROMPT_LENGTH,
} satisfies Partial<ModelCapabilities>;

export const fluxModels: readonly FluxModel[] = [
  {
    family: 'flux2',
    pool: null,
    capabilities: {
      ...base,
      id: 'flux-2-pro',
      name: 'FLUX.2 [pro]',
      description:
        "Black Forest Labs' current flagship: detailed, prompt-faithful images with legible text. " +
        'Variations and restyles pass your image as a reference.',
      operations: ['GENERATE', 'VARIATION', 'RESTYLE'],
      size: flux2Size,
      aspectRatios: [],
      supportsMagicPrompt: false,
    },
  },
  {
    family: 'flux2',
    pool: null,
    capabilities: {
      ...base,
      id: 'flux-2-max',
      name: 'FLUX.2 [max]',
      description: 'The highest-quality FLUX.2 model: slower and dearer than FLUX.2 [pro].',
      operations: ['GENERATE', 'VARIATION', 'RESTYLE'],
      size: flux2Size,
      aspectRatios: [],
      supportsMagicPrompt: false,
    },
  },
  {
    family: 'pro11',
    pool: null,
    capabilities: {
      ...base,
      id: 'flux-pro-1.1',
      name: 'FLUX1.1 [pro]',
      description:
        'Fast, reliable FLUX.1 generation. Variations use Redux, which has no strength control: ' +
        'subtle and strong variations differ only by seed.',
      operations: ['GENERATE', 'VARIATION'],
      size: flux1Size,
      aspectRatios: [],
      supportsMagicPrompt: true,
    },
  },
  {
    family: 'ultra',
    pool: null,
    capabilities: {
      ...base,
      id: 'flux-pro-1.1-ultra',
      name: 'FLUX1.1 [pro] ultra',
      description:
        'About 4 megapixels at the aspect ratio you choose. Variations blend your image into the result.',
      operations: ['GENERATE', 'VARIATION'],
      size: null,
      aspectRatios: fluxAspectRatios,
      supportsMagicPrompt: true,
    },
  },
  {
    family: 'dev',
    pool: null,
    capabilities: {
      ...base,
      id: 'flux-dev',
      name: 'FLUX.1 [dev]',
      description: 'The open-weights FLUX.1 model: cheaper, with an adjustable number of steps.',
      operations: ['GENERATE'],
      size: flux1Size,
      aspectRatios: [],
      steps: { min: 1, max: 50, default: 28 },
      supportsMagicPrompt: true,
    },
  },
  {
    family: 'kontext',
    pool: null,
    capabilities: {
      ...base,
      id: 'flux-kontext-pro',
      name: 'FLUX.1 Kontext [pro]',
      description:
        'Edits an image from an instruction; also makes images from text. Keeps subjects consistent.',
      operations: ['GENERATE', 'VARIATION', 'RESTYLE'],
      size: null,
      aspectRatios: fluxAspectRatios,
      supportsMagicPrompt: true,
    },
  },
  {
    family: 'kontext',
    pool: 'kontext-max',
    capabilities: {
      ...base,
      id: 'flux-kontext-max',
      name: 'FLUX.1 Kontext [max]',
      description:
        'The strongest Kontext model, with better typography. BFL runs at most 6 of its tasks at once.',
      operations: ['GENERATE', 'VARIATION', 'RESTYLE'],
      size: null,
      aspectRatios: fluxAspectRatios,
      supportsMagicPrompt: true,
    },
  },
  {
    family: 'fill',
    pool: null,
    capabilities: {
      ...base,
      id: 'flux-pro-1.0-fill',
      name: 'FLUX.1 Fill [pro]',
      description: 'Repaints the masked part of an image from your prompt; the result keeps the image size.',
      operations: ['EDIT'],
      size: null,
      aspectRatios: [],
      steps: { min: 15, max: 50, default: 50 },
      supportsMagicPrompt: true,
    },
  },
  {
    family: 'expand',
    pool: null,
    capabilities: {
      ...base,
      id: 'flux-pro-1.0-expand',
      name: 'FLUX.1 Expand [pro]',
      description:
        'Outpaints: adds up to 2048 pixels on each side of an image and fills them from your prompt; ' +
        'the image itself is kept.',
      operations: ['OUTPAINT'],
      size: null,
      aspectRatios: [],
      steps: { min: 15, max: 50, default: 50 },
      supportsMagicPrompt: true,
    },
  },
];

/** BFL's expand takes 0–2048 pixels per side (flux-api.md §4.9); it sets no limit on the result. */
export const EXPAND_MAX_MARGIN = 2048;

export const fluxOutpaint: OutpaintCapability = {
  maxMargin: EXPAND_MAX_MARGIN,
  maxSide: 8192,
  prompt: true,
  squareSourceOnly: false,
  centredOnly: false,
  resolutions: [],
  shapeTolerance: 0,
  note: 'FLUX.1 Expand [pro] adds up to 2048 pixels on each side and fills them from the prompt.',
};

export function fluxCapabilities(enhance: EnhanceCapability | null): ProviderCapabilities {
  return {
    models: fluxModels.map((model) => model.capabilities),
    defaultModel: DEFAULT_MODEL,
    enhance,
    restyle: {
      fromText: true,
      fromReference: true,
      note: 'FLUX.2 and Kontext redraw your image from a style description or a reference image.',
    },
    outpaint: fluxOutpaint,
  };
}

export const invalidInput = (message: string, field: string): ProviderError =>
  new ProviderError({ code: 'INVALID_INPUT', message, details: { field } });

/**
 * The model that runs `operation`: the requested one when it can, otherwise the provider's model
 * for that operation (e.g. an Edit of an image made with FLUX.2 runs on Fill). Unknown ids fail.
 */
export function modelForOperation(id: string, operation: Operation): FluxModel {
  const requested = fluxModels.find((model) => model.capabilities.id === id);
  if (!requested) {
    const ids = fluxModels.map((model) => model.capabilities.id).join(', ');
    throw invalidInput(`Flux has no model "${id}"; choose one of ${ids}`, 'model');
  }
  if (requested.capabilities.operations.includes(operation)) return requested;
  const preferred = fluxModels.find(
    (model) => model.capabilities.id === DEFAULT_MODEL && model.capabilities.operations.includes(operation),
  );
  const any = preferred ?? fluxModels.find((model) => model.capabilities.operations.includes(operation));
  if (!any) {
    throw new ProviderError({ code: 'UNSUPPORTED', message: `Flux cannot ${operation.toLowerCase()}` });
  }
  return any;
}

/** Checks what every operation shares (prompt, count, seed) before anything is sent. */
export function checkRequest(model: FluxModel, request: GenerateRequest, promptRequired: boolean): void {
  const { prompt, count, params } = request;
  if (promptRequired && prompt.trim() === '') {
    throw new ProviderError({ code: 'INVALID_PROMPT', message: 'The prompt is empty' });
  }
  if (prompt.length > model.capabilities.maxPromptLength) {
    throw new ProviderError({
      code: 'INVALID_PROMPT',
      message: `The prompt is longer than ${model.capabilities.maxPromptLength} characters`,
    });
  }
  if (!Number.isInteger(count) || count < 1 || count > model.capabilities.maxCount) {
    throw invalidInput(`count must be between 1 and ${model.capabilities.maxCount} (got ${count})`, 'count');
  }
  if (!Number.isSafeInteger(params.seed)) {
    throw invalidInput(`seed must be an integer (got ${params.seed})`, 'seed');
  }
}
