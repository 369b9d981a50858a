import type { EnhanceCapability, ModelCapabilities } from '../../capabilities';
import { ProviderError, throwIfAborted } from '../../errors';
import type { EnhanceRequest, ProviderResult, RunContext } from '../../image-provider';
import { guarded, localResult } from '../guarded';
import { decodeImage, encodeRgb, encodeRgba, resizeGrey } from '../pixels';
import { esrganFacts } from './esrgan-model';
import { esrganPackage, type EsrganScale, type EsrganSize } from './esrgan-weights';
import { inProcessTiles, type TileBackend } from './tile-backend';
import { upscaleTiles } from './upscale-tiles';

export interface LocalEnhancerOptions {
  /**
   * Which UpscalerJS weights to run. 'slim' (default) does a ×2 of 1024² in about 19 s on this
   * machine; 'medium' is 2.5–3.5× slower for a gain within noise on our scenes.
   */
  model?: EsrganSize;
  /** Longest side of a tile's core in source pixels (default 192); each tile adds ~10 px of padding. */
  tileSize?: number;
  /** Worker threads for tiles in createThreadedEnhancer (default: one per core). */
  threads?: number;
}

export interface LocalEnhancer {
  /** The model entry to list in a provider's capabilities (it serves ENHANCE only). */
  readonly model: ModelCapabilities;
  readonly capability: EnhanceCapability;
  enhance(request: EnhanceRequest, context: RunContext): Promise<ProviderResult>;
  /** Loads TensorFlow.js and the weights now instead of on the first request. */
  warm(): Promise<void>;
}

export const ENHANCE_SCALES: readonly EsrganScale[] = [2, 4];
const MIN_SIDE = 8;
/** Keeps a ×2 of 2048² and a ×4 of 1024² possible, and the output buffers near 50 MB. */
export const MAX_OUTPUT_PIXELS = 4096 * 4096;
const DEFAULT_TILE = 192;

const isScale = (scale: number): scale is EsrganScale =>
  (ENHANCE_SCALES as readonly number[]).includes(scale);

const invalid = (message: string, field: string): ProviderError =>
  new ProviderError({ code: 'INVALID_INPUT', message, details: { field } });

/** What the enhancer declares, the same wherever it runs (in process or in a worker thread). */
export function describeLocalEnhancer(
  options: LocalEnhancerOptions = {},
): Pick<LocalEnhancer, 'model' | 'capability'> {
  const size: EsrganSize = options.model ?? 'slim';
  const weights = esrganPackage(size);
  const model: ModelCapabilities = {
    id: `esrgan-${size}`,
    name: `ESRGAN ${size} (local)`,
    description:
      `An AI model: a learned super-resolution network (the RDN weights that UpscalerJS ships in ${weights}, ` +
      'trained on DIV2K) running on this machine in WebAssembly, tile by tile. Upscales ×2 or ×4; ' +
      'it sharpens edges it can infer but cannot invent detail that is not there.',
    operations: ['ENHANCE'],
    size: null,
    aspectRatios: [],
    maxCount: 1,
    styles: [],
    steps: null,
    supportsNegativePrompt: false,
    supportsSeed: false,
    supportsQuality: false,
    supportsMagicPrompt: false,
    maxPromptLength: 0,
  };
  const capability: EnhanceCapability = {
    scales: ENHANCE_SCALES,
    ai: true,
    note:
      `Learned super-resolution (an AI model, ESRGAN-family weights from ${weights}) running locally in ` +
      'WebAssembly, with no network and no GPU: about 20 s of one core for a ×2 of 1024×1024, 30 s for a ×4, ' +
      'spread over the cores.',
  };
  return { model, capability };
}

/**
 * Super-resolution on this machine: a learned upscaler (an AI model, unlike the procedural
 * renderer) run with TensorFlow.js on WebAssembly, tile by tile. Usable on its own, so a provider
 * whose API has no upscaler can delegate its Enhance here. Decoding, stitching and encoding happen
 * on the calling thread; the tiles run on `tiles` (in this thread unless given a pool). In a
 * server, use createThreadedEnhancer.
 */
export function createLocalEnhancer(
  options: LocalEnhancerOptions = {},
  tiles: TileBackend = inProcessTiles,
): LocalEnhancer {
  const size: EsrganSize = options.model ?? 'slim';
  const tileSize = Math.max(32, Math.round(options.tileSize ?? DEFAULT_TILE));
  const { model, capability } = describeLocalEnhancer(options);

  async function enhance(
    request: EnhanceRequest,
    { signal, onProgress }: RunContext,
  ): Promise<ProviderResult> {
    const started = performance.now();
    throwIfAborted(signal);
    const { scale, source } = request;
    if (!isScale(scale)) {
      throw invalid(`scale must be one of ${ENHANCE_SCALES.join(', ')} (got ${scale})`, 'scale');
    }
    const decoded = await decodeImage(source.bytes).catch(() => {
      throw invalid('The source image cannot be decoded', 'source');
    });
    const { width, height } = decoded;
    if (Math.min(width, height) < MIN_SIDE) {
      throw invalid(`The source image must be at least ${MIN_SIDE} pixels a side`, 'source');
    }
    if (width * height * scale * scale > MAX_OUTPUT_PIXELS) {
      throw invalid(
        `A ×${scale} of ${width}×${height} would be larger than ${MAX_OUTPUT_PIXELS} pixels; ` +
          `the largest ×${scale} source is ${Math.sqrt(MAX_OUTPUT_PIXELS) / scale}² pixels`,
        'source',
      );
    }
    const esrgan = await esrganFacts(size, scale);
    // Each call is its own job in the pool's turn-taking.
    const job = {};
    const upscaled = await upscaleTiles(decoded, {
      scale,
      radius: esrgan.radius,
      tileSize,
      inFlight: tiles.inFlight,
      runTile: (image, tile, stop) => tiles.run(job, { size, scale, image, tile }, stop),
      signal,
      onTile: ({ done, total }) =>
        onProgress({ progress: done / total, stage: `enhancing tile ${done}/${total}` }),
    });
    const bytes =
      decoded.alpha === null
        ? await encodeRgb(upscaled, 'png')
        : await encodeRgba(
            upscaled,
            await resizeGrey(decoded.alpha, decoded, upscaled.width, upscaled.height),
          );
    throwIfAborted(signal);
    const providerMs = Math.round(performance.now() - started);
    return localResult(
      [
        {
          bytes,
          mime: 'image/png',
          width: upscaled.width,
          height: upscaled.height,
          seed: null,
          model: model.id,
          metadata: {
            upscaler: model.id,
            weights: esrgan.source,
            runtime: 'TensorFlow.js WebAssembly backend',
            threads: tiles.threads,
            scale,
            sourceSize: [width, height],
            tileSize,
            tilePadding: esrgan.radius,
            alpha: decoded.alpha === null ? 'none' : 'resized with Lanczos (the model sees RGB only)',
          },
        },
      ],
      providerMs,
    );
  }

  return {
    model,
    capability,
    enhance: (request, context) => guarded('upscaler', context.signal, () => enhance(request, context)),
    warm: () => tiles.warm(size, ENHANCE_SCALES),
  };
}
