import type { Tensor4D } from '@tensorflow/tfjs';
import type { RgbImage } from '../pixels';
import type { EsrganModel } from './esrgan-model';
import type { Rect, Tile } from './tiles';

/** The padded region's RGB bytes, row after row: what a tile's model call is given. */
export function cropTile(image: RgbImage, { padded }: Tile): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(padded.width * padded.height * 3);
  for (let row = 0; row < padded.height; row++) {
    const from = ((padded.y + row) * image.width + padded.x) * 3;
    out.set(image.data.subarray(from, from + padded.width * 3), row * padded.width * 3);
  }
  return out;
}

/**
 * Super-resolves one padded crop and keeps only its core: `scale`× the core's size in RGB bytes.
 * The crop goes in as floats in 0..255 (the range these networks were trained on); floats come
 * back to bytes with rounding and clamping done by a Uint8ClampedArray, wherever this runs.
 */
export function predictTile(esrgan: EsrganModel, crop: Uint8Array, { core, padded }: Tile): Uint8Array {
  const { tf, model, scale } = esrgan;
  const pixels = tf.tidy(() => {
    const input = tf.tensor4d(Float32Array.from(crop), [1, padded.height, padded.width, 3]);
    const result = model.predict(input) as Tensor4D;
    return result.slice(
      [0, (core.y - padded.y) * scale, (core.x - padded.x) * scale, 0],
      [1, core.height * scale, core.width * scale, 3],
    );
  });
  const values = pixels.dataSync();
  pixels.dispose();
  const out = new Uint8Array(values.length);
  new Uint8ClampedArray(out.buffer).set(values);
  return out;
}

/** Copies a tile's upscaled core into the output image, row by row. */
export function pasteTile(output: RgbImage, core: Rect, scale: number, pixels: Uint8Array): void {
  const rowLength = core.width * scale * 3;
  for (let row = 0; row < core.height * scale; row++) {
    const to = ((core.y * scale + row) * output.width + core.x * scale) * 3;
    output.data.set(pixels.subarray(row * rowLength, (row + 1) * rowLength), to);
  }
}
