import { checkSize, type ProviderCapabilities } from '../capabilities';
import { ProviderError, throwIfAborted } from '../errors';
import type {
  GenerateRequest,
  ImageProvider,
  ProgressUpdate,
  ProviderImage,
  RunContext,
} from '../image-provider';
import { composeSvg } from './compose-svg';
import type { Layer } from './layers/layer';
import { describePalette } from './palette';
import { readPrompt, type SceneDescription } from './prompt-reader';
import { rasterize } from './rasterize';
import { planScene, type ScenePlan } from './scene-plan';
import { sceneLayers } from './scene-layers';
import { isStyleId, styleIds, styleLooks } from './styles';

export interface LocalProviderOptions {
  /** Minimum wall time per progress step, so people can watch the picture build up. Default 0. */
  stepDelayMs?: number;
}

const MODEL_ID = 'procedural-v1';
const PREVIEW_LONG_SIDE = 64;
const MIN_UPDATES = 5;

const capabilities: ProviderCapabilities = {
  models: [
    {
      id: MODEL_ID,
      name: 'Procedural v1',
      description:
        'Reads scene words, colours and moods from the prompt and paints a layered vector landscape. ' +
        'Same prompt, seed, size, style, negative prompt and quality give the same picture.',
    },
  ],
  defaultModel: MODEL_ID,
  size: { min: 256, max: 2048, multipleOf: 64, maxPixels: 2048 * 2048 },
  maxCount: 8,
  styles: styleIds,
  steps: { min: 1, max: 50, default: 20 },
  supportsNegativePrompt: true,
  supportsSeed: true,
  supportsQuality: true,
  maxPromptLength: 4000,
};

function validate(request: GenerateRequest): void {
  const invalid = (message: string, details: Record<string, unknown> = {}): ProviderError =>
    new ProviderError({ code: 'INVALID_INPUT', message, details });
  if (request.prompt.trim() === '') {
    throw new ProviderError({ code: 'INVALID_PROMPT', message: 'The prompt is empty' });
  }
  if (request.prompt.length > capabilities.maxPromptLength) {
    throw new ProviderError({
      code: 'INVALID_PROMPT',
      message: `The prompt is longer than ${capabilities.maxPromptLength} characters`,
    });
  }
  if (request.model !== MODEL_ID) {
    throw invalid(`Unknown model "${request.model}"; the local provider has "${MODEL_ID}"`, {
      field: 'model',
    });
  }
  const violation = checkSize(capabilities.size, request.params.width, request.params.height)[0];
  if (violation !== undefined) throw invalid(violation.message, { field: violation.field });
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > capabilities.maxCount) {
    throw invalid(`count must be between 1 and ${capabilities.maxCount} (got ${request.count})`, {
      field: 'count',
    });
  }
  const steps = capabilities.steps;
  if (
    steps !== null &&
    (!Number.isInteger(request.params.steps) ||
      request.params.steps < steps.min ||
      request.params.steps > steps.max)
  ) {
    throw invalid(`steps must be between ${steps.min} and ${steps.max} (got ${request.params.steps})`, {
      field: 'steps',
    });
  }
  if (!Number.isSafeInteger(request.params.seed)) {
    throw invalid(`seed must be an integer (got ${request.params.seed})`, { field: 'seed' });
  }
  const style = request.params.style;
  if (style !== null && !isStyleId(style)) {
    throw invalid(`Unknown style "${style}"; choose one of ${styleIds.join(', ')}`, { field: 'style' });
  }
}

