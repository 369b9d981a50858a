import type { Tensor4D } from '@tensorflow/tfjs';
import { throwIfAborted } from '../../errors';
import type { RgbImage } from '../pixels';
import type { EsrganModel } from './esrgan-model';
import { planTiles, type Rect, type Tile } from './tiles';

export interface TileProgress {
  done: number;
  total: number;
  tile: Tile;
}

export interface UpscaleOptions {
  /** Longest side of a tile's core, in source pixels. */
  tileSize: number;
  signal: AbortSignal;
  onTile: (progress: TileProgress) => void;
}

/** The padded region as floats in 0..255, the range these networks were trained on. */
function cropToFloat(image: RgbImage, rect: Rect): Float32Array {
  const out = new Float32Array(rect.width * rect.height * 3);
  for (let row = 0; row < rect.height; row++) {
    const from = ((rect.y + row) * image.width + rect.x) * 3;
    out.set(image.data.subarray(from, from + rect.width * 3), row * rect.width * 3);
  }
  return out;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Super-resolves `image` tile by tile. Each tile is padded by the model's receptive radius, so
 * cropping the padding off its output gives exactly what a whole-image pass would: no blending is
 * needed and no seam can appear. Memory stays at one tile's activations however large the image.
 * Between tiles it yields to the event loop (a tile is one synchronous WebAssembly call) and
 * checks for cancellation.
 */
export async function upscaleTiles(
  esrgan: EsrganModel,
  image: RgbImage,
  options: UpscaleOptions,
): Promise<RgbImage> {
  const { tf, model, scale, radius } = esrgan;
  const width = image.width * scale;
  const height = image.height * scale;
  const output = Buffer.alloc(width * height * 3);
  // Float → byte with rounding and clamping done by the typed array itself.
  const clamped = new Uint8ClampedArray(output.buffer, output.byteOffset, output.byteLength);
  const tiles = planTiles(image.width, image.height, options.tileSize, radius);

  for (const [index, tile] of tiles.entries()) {
    throwIfAborted(options.signal);
    const { core, padded } = tile;
    const pixels = tf.tidy(() => {
      const input = tf.tensor4d(cropToFloat(image, padded), [1, padded.height, padded.width, 3]);
      const result = model.predict(input) as Tensor4D;
      return result.slice(
        [0, (core.y - padded.y) * scale, (core.x - padded.x) * scale, 0],
        [1, core.height * scale, core.width * scale, 3],
      );
    });
    const values = pixels.dataSync();
    pixels.dispose();
    const rowLength = core.width * scale * 3;
    for (let row = 0; row < core.height * scale; row++) {
      const to = ((core.y * scale + row) * width + core.x * scale) * 3;
      clamped.set(values.subarray(row * rowLength, (row + 1) * rowLength), to);
    }
    options.onTile({ done: index + 1, total: tiles.length, tile });
    await nextTurn();
  }
  throwIfAborted(options.signal);
  return { data: output, width, height };
}
