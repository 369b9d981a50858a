import type {
  EditRequest,
  ExpandRequest,
  GenerateRequest,
  ImageProvider,
  ProviderImage,
  ProviderResult,
  RunContext,
  VaryRequest,
} from '../image-provider';
import { planEdit } from './edit';
import { createThreadedEnhancer } from './enhance/threaded-enhancer';
import type { EsrganSize } from './enhance/esrgan-weights';
import { guarded, localResult } from './guarded';
import type { Layer } from './layers/layer';
import { localCapabilities, PROCEDURAL_MODEL } from './local-capabilities';
import { checkLocalExpand, expandProcedurally } from './outpaint';
import { type PaintedScene, paintScenes, type SceneJob } from './paint-scenes';
import { readPrompt } from './prompt-reader';
import { createRasterPool } from './raster-pool';
import { restyle } from './restyle';
import { planScene } from './scene-plan';
import { sceneMetadata } from './scene-metadata';
import { isStyleId, styleLooks, type StyleLook } from './styles';
import { invalidInput, validateCommon, validateRequest, validateSource } from './validate';
import { planVariations } from './vary';

export interface LocalProviderOptions {
  /** Minimum wall time per progress step, so people can watch the picture build up. Default 0. */
  stepDelayMs?: number;
  /** UpscalerJS weights for Enhance: 'slim' (default) or 'medium' (2.5–3.5× slower). */
  enhanceModel?: EsrganSize;
  /** Longest side of an Enhance tile's core, in source pixels. Default 192. */
  tileSize?: number;
  /** Threads running Enhance tiles. Default: one per core. */
  enhanceThreads?: number;
  /** A job's images painted at once (the API passes its CPU pool's size). Default 1. */
  parallelImages?: number;
}

const lookFor = (style: string | null): StyleLook =>
  styleLooks[style !== null && isStyleId(style) ? style : 'none'];

