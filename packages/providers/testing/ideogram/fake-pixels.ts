import { encodePng } from '../../src/ideogram/png-encode';
import type { ProviderImage } from '../../src/image-provider';
import { createLocalProvider } from '../../src/local/local.provider';
import { decodeImage } from '../../src/local/pixels';

/** Interleaved 8-bit pixels. */
export interface Pixels {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Buffer;
}

const local = createLocalProvider();
const LOCAL_MODEL = 'procedural-v1';
const LOCAL_MAX_PROMPT = 4000;
let fallbackWarned = false;

export async function decodePixels(bytes: Buffer): Promise<Pixels> {
  const decoded = await decodeImage(bytes);
  return { width: decoded.width, height: decoded.height, channels: 3, data: decoded.data };
}

export async function measure(bytes: Buffer): Promise<{ width: number; height: number }> {
  const { width, height } = await decodeImage(bytes);
  return { width, height };
}

export function toPng(pixels: Pixels): Buffer {
  // Level 1: the fake serves many large images and compression ratio hardly matters on loopback.
  return encodePng(pixels, 1);
}

/** Bilinear resampling to any size (RGB or RGBA). */
export function resize(source: Pixels, width: number, height: number): Pixels {
  if (source.width === width && source.height === height) return source;
  const { channels, data } = source;
  const out = Buffer.alloc(width * height * channels);
  const axis = (to: number, from: number) => {
    const low = new Int32Array(to);
    const high = new Int32Array(to);
    const t = new Float32Array(to);
    for (let i = 0; i < to; i++) {
      const f = Math.max(0, ((i + 0.5) * from) / to - 0.5);
      low[i] = Math.min(from - 1, Math.floor(f));
      high[i] = Math.min(from - 1, low[i]! + 1);
      t[i] = f - low[i]!;
    }
    return { low, high, t };
  };
  const xs = axis(width, source.width);
  const ys = axis(height, source.height);
  const stride = source.width * channels;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const row0 = ys.low[y]! * stride;
    const row1 = ys.high[y]! * stride;
    const ty = ys.t[y]!;
    for (let x = 0; x < width; x++) {
      const c0 = xs.low[x]! * channels;
      const c1 = xs.high[x]! * channels;
      const tx = xs.t[x]!;
      for (let c = 0; c < channels; c++) {
        const a = data[row0 + c0 + c]!;
        const b = data[row0 + c1 + c]!;
        const top = a + (b - a) * tx;
        const d = data[row1 + c0 + c]!;
        const e = data[row1 + c1 + c]!;
        out[o++] = Math.round(top + (d + (e - d) * tx - top) * ty);
      }
    }
  }
  return { width, height, channels, data: out };
}

/** Nearest-neighbour resampling: blocky, but cheap enough to blow a small test render up to full size. */
export function resizeNearest(source: Pixels, width: number, height: number): Pixels {
  const { channels, data } = source;
  const out = Buffer.alloc(width * height * channels);
  const rowBytes = width * channels;
  const columns = Int32Array.from({ length: width }, (_, x) =>
    Math.min(source.width - 1, Math.floor(((x + 0.5) * source.width) / width)),
  );
  let previous = -1;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(source.height - 1, Math.floor(((y + 0.5) * source.height) / height));
    if (sy === previous) {
      out.copy(out, y * rowBytes, (y - 1) * rowBytes, y * rowBytes);
      continue;
    }
    previous = sy;
    let o = y * rowBytes;
    for (let x = 0; x < width; x++) {
      const i = (sy * source.width + columns[x]!) * channels;
      for (let c = 0; c < channels; c++) out[o++] = data[i + c]!;
    }
  }
  return { width, height, channels, data: out };
}

/** Crops to the target's shape around the centre, then resizes (how remix treats its input). */
export function cover(source: Pixels, width: number, height: number): Pixels {
  const scale = Math.max(width / source.width, height / source.height);
  const cropW = Math.min(source.width, Math.round(width / scale));
  const cropH = Math.min(source.height, Math.round(height / scale));
  const left = Math.floor((source.width - cropW) / 2);
  const top = Math.floor((source.height - cropH) / 2);
  const { channels } = source;
  const cropped = Buffer.alloc(cropW * cropH * channels);
  for (let y = 0; y < cropH; y++) {
    const start = ((top + y) * source.width + left) * channels;
    source.data.copy(cropped, y * cropW * channels, start, start + cropW * channels);
  }
  return resize({ width: cropW, height: cropH, channels, data: cropped }, width, height);
}

/** Per pixel: `weight(x, y)` of `over` on top of `base` (both RGB, same size). */
export function mix(base: Pixels, over: Pixels, weight: (x: number, y: number) => number): Pixels {
  const out = Buffer.alloc(base.data.length);
  for (let y = 0; y < base.height; y++) {
    for (let x = 0; x < base.width; x++) {
      const w = weight(x, y);
      for (let c = 0; c < 3; c++) {
        const i = (y * base.width + x) * 3 + c;
        out[i] = Math.round((base.data[i] ?? 0) * (1 - w) + (over.data[i] ?? 0) * w);
      }
    }
  }
  return { ...base, data: out };
}

