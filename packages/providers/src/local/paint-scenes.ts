import { ProviderError, throwIfAborted } from '../errors';
import type { ProgressUpdate, RunContext } from '../image-provider';
import { sleep } from '../retry';
import { composeSvg } from './compose-svg';
import type { Layer } from './layers/layer';
import type { Rasterizer } from './raster-pool';
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
  /** Images painted at once (default 1). */
  parallel?: number;
  /** Where frames are rasterized: on this thread by default, or a pool of threads. */
  rasterize?: Rasterizer;
  /** Called as each picture is finished, before the others are. */
  onPainted?: (scene: PaintedScene, index: number) => void;
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
 * Paints the jobs, up to `options.parallel` at once (each on its own, so the result does not
 * depend on how many run together), layer by layer, reporting progress with a preview after
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
  const painted: PaintedScene[] = new Array<PaintedScene>(count);
  // One failed image stops the others at their next step.
  const stop = new AbortController();
  const stopped = AbortSignal.any([signal, stop.signal]);
  let stepsDone = 0;
  let next = 0;

  const paintOne = async (index: number, job: SceneJob): Promise<PaintedScene> => {
    const { plan } = job;
    const layers = sceneLayers(plan);
    const preview = previewSize(plan.width, plan.height);
    const frame = async (visible: number, width: number, height: number, format: 'png' | 'webp') => {
      const bytes = await (options.rasterize ?? rasterize)({
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
      throwIfAborted(stopped);
      const visible = Math.max(1, Math.ceil((step / stepsPerImage) * layers.length));
      let previewBytes: Buffer;
      if (step === stepsPerImage) {
        bytes = await frame(layers.length, plan.width, plan.height, 'png');
        throwIfAborted(stopped);
        previewBytes = await frame(layers.length, preview.width, preview.height, 'webp');
      } else {
        previewBytes = previews.get(visible) ?? (await frame(visible, preview.width, preview.height, 'webp'));
        previews.set(visible, previewBytes);
      }
      throwIfAborted(stopped);
      const painting = layers[visible - 1]?.name ?? 'scene';
      const stepText = `step ${step}/${stepsPerImage} · ${painting}`;
      stepsDone++;
      const update: ProgressUpdate = {
        progress: stepsDone / totalSteps,
        stage: count > 1 ? `image ${index + 1} of ${count} · ${stepText}` : `${options.verb} ${stepText}`,
        preview: { bytes: previewBytes, mime: 'image/webp' },
      };
      onProgress(update);
      const wait = options.stepDelayMs - (performance.now() - started);
      if (wait > 0) await sleep(wait, stopped);
    }

    if (bytes === null) {
      throw new ProviderError({ code: 'API_ERROR', message: 'The local renderer produced no image' });
    }
    return { bytes, layers };
  };

  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const scene = await paintOne(index, jobs[index] as SceneJob);
      painted[index] = scene;
      options.onPainted?.(scene, index);
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(options.parallel ?? 1, count)) }, () =>
    lane().catch((error: unknown) => {
      stop.abort();
      throw error;
    }),
  );
  const outcomes = await Promise.allSettled(lanes);
  const failures: unknown[] = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
  );
  // The real failure, not the cancellations it caused in the other lanes.
  if (failures.length > 0) throw failures.find((error) => !isCanceled(error)) ?? failures[0];
  return painted;
}

function isCanceled(error: unknown): boolean {
  return error instanceof ProviderError && error.code === 'CANCELED';
}
