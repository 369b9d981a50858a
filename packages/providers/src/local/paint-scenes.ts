import { ProviderError, throwIfAborted } from '../errors';
import type { ProgressUpdate, RunContext } from '../image-provider';
import { sleep } from '../retry';
import { composeSvg } from './compose-svg';
import type { Layer } from './layers/layer';
import { rasterize } from './rasterize';
import type { ScenePlan } from './scene-plan';
import { sceneLayers } from './scene-layers';

const PREVIEW_LONG_SIDE = 64;
const MIN_UPDATES = 5;

/** One picture to paint: its plan, and what to do with each rendered frame before it is shown. */
export interface SceneJob {
  plan: ScenePlan;
  /** Seeds the film grain. */
  seed: number;
  /** Edit composites every frame (previews too) over the source; generate leaves frames alone. */
  finish?: (frame: Buffer, width: number, height: number, format: 'png' | 'webp') => Promise<Buffer>;
}

export interface PaintOptions {
  stepsPerImage: number;
  /** Minimum wall time per progress step, so people can watch the picture build up. */
  stepDelayMs: number;
  /** "rendering", "varying", "editing": the first word of single-image stages. */
  verb: string;
}

export interface PaintedScene {
  bytes: Buffer;
  layers: readonly Layer[];
}

export function previewSize(width: number, height: number): { width: number; height: number } {
  const k = PREVIEW_LONG_SIDE / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/**
 * Paints the jobs one after another, layer by layer, reporting progress with a preview after
 * every step and checking for cancellation between steps.
 */
export async function paintScenes(
  jobs: readonly SceneJob[],
  options: PaintOptions,
  { signal, onProgress }: RunContext,
): Promise<PaintedScene[]> {
  const count = jobs.length;
  const stepsPerImage = Math.max(options.stepsPerImage, Math.ceil(MIN_UPDATES / count), 1);
  const totalSteps = stepsPerImage * count;
  const painted: PaintedScene[] = [];

  for (const [index, job] of jobs.entries()) {
    const { plan } = job;
    const layers = sceneLayers(plan);
    const preview = previewSize(plan.width, plan.height);
    const frame = async (visible: number, width: number, height: number, format: 'png' | 'webp') => {
      const bytes = await rasterize({
        svg: composeSvg(plan.width, plan.height, layers.slice(0, visible)),
        sceneWidth: plan.width,
        sceneHeight: plan.height,
        width,
        height,
        look: plan.look.raster,
        seed: job.seed,
        format,
      });
      return job.finish === undefined ? bytes : job.finish(bytes, width, height, format);
    };
    const previews = new Map<number, Buffer>();
    let bytes: Buffer | null = null;

    for (let step = 1; step <= stepsPerImage; step++) {
      const started = performance.now();
      throwIfAborted(signal);
      const visible = Math.max(1, Math.ceil((step / stepsPerImage) * layers.length));
      let previewBytes: Buffer;
      if (step === stepsPerImage) {
        bytes = await frame(layers.length, plan.width, plan.height, 'png');
        throwIfAborted(signal);
        previewBytes = await frame(layers.length, preview.width, preview.height, 'webp');
      } else {
        previewBytes = previews.get(visible) ?? (await frame(visible, preview.width, preview.height, 'webp'));
        previews.set(visible, previewBytes);
      }
      throwIfAborted(signal);
      const painting = layers[visible - 1]?.name ?? 'scene';
      const stepText = `step ${step}/${stepsPerImage} · ${painting}`;
      const update: ProgressUpdate = {
        progress: (index * stepsPerImage + step) / totalSteps,
        stage: count > 1 ? `image ${index + 1} of ${count} · ${stepText}` : `${options.verb} ${stepText}`,
        preview: { bytes: previewBytes, mime: 'image/webp' },
      };
      onProgress(update);
      const wait = options.stepDelayMs - (performance.now() - started);
      if (wait > 0) await sleep(wait, signal);
    }

    if (bytes === null) {
      throw new ProviderError({ code: 'API_ERROR', message: 'The local renderer produced no image' });
    }
    painted.push({ bytes, layers });
  }
  return painted;
}
