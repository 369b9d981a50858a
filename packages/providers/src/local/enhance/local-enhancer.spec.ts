import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../errors';
import type { ProgressUpdate, SourceImage } from '../../image-provider';
import { createLocalProvider } from '../local.provider';
import { decodeImage, encodeRgb, encodeRgba, transformRgb, type RgbImage } from '../pixels';
import { loadEsrganModel } from './esrgan-model';
import { createLocalEnhancer } from './local-enhancer';
import { loadTfjs } from './tfjs-runtime';

const quietly = { signal: new AbortController().signal, onProgress: () => {} };

async function scene(prompt: string, size: number): Promise<RgbImage> {
  const { images } = await createLocalProvider().generate(
    {
      prompt,
      model: 'procedural-v1',
      count: 1,
      params: {
        width: size,
        height: size,
        aspectRatio: null,
        magicPrompt: null,
        quality: 'HIGH',
        style: null,
        negativePrompt: null,
        seed: 3,
        steps: 1,
      },
    },
    quietly,
  );
  return decodeImage(images[0]?.bytes ?? Buffer.alloc(0));
}

const shrink = (image: RgbImage, width: number, height: number) =>
  transformRgb(image, { resize: { width, height, kernel: 'cubic' } });

async function source(image: RgbImage): Promise<SourceImage> {
  return {
    bytes: await encodeRgb(image, 'png'),
    mime: 'image/png',
    width: image.width,
    height: image.height,
  };
}

const meanDifference = (a: RgbImage, b: RgbImage): number => {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / a.data.length;
};

