import { ProviderError, throwIfAborted } from '../errors';
import type {
  EditRequest,
  EnhanceRequest,
  GenerateRequest,
  ImageProvider,
  ProviderResult,
  RestyleRequest,
  RunContext,
  SourceImage,
  VaryRequest,
} from '../image-provider';
import { defaultRetryPolicy, type RetryPolicy } from '../retry';
import { Semaphore } from '../semaphore';
import { buildForm, type FormValue, type IdeogramResponse, postForm, upload } from './ideogram.client';
import { toIdeogramMask } from './ideogram-mask';
import {
  expectedSeconds,
  IDEOGRAM_V3,
  ideogramCapabilities,
  MAX_IMAGES_PER_REQUEST,
  MAX_PROMPT_LENGTH,
  MAX_UPLOAD_BYTES,
  matchStylePreset,
  matchStyleType,
  nearestAspectRatio,
  RESTYLE_IMAGE_WEIGHT,
  renderingSpeeds,
  styleTypes,
  toWireAspectRatio,
  UPSCALE_SCALES,
  variationWeights,
} from './ideogram-models';
import { collectResult } from './ideogram-results';

export interface IdeogramProviderOptions {
  /** null: the provider reports itself unavailable and never touches the network. */
  apiKey: string | null;
  /** Default https://api.ideogram.ai. */
  baseUrl?: string;
  /** Hosts result images may be downloaded from. Default `ideogram.ai` and `*.ideogram.ai`. */
  downloadHosts?: readonly string[];
  /** Images in flight at once for this key (Ideogram's limit is per organisation, default 10). */
  maxInFlightImages?: number;
  /** Per API call; Ideogram answers only when the images are done. Default 180 s. */
  timeoutMs?: number;
  /** Per image download. Default 60 s. */
  downloadTimeoutMs?: number;
  /** For 429s, connections that never opened, and downloads. */
  retryPolicy?: RetryPolicy;
  /** How often the progress estimate is refreshed while Ideogram works. Default 1 s. */
  progressIntervalMs?: number;
  random?: () => number;
  now?: () => number;
}

const MAX_SEED = 2_147_483_647;

interface Call {
  endpoint: string;
  /** Images this call puts in flight at Ideogram. */
  weight: number;
  /** "generating", "remixing"… */
  verb: string;
  speed: string;
  fields: Record<string, FormValue>;
  sentPrompt: string | null;
  requestFacts: Record<string, unknown>;
}

function invalid(message: string, field?: string): ProviderError {
  return new ProviderError({ code: 'INVALID_INPUT', message, details: field ? { field } : {} });
}

function checkUpload(image: SourceImage, what: string): void {
  if (image.bytes.length > MAX_UPLOAD_BYTES) {
    throw invalid(
      `The ${what} is larger than Ideogram's 10 MB limit (${(image.bytes.length / 1_048_576).toFixed(1)} MB)`,
    );
  }
}

