import { ProviderError, throwIfAborted } from '../errors';
import type {
  EditRequest,
  EnhanceRequest,
  ExpandRequest,
  GenerateRequest,
  ImageProvider,
  ProviderResult,
  RestyleRequest,
  RunContext,
  VaryRequest,
} from '../image-provider';
import type { ResultFetcher } from '../http';
import { defaultRetryPolicy, type RetryPolicy } from '../retry';
import { Semaphore } from '../semaphore';
import { buildForm, type FormValue, type IdeogramResponse, postForm, upload } from './ideogram.client';
import { toIdeogramMask } from './ideogram-mask';
import { planOutpaint } from '@atelier/image-edits';
import {
  expectedSeconds,
  IDEOGRAM_V3,
  ideogramCapabilities,
  ideogramOutpaint,
  matchStylePreset,
  matchStyleType,
  RESTYLE_IMAGE_WEIGHT,
  UPSCALE_SCALES,
  variationWeights,
  withLocalEnhance,
} from './ideogram-models';
import { checkUpload, commonFields, invalid, negativePrompt, wireAspectRatio } from './ideogram-fields';
import { collectResult } from './ideogram-results';

export interface IdeogramProviderOptions {
  /** null: the provider reports itself unavailable and never touches the network. */
  apiKey: string | null;
  /** Default https://api.ideogram.ai. */
  baseUrl?: string;
  /** Hosts result images may be downloaded from. Default `ideogram.ai` and `*.ideogram.ai`. */
  downloadHosts?: readonly string[];
  /**
   * Runs Enhance at the factors Ideogram's upscaler lacks (it only does about 2×); the API passes
   * the local ESRGAN enhancer.
   */
  enhanceLocally?: {
    scales: readonly number[];
    enhance: (request: EnhanceRequest, context: RunContext) => Promise<ProviderResult>;
  };
  /** Downloads results instead of the built-in fetch (and then `downloadHosts` is not consulted). */
  fetchResult?: ResultFetcher;
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

  const localScales = (options.enhanceLocally?.scales ?? []).filter(
    (scale) => !(UPSCALE_SCALES as readonly number[]).includes(scale),
  );
  const capabilities = withLocalEnhance(ideogramCapabilities, localScales);

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
          onRetry: (error, waitMs, startedAt) => {
            context.onRetriedCall?.(error, startedAt);
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
      ...(options.fetchResult && { fetchResult: options.fetchResult }),
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
    capabilities,
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

    async expand(request: ExpandRequest, context: RunContext) {
      ready(context);
      // Reframe takes no prompt: the placeholder only passes the shared checks and is not sent.
      const common = commonFields({ ...request, prompt: 'reframe' });
      checkUpload(request.source, 'source image');
      const { plan, issues } = planOutpaint(ideogramOutpaint, 'Ideogram', request.source, request);
      if (plan === null) throw invalid(issues[0]!.message, issues[0]!.field);
      const { num_images, seed, rendering_speed } = common.fields;
      const { top, right, bottom, left } = request;
      return run(
        {
          endpoint: '/v1/ideogram-v3/reframe',
          weight: request.count,
          verb: 'reframing',
          speed: common.speed,
          fields: {
            image: upload('image', request.source),
            resolution: plan.resolution,
            num_images,
            seed,
            rendering_speed,
          },
          sentPrompt: null,
          requestFacts: {
            renderingSpeed: common.speed,
            resolution: plan.resolution,
            margins: { top, right, bottom, left },
            ...(request.prompt?.trim() && { promptIgnored: true }),
          },
        },
        context,
      );
    },

    async enhance(request: EnhanceRequest, context: RunContext) {
      ready(context);
      if (options.enhanceLocally && localScales.includes(request.scale)) {
        return options.enhanceLocally.enhance(request, context);
      }
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