async function enhanced(
  image: RgbImage,
  scale: number,
  tileSize = 192,
  onProgress: (update: ProgressUpdate) => void = () => {},
): Promise<RgbImage> {
  const enhancer = createLocalEnhancer({ tileSize });
  const { images } = await enhancer.enhance(
    { source: await source(image), scale, prompt: null },
    { signal: new AbortController().signal, onProgress },
  );
  return decodeImage(images[0]?.bytes ?? Buffer.alloc(0));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('local enhancer (ESRGAN slim, WebAssembly)', { timeout: 60_000 }, () => {
  it('loads TensorFlow.js, its WebAssembly binary and the weights from disk, never the network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('the network was used'));
    const tf = await loadTfjs();
    const platformFetch = vi.spyOn(tf.env().platform, 'fetch').mockImplementation(() => {
      throw new Error('the network was used');
    });
    const esrgan = await loadEsrganModel('slim', 2);
    expect(esrgan.source).toBe('@upscalerjs/esrgan-slim@1.0.0 models/x2');
    expect(tf.getBackend()).toBe('wasm');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(platformFetch).not.toHaveBeenCalled();
    esrgan.model.dispose();
  });

  it('says plainly that it is an AI model, and what it costs', () => {
    const enhancer = createLocalEnhancer();
    expect(enhancer.capability).toMatchObject({ scales: [2, 4], ai: true });
    expect(enhancer.capability.note).toMatch(/AI model.*@upscalerjs\/esrgan-slim/);
    expect(enhancer.model).toMatchObject({ id: 'esrgan-slim', operations: ['ENHANCE'] });
  });

  it('returns a PNG of exactly ×2 and ×4 the size', async () => {
    const image = await shrink(await scene('a lighthouse on a rocky coast', 256), 64, 48);
    for (const scale of [2, 4]) {
      const enhancer = createLocalEnhancer();
      const result = await enhancer.enhance({ source: await source(image), scale, prompt: null }, quietly);
      const [first] = result.images;
      expect(result).toMatchObject({ withheld: 0, costUsd: 0 });
      expect(first).toMatchObject({ mime: 'image/png', width: 64 * scale, height: 48 * scale, seed: null });
      expect(first?.metadata).toMatchObject({
        weights: `@upscalerjs/esrgan-slim@1.0.0 models/x${scale}`,
        scale,
      });
      const decoded = await decodeImage(first?.bytes ?? Buffer.alloc(0));
      expect([decoded.format, decoded.width, decoded.height]).toEqual(['png', 64 * scale, 48 * scale]);
    }
  });

  it('comes closer to the full-size original than a bicubic upscale does, and is no mere resize', async () => {
    // A rendered city at 256², shrunk to 128² and brought back: the model has to restore the
    // window grid and skyline edges that bicubic smears.
    const original = await scene('a city skyline at night with lit windows', 256);
    const small = await shrink(original, 128, 128);
    const bicubic = await shrink(small, 256, 256);
    const esrgan = await enhanced(small, 2);
    const esrganError = meanDifference(esrgan, original);
    const bicubicError = meanDifference(bicubic, original);
    expect(esrganError).toBeLessThan(bicubicError);
    expect(meanDifference(esrgan, bicubic)).toBeGreaterThan(1);
  });

  it('runs the medium weights when asked', async () => {
    const image = await shrink(await scene('a forest', 256), 32, 32);
    const enhancer = createLocalEnhancer({ model: 'medium' });
    expect(enhancer.model.id).toBe('esrgan-medium');
    const { images } = await enhancer.enhance(
      { source: await source(image), scale: 2, prompt: null },
      quietly,
    );
    expect(images[0]).toMatchObject({ width: 64, height: 64, model: 'esrgan-medium' });
    expect(images[0]?.metadata['weights']).toBe('@upscalerjs/esrgan-medium@1.0.0 models/x2');
  });

  it('stitches tiles without seams: a tiled run matches a single-tile run', async () => {
    const image = await shrink(await scene('snowy mountains over a lake', 256), 96, 96);
    const whole = await enhanced(image, 2, 96);
    const tiled = await enhanced(image, 2, 32);
    expect(meanDifference(tiled, whole)).toBeLessThan(0.05);
    // Along the cut lines too, where a seam would show.
    let worst = 0;
    for (let y = 0; y < 192; y++) {
      for (const x of [63, 64, 127, 128]) {
        const i = (y * 192 + x) * 3;
        for (let c = 0; c < 3; c++) {
          worst = Math.max(worst, Math.abs((tiled.data[i + c] ?? 0) - (whole.data[i + c] ?? 0)));
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('reports progress once per tile, in order, ending at 1', async () => {
    const image = await shrink(await scene('a forest', 256), 96, 64);
    const updates: ProgressUpdate[] = [];
    await enhanced(image, 2, 32, (update) => updates.push(update));
    expect(updates.map((update) => update.stage)).toEqual(
      Array.from({ length: 6 }, (_, i) => `enhancing tile ${i + 1}/6`),
    );
    expect(updates.map((update) => update.progress)).toEqual([1, 2, 3, 4, 5, 6].map((done) => done / 6));
  });

  it('stops between tiles with CANCELED when aborted', async () => {
    const image = await shrink(await scene('a forest', 256), 96, 96);
    const controller = new AbortController();
    let updates = 0;
    const run = createLocalEnhancer({ tileSize: 32 }).enhance(
      { source: await source(image), scale: 2, prompt: null },
      {
        signal: controller.signal,
        onProgress: () => {
          updates++;
          if (updates === 3) controller.abort();
        },
      },
    );
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('CANCELED');
    expect(updates).toBe(3);
  });

  it('frees every tensor it makes: memory does not grow with the number of tiles', async () => {
    const tf = await loadTfjs();
    const image = await shrink(await scene('a forest', 256), 96, 96);
    await enhanced(image, 2, 32);
    const before = tf.memory();
    await enhanced(image, 2, 32);
    await enhanced(image, 2, 24);
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
  });

  it('keeps transparency, resizing the alpha channel alongside', async () => {
    const rgb = await shrink(await scene('a meadow', 256), 32, 32);
    const alpha = Buffer.alloc(32 * 32, 255);
    alpha.fill(0, 0, 32 * 8);
    const bytes = await encodeRgba(rgb, alpha);
    const { images } = await createLocalEnhancer().enhance(
      { source: { bytes, mime: 'image/png', width: 32, height: 32 }, scale: 2, prompt: null },
      quietly,
    );
    const decoded = await decodeImage(images[0]?.bytes ?? Buffer.alloc(0));
    expect(decoded.alpha?.[0]).toBe(0);
    expect(decoded.alpha?.[64 * 63]).toBe(255);
  });

  it('rejects scales it has no weights for and sources that would be too large', async () => {
    const image = await shrink(await scene('a forest', 256), 32, 32);
    const enhancer = createLocalEnhancer();
    await expect(
      enhancer.enhance({ source: await source(image), scale: 3, prompt: null }, quietly),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'scale' },
    });
    const huge = { ...(await source(image)), width: 2048, height: 2048 };
    const big = await transformRgb(image, { resize: { width: 1100, height: 1100, kernel: 'nearest' } });
    await expect(
      enhancer.enhance(
        {
          source: { ...huge, bytes: await encodeRgb(big, 'png'), width: 1100, height: 1100 },
          scale: 4,
          prompt: null,
        },
        quietly,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'source' } });
  });
});