/** Waits at least `ms`, and stops waiting the moment the job is canceled. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ProviderError({ code: 'CANCELED', message: 'The job was canceled' }));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function previewSize(width: number, height: number): { width: number; height: number } {
  const k = PREVIEW_LONG_SIDE / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

interface Job {
  plan: ScenePlan;
  layers: Layer[];
  seed: number;
}

export function createLocalProvider(options: LocalProviderOptions = {}): ImageProvider {
  const stepDelayMs = Math.max(0, options.stepDelayMs ?? 0);

  const render = (job: Job, visibleLayers: number, width: number, height: number, format: 'png' | 'webp') =>
    rasterize({
      svg: composeSvg(job.plan.width, job.plan.height, job.layers.slice(0, visibleLayers)),
      sceneWidth: job.plan.width,
      sceneHeight: job.plan.height,
      width,
      height,
      look: job.plan.look.raster,
      seed: job.seed,
      format,
    });

  async function generate(
    request: GenerateRequest,
    { signal, onProgress }: RunContext,
  ): Promise<ProviderImage[]> {
    throwIfAborted(signal);
    validate(request);
    const { params, count } = request;
    const description: SceneDescription = readPrompt(request.prompt, params.negativePrompt);
    const look = styleLooks[params.style !== null && isStyleId(params.style) ? params.style : 'none'];
    const stepsPerImage = Math.max(params.steps, Math.ceil(MIN_UPDATES / count), 1);
    const totalSteps = stepsPerImage * count;
    const preview = previewSize(params.width, params.height);
    const images: ProviderImage[] = [];

    for (let index = 0; index < count; index++) {
      const seed = params.seed + index;
      const plan = planScene({
        description,
        seed,
        width: params.width,
        height: params.height,
        quality: params.quality,
        look,
      });
      const job: Job = { plan, layers: sceneLayers(plan), seed };
      const previews = new Map<number, Buffer>();
      let bytes: Buffer | null = null;

      for (let step = 1; step <= stepsPerImage; step++) {
        const started = performance.now();
        throwIfAborted(signal);
        const visible = Math.max(1, Math.ceil((step / stepsPerImage) * job.layers.length));
        let previewBytes: Buffer;
        if (step === stepsPerImage) {
          bytes = await render(job, job.layers.length, params.width, params.height, 'png');
          throwIfAborted(signal);
          previewBytes = await render(job, job.layers.length, preview.width, preview.height, 'webp');
        } else {
          previewBytes =
            previews.get(visible) ?? (await render(job, visible, preview.width, preview.height, 'webp'));
          previews.set(visible, previewBytes);
        }
        throwIfAborted(signal);
        const painting = job.layers[visible - 1]?.name ?? 'scene';
        const stepText = `step ${step}/${stepsPerImage} · ${painting}`;
        const update: ProgressUpdate = {
          progress: (index * stepsPerImage + step) / totalSteps,
          stage: count > 1 ? `image ${index + 1} of ${count} · ${stepText}` : `rendering ${stepText}`,
          preview: { bytes: previewBytes, mime: 'image/webp' },
        };
        onProgress(update);
        await pause(stepDelayMs - (performance.now() - started), signal);
      }

      if (bytes === null) {
        throw new ProviderError({ code: 'API_ERROR', message: 'The local renderer produced no image' });
      }
      images.push({
        bytes,
        mime: 'image/png',
        width: params.width,
        height: params.height,
        seed,
        model: request.model,
        metadata: {
          renderer: MODEL_ID,
          recognised: description.recognised,
          features: [...plan.features],
          excluded: [...description.excluded],
          timeOfDay: plan.time,
          moods: description.moods,
          colours: description.colours.map((c) => (c.target === null ? c.colour : `${c.colour} ${c.target}`)),
          style: look.id,
          layers: job.layers.map((layer) => layer.name),
          palette: describePalette(plan.palette),
        },
      });
    }
    return images;
  }

  return {
    id: 'local',
    displayName: 'Local (procedural)',
    description:
      'An offline procedural renderer, not an AI model. It reads scene words (sea, mountains, city, forest…), ' +
      'colours and moods from the prompt and composes a layered vector scene: sky, sun or moon, land, water, ' +
      'buildings, weather. Words it does not know still shift the palette and layout. Deterministic: the same ' +
      'prompt, seed and size always give the same picture. Needs no network and no GPU.',
    capabilities,
    availability: () => ({ available: true, reason: null }),
    generate: async (request, context) => {
      try {
        return await generate(request, context);
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        if (context.signal.aborted) {
          throw new ProviderError({ code: 'CANCELED', message: 'The job was canceled' });
        }
        throw new ProviderError({
          code: 'API_ERROR',
          message: `The local renderer failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    },
  };
}