export function createLocalProvider(options: LocalProviderOptions = {}): ImageProvider {
  const stepDelayMs = Math.max(0, options.stepDelayMs ?? 0);
  const enhancer = createThreadedEnhancer({
    ...(options.enhanceModel !== undefined ? { model: options.enhanceModel } : {}),
    ...(options.tileSize !== undefined ? { tileSize: options.tileSize } : {}),
    ...(options.enhanceThreads !== undefined ? { threads: options.enhanceThreads } : {}),
  });

  const parallel = Math.max(1, options.parallelImages ?? 1);
  const rasterizer = parallel > 1 ? createRasterPool(parallel) : undefined;

  const paint = async (
    jobs: readonly SceneJob[],
    steps: number,
    verb: string,
    context: RunContext,
    metadata: (job: SceneJob, index: number, layers: readonly Layer[]) => Record<string, unknown>,
  ): Promise<ProviderResult> => {
    const toImage = ({ bytes, layers }: PaintedScene, index: number): ProviderImage => {
      const job = jobs[index] as SceneJob;
      return {
        bytes,
        mime: 'image/png' as const,
        width: job.plan.width,
        height: job.plan.height,
        seed: job.seed,
        model: PROCEDURAL_MODEL,
        metadata: metadata(job, index, layers),
      };
    };
    const painted = await paintScenes(
      jobs,
      {
        stepsPerImage: steps,
        stepDelayMs,
        verb,
        parallel,
        ...(rasterizer && { rasterize: rasterizer }),
        onPainted: (scene, index) => context.onImage?.(toImage(scene, index), index),
      },
      context,
    );
    return localResult(painted.map(toImage));
  };

  async function generate(request: GenerateRequest, context: RunContext): Promise<ProviderResult> {
    const { width, height, steps } = validateRequest(request);
    const { params } = request;
    const description = readPrompt(request.prompt, params.negativePrompt);
    const look = lookFor(params.style);
    const jobs: SceneJob[] = Array.from({ length: request.count }, (_, index) => {
      const seed = params.seed + index;
      return { plan: planScene({ description, seed, width, height, quality: params.quality, look }), seed };
    });
    return paint(jobs, steps, 'rendering', context, (job, _index, layers) =>
      sceneMetadata(description, job.plan, layers),
    );
  }

  async function vary(request: VaryRequest, context: RunContext): Promise<ProviderResult> {
    const { steps } = validateCommon(request);
    validateSource(request.source);
    const variations = await planVariations(request, lookFor(request.params.style));
    return paint(variations.jobs, steps, 'varying', context, (job, index, layers) => ({
      ...sceneMetadata(variations.description, job.plan, layers),
      variation: variations.jobs[index]?.metadata ?? {},
    }));
  }

  async function edit(request: EditRequest, context: RunContext): Promise<ProviderResult> {
    const { steps } = validateCommon(request);
    validateSource(request.source);
    validateSource(request.mask, 'mask');
    const plan = await planEdit(request, lookFor(request.params.style));
    return paint(plan.jobs, steps, 'editing', context, (job, _index, layers) => ({
      ...sceneMetadata(plan.description, job.plan, layers),
      edit: {
        method: 'procedural render of the prompt composited where the mask is white',
        coverage: plan.coverage,
      },
    }));
  }

  async function expand(request: ExpandRequest, context: RunContext): Promise<ProviderResult> {
    if (request.model !== PROCEDURAL_MODEL) {
      throw invalidInput(
        `Unknown model "${request.model}"; the local provider expands with "${PROCEDURAL_MODEL}"`,
        {
          field: 'model',
        },
      );
    }
    if (!Number.isInteger(request.count) || request.count < 1 || request.count > 8) {
      throw invalidInput(`count must be between 1 and 8 (got ${request.count})`, { field: 'count' });
    }
    validateSource(request.source);
    checkLocalExpand(request);
    context.onProgress({ progress: 0.1, stage: 'expanding the canvas' });
    const seeds = Array.from({ length: request.count }, (_, index) => request.params.seed + index);
    const pngs = await expandProcedurally(request, seeds);
    const { source, top, right, bottom, left } = request;
    const images = pngs.map((bytes, index): ProviderImage => ({
      bytes,
      mime: 'image/png',
      width: source.width + left + right,
      height: source.height + top + bottom,
      seed: seeds[index]!,
      model: PROCEDURAL_MODEL,
      metadata: {
        outpaint: {
          method: 'mirrored edges, blurred with distance, seeded grain (not AI)',
          margins: { top, right, bottom, left },
        },
      },
    }));
    images.forEach((image, index) => context.onImage?.(image, index));
    return localResult(images);
  }

  return {
    id: 'local',
    displayName: 'Local (procedural)',
    description:
      'An offline procedural renderer, not an AI model. It reads scene words (sea, mountains, city, forest…), ' +
      'colours and moods from the prompt and composes a layered vector scene: sky, sun or moon, land, water, ' +
      'buildings, weather. Words it does not know still shift the palette and layout. Deterministic: the same ' +
      'prompt, seed and size always give the same picture. Variations, Restyle and Edit are procedural too. ' +
      'Enhance is the exception: a learned super-resolution model (ESRGAN-family weights from UpscalerJS) ' +
      'running locally in WebAssembly. Needs no network and no GPU.',
    capabilities: localCapabilities(enhancer),
    availability: () => ({ available: true, reason: null }),
    generate: (request, context) => guarded('renderer', context.signal, () => generate(request, context)),
    vary: (request, context) => guarded('renderer', context.signal, () => vary(request, context)),
    enhance: (request, context) => enhancer.enhance(request, context),
    restyle: (request, context) => guarded('restyle', context.signal, () => restyle(request, context)),
    edit: (request, context) => guarded('renderer', context.signal, () => edit(request, context)),
    expand: (request, context) => guarded('outpaint', context.signal, () => expand(request, context)),
  };
}
