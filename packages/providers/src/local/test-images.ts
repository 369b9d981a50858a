// Helpers for the specs: pictures made by our own renderer, and pixel comparisons.
import { expect } from 'vitest';
import type { GenerationParams, SourceImage } from '../image-provider';
import { createLocalProvider } from './local.provider';
import { decodeImage, encodeRgb, type RgbImage } from './pixels';

export const quietly = { signal: new AbortController().signal, onProgress: () => {} };

export const params = (overrides: Partial<GenerationParams> = {}): GenerationParams => ({
  width: 256,
  height: 256,
  aspectRatio: null,
  magicPrompt: null,
  quality: 'STANDARD',
  style: null,
  negativePrompt: null,
  seed: 42,
  steps: 1,
  ...overrides,
});

/** One of our renders, as the API would hand it back as a source image. */
export async function rendered(
  prompt: string,
  overrides: Partial<GenerationParams> = {},
): Promise<SourceImage> {
  const p = params(overrides);
  const { images } = await createLocalProvider().generate(
    { prompt, model: 'procedural-v1', count: 1, params: p },
    quietly,
  );
  return {
    bytes: images[0]?.bytes ?? Buffer.alloc(0),
    mime: 'image/png',
    width: p.width ?? 0,
    height: p.height ?? 0,
  };
}

export async function sourceOf(image: RgbImage): Promise<SourceImage> {
  return {
    bytes: await encodeRgb(image, 'png'),
    mime: 'image/png',
    width: image.width,
    height: image.height,
  };
}

/** A flat-colour picture, or one painted by `paint(x, y)`. */
export function painted(
  width: number,
  height: number,
  paint: (x: number, y: number) => [number, number, number],
): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 3);
  }
  return { data, width, height };
}

export const pixelsOf = (bytes: Buffer): Promise<RgbImage> => decodeImage(bytes);

/** Mean absolute difference per channel, 0..255. */
export function meanDifference(a: RgbImage, b: RgbImage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / a.data.length;
}

export function meanColour(image: RgbImage): [number, number, number] {
  const sum = [0, 0, 0];
  for (let i = 0; i < image.data.length; i += 3) {
    for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (image.data[i + c] ?? 0);
  }
  const n = image.data.length / 3;
  return [(sum[0] ?? 0) / n, (sum[1] ?? 0) / n, (sum[2] ?? 0) / n];
}