/** Fields shared by every Ideogram 3.0 call made from a GenerateRequest, checked first. */
function commonFields(request: GenerateRequest, options: { promptFallback?: string } = {}) {
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

function wireAspectRatio(request: GenerateRequest, source: SourceImage | null): string {
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

function negativePrompt(request: GenerateRequest): string | null {
  return request.params.negativePrompt?.trim() || null;
}

export function createIdeogramProvider(options: IdeogramProviderOptions): ImageProvider {
  const apiKey = options.apiKey?.trim() || null;
  const baseUrl = options.baseUrl ?? 'https://api.ideogram.ai';
  const downloadHosts = options.downloadHosts ?? ['ideogram.ai', '*.ideogram.ai'];
  const semaphore = new Semaphore(Math.max(1, options.maxInFlightImages ?? 10));
  const timeoutMs = options.timeoutMs ?? 180_000;
  const downloadTimeoutMs = options.downloadTimeoutMs ?? 60_000;
  const retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
  const progressIntervalMs = options.progressIntervalMs ?? 1000;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  /** Checked first by every operation: no key means no work and no traffic. */
  function ready({ signal }: RunContext): string {
    throwIfAborted(signal);
    if (apiKey === null) {
      throw new ProviderError({ code: 'UNAUTHORIZED', message: 'Set IDEOGRAM_API_KEY to use Ideogram' });
    }
    return apiKey;
  }

  async function run(call: Call, context: RunContext): Promise<ProviderResult> {
    const { signal, onProgress } = context;
    const key = ready(context);
    const weight = Math.min(call.weight, semaphore.capacity);
    if (semaphore.queued > 0 || semaphore.inUse + weight > semaphore.capacity) {
      onProgress({ progress: 0, stage: 'waiting for Ideogram capacity' });
    }
    const release = await semaphore.acquire(weight, signal);
    let response: IdeogramResponse;
    const started = now();
    const expectedMs = expectedSeconds(call.speed, call.weight) * 1000;
    const estimate = (): number => 0.05 + 0.8 * (1 - Math.exp(-(now() - started) / expectedMs));
    const stage = `Ideogram: ${call.verb}`;
    onProgress({ progress: 0.05, stage });
    const ticker = setInterval(() => onProgress({ progress: estimate(), stage }), progressIntervalMs);
    try {
      response = await postForm(
        { apiKey: key, baseUrl, timeoutMs, retryPolicy, random, now },
        call.endpoint,
        buildForm(call.fields),
        {
          signal,
          onRetry: (error, waitMs) => {
            const why = error.code === 'RATE_LIMIT' ? 'busy' : 'unreachable';
            onProgress({
              progress: estimate(),
              stage: `Ideogram: ${why}, trying again in ${Math.max(1, Math.ceil(waitMs / 1000))} s`,
            });
          },
        },
      );
    } finally {
      clearInterval(ticker);
      release();
    }
    return collectResult(response, {
      model: IDEOGRAM_V3,
      endpoint: call.endpoint,
      sentPrompt: call.sentPrompt,
      requestFacts: call.requestFacts,
      downloadHosts,
      timeoutMs: downloadTimeoutMs,
      retryPolicy,
      random,
      signal,
      onProgress,
    });
  }

  function facts(speed: string, request: GenerateRequest): Record<string, unknown> {
    // magicPrompt null: left to Ideogram (AUTO by default, unconfirmed).
    return { renderingSpeed: speed, magicPrompt: request.params.magicPrompt };
  }

  return {
    id: 'ideogram',
    displayName: 'Ideogram',
    description: "Ideogram's AI image models (strong at text in images), called over Ideogram's API.",
    capabilities: ideogramCapabilities,
    availability: () =>
      apiKey === null
        ? { available: false, reason: 'Set IDEOGRAM_API_KEY to use Ideogram' }
        : { available: true, reason: null },

    async generate(request: GenerateRequest, context: RunContext) {
      ready(context);
      const common = commonFields(request);
      return run(
        {
          endpoint: '/v1/ideogram-v3/generate',
          weight: request.count,
          verb: 'generating',
          speed: common.speed,
          fields: {
            ...common.fields,
            aspect_ratio: wireAspectRatio(request, null),
            negative_prompt: negativePrompt(request),
          },
          sentPrompt: common.prompt,
          requestFacts: facts(common.speed, request),
        },
        context,
      );
    },

    async vary(request: VaryRequest, context: RunContext) {
      ready(context);
      const common = commonFields(request, { promptFallback: 'A variation of this image' });
      checkUpload(request.source, 'source image');
      const weight = variationWeights[request.strength];
      return run(
        {
          endpoint: '/v1/ideogram-v3/remix',
          weight: request.count,
          verb: 'making variations',
          speed: common.speed,
          fields: {
            ...common.fields,
            image: upload('image', request.source),
            image_weight: weight,
            aspect_ratio: wireAspectRatio(request, request.source),
            negative_prompt: negativePrompt(request),
          },
          sentPrompt: common.prompt,
          requestFacts: { ...facts(common.speed, request), imageWeight: weight, strength: request.strength },
        },
        context,
      );
    },

    async restyle(request: RestyleRequest, context: RunContext) {
      ready(context);
      const styleText = request.styleText?.trim() || null;
      if (styleText === null && request.styleReference === null) {
        throw invalid('Restyle needs a style: a description or a reference image', 'styleText');
      }
      const preset = styleText === null ? null : matchStylePreset(styleText);
      const styleType = styleText === null || preset !== null ? null : matchStyleType(styleText);
      // Free text that names neither a preset nor a style type becomes part of the prompt.
      const folded = styleText !== null && preset === null && styleType === null ? styleText : null;
      const base = request.prompt.trim() || 'The same picture';
      const prompt = folded === null ? base : `${base}, in the style of ${folded}`;
      const common = commonFields({ ...request, prompt });
      checkUpload(request.source, 'source image');
      if (request.styleReference !== null) checkUpload(request.styleReference, 'style reference image');
      return run(
        {
          endpoint: '/v1/ideogram-v3/remix',
          weight: request.count,
          verb: 'restyling',
          speed: common.speed,
          fields: {
            ...common.fields,
            image: upload('image', request.source),
            image_weight: RESTYLE_IMAGE_WEIGHT,
            aspect_ratio: wireAspectRatio(request, request.source),
            negative_prompt: negativePrompt(request),
            style_type: styleType ?? common.fields.style_type,
            style_preset: preset,
            style_reference_images:
              request.styleReference === null ? null : [upload('style-reference', request.styleReference)],
          },
          sentPrompt: common.prompt,
          requestFacts: {
            ...facts(common.speed, request),
            imageWeight: RESTYLE_IMAGE_WEIGHT,
            stylePreset: preset,
            styleText,
            styleReference: request.styleReference !== null,
          },
        },
        context,
      );
    },

    async edit(request: EditRequest, context: RunContext) {
      ready(context);
      const common = commonFields(request);
      checkUpload(request.source, 'source image');
      const mask = await toIdeogramMask(request.mask, request.source.width, request.source.height);
      return run(
        {
          endpoint: '/v1/ideogram-v3/edit',
          weight: request.count,
          verb: 'editing',
          speed: common.speed,
          // The edit endpoint takes neither an aspect ratio (the image sets it) nor a negative prompt.
          fields: {
            ...common.fields,
            image: upload('image', request.source),
            mask: { bytes: mask, mime: 'image/png', filename: 'mask.png' },
          },
          sentPrompt: common.prompt,
          requestFacts: {
            ...facts(common.speed, request),
            ...(negativePrompt(request) !== null && { negativePromptIgnored: true }),
          },
        },
        context,
      );
    },

    async enhance(request: EnhanceRequest, context: RunContext) {
      ready(context);
      if (!(UPSCALE_SCALES as readonly number[]).includes(request.scale)) {
        throw new ProviderError({
          code: 'UNSUPPORTED',
          message: `Ideogram's upscaler works at about 2× only; it cannot enhance at ${request.scale}×`,
          details: { scales: UPSCALE_SCALES },
        });
      }
      checkUpload(request.source, 'source image');
      const prompt = request.prompt?.trim() || null;
      // Legacy endpoint: the options travel as one JSON text part, the picture as `image_file`.
      const imageRequest = {
        ...(prompt !== null && { prompt }),
        resemblance: 80,
        detail: 50,
        magic_prompt_option: 'OFF',
        num_images: 1,
      };
      return run(
        {
          endpoint: '/upscale',
          weight: 1,
          verb: 'upscaling',
          speed: 'DEFAULT',
          fields: {
            image_file: upload('image', request.source),
            image_request: JSON.stringify(imageRequest),
          },
          sentPrompt: prompt,
          requestFacts: {
            scale: request.scale,
            resemblance: imageRequest.resemblance,
            detail: imageRequest.detail,
          },
        },
        context,
      );
    },
  };
}