/** An RGBA copy with a soft elliptical subject and a transparent background. */
export function cutOut(source: Pixels): Pixels {
  const { width, height } = source;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x + 0.5 - width / 2) / (width * 0.4);
      const dy = (y + 0.5 - height / 2) / (height * 0.4);
      const d = Math.sqrt(dx * dx + dy * dy);
      const i = y * width + x;
      source.data.copy(data, i * 4, i * 3, i * 3 + 3);
      data[i * 4 + 3] = d <= 0.9 ? 255 : d >= 1 ? 0 : Math.round(((1 - d) / 0.1) * 255);
    }
  }
  return { width, height, channels: 4, data };
}

const snap = (value: number): number => Math.min(2048, Math.max(256, Math.round(value / 64) * 64));

async function renderLocal(prompt: string, seed: number, width: number, height: number): Promise<Buffer> {
  const result: unknown = await local.generate(
    {
      prompt: prompt.trim().slice(0, LOCAL_MAX_PROMPT) || 'a quiet landscape',
      model: LOCAL_MODEL,
      count: 1,
      params: {
        width,
        height,
        aspectRatio: null,
        quality: 'DRAFT',
        style: null,
        negativePrompt: null,
        seed,
        steps: 1,
        magicPrompt: null,
      },
    },
    { signal: new AbortController().signal, onProgress: () => undefined },
  );
  // The local provider is moving from ProviderImage[] to ProviderResult; accept either.
  const images = (
    Array.isArray(result) ? result : (result as { images: ProviderImage[] }).images
  ) as ProviderImage[];
  const bytes = images[0]?.bytes;
  if (!bytes) throw new Error('the local renderer returned no image');
  return bytes;
}

/** A plain seeded gradient, only while the local renderer cannot be used. */
function gradient(seed: number, width: number, height: number): Pixels {
  const data = Buffer.alloc(width * height * 3);
  const hue = (seed % 360) / 360;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round(255 * ((hue + x / width / 2) % 1));
      data[i + 1] = Math.round((255 * y) / height);
      data[i + 2] = Math.round(255 * (1 - hue));
    }
  }
  return { width, height, channels: 3, data };
}

/**
 * A real picture for `prompt` at exactly width×height, painted by the local procedural renderer at
 * `scale` of that size (its sizes are multiples of 64) and resampled. Returns PNG bytes and pixels.
 */
export async function renderScene(
  prompt: string,
  seed: number,
  width: number,
  height: number,
  scale: number,
): Promise<{ png: Buffer; pixels: () => Promise<Pixels> }> {
  const renderW = snap(width * scale);
  const renderH = snap(height * scale);
  let bytes: Buffer;
  try {
    bytes = await renderLocal(prompt, seed, renderW, renderH);
  } catch (error) {
    if (!fallbackWarned) {
      fallbackWarned = true;
      console.warn(`Ideogram fake: local renderer unavailable (${String(error)}); serving gradients instead`);
    }
    const pixels = gradient(seed, width, height);
    return { png: toPng(pixels), pixels: async () => pixels };
  }
  if (renderW === width && renderH === height) return { png: bytes, pixels: () => decodePixels(bytes) };
  const rendered = await decodePixels(bytes);
  const pixels =
    rendered.width < width && rendered.height < height
      ? resizeNearest(rendered, width, height)
      : resize(rendered, width, height);
  return { png: toPng(pixels), pixels: async () => pixels };
}

const colourNames: [string, [number, number, number]][] = [
  ['red', [200, 40, 40]],
  ['orange', [230, 140, 40]],
  ['yellow', [230, 210, 60]],
  ['green', [60, 160, 70]],
  ['teal', [40, 150, 150]],
  ['blue', [50, 90, 200]],
  ['purple', [130, 60, 170]],
  ['pink', [230, 130, 180]],
  ['brown', [120, 80, 50]],
  ['grey', [128, 128, 128]],
  ['black', [20, 20, 20]],
  ['white', [240, 240, 240]],
];

/** The colour name closest to the picture's average, for /describe. */
export function dominantColour(pixels: Pixels): string {
  const sum = [0, 0, 0];
  const step = Math.max(1, Math.floor((pixels.width * pixels.height) / 4096));
  let n = 0;
  for (let p = 0; p < pixels.width * pixels.height; p += step, n++) {
    for (let c = 0; c < 3; c++) sum[c]! += pixels.data[p * pixels.channels + c] ?? 0;
  }
  const mean = sum.map((s) => s / Math.max(1, n));
  let best = 'grey';
  let bestDistance = Infinity;
  for (const [name, rgb] of colourNames) {
    const distance = rgb.reduce((d, v, c) => d + (v - (mean[c] ?? 0)) ** 2, 0);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** `over` drawn onto a copy of `base` with its top-left corner at (left, top); both RGB. */
export function paste(base: Pixels, over: Pixels, left: number, top: number): Pixels {
  const data = Buffer.from(base.data);
  for (let y = 0; y < over.height; y++) {
    const ty = top + y;
    if (ty < 0 || ty >= base.height) continue;
    for (let x = 0; x < over.width; x++) {
      const tx = left + x;
      if (tx < 0 || tx >= base.width) continue;
      over.data.copy(
        data,
        (ty * base.width + tx) * 3,
        (y * over.width + x) * 3,
        (y * over.width + x) * 3 + 3,
      );
    }
  }
  return { ...base, data };
}
