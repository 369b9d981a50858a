import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors';
import type { GenerateRequest, GenerationParams, ProgressUpdate } from '../image-provider';
import { createLocalProvider } from './local.provider';
import { readPrompt } from './prompt-reader';
import { decodeImage } from './pixels';
import { planScene } from './scene-plan';
import { sceneLayers } from './scene-layers';
import { styleLooks } from './styles';

const provider = createLocalProvider();

function request(prompt: string, params: Partial<GenerationParams> = {}, count = 1): GenerateRequest {
  return {
    prompt,
    model: 'procedural-v1',
    count,
    params: {
      width: 256,
      height: 256,
      aspectRatio: null,
      magicPrompt: null,
      quality: 'STANDARD',
      style: null,
      negativePrompt: null,
      seed: 42,
      steps: 5,
      ...params,
    },
  };
}

const quietly = { signal: new AbortController().signal, onProgress: () => {} };

async function render(prompt: string, params: Partial<GenerationParams> = {}): Promise<Buffer> {
  const {
    images: [image],
  } = await provider.generate(request(prompt, params), quietly);
  if (image === undefined) throw new Error('no image');
  return image.bytes;
}

/** Mean absolute difference per channel, 0..255: how different two pictures look overall. */
async function difference(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([decodeImage(a), decodeImage(b)]);
  expect([x.width, x.height]).toEqual([y.width, y.height]);
  let sum = 0;
  for (let i = 0; i < x.data.length; i++) sum += Math.abs((x.data[i] ?? 0) - (y.data[i] ?? 0));
  return sum / x.data.length;
}

describe('local provider', () => {
  it('describes itself honestly and is always available', () => {
    expect(provider.id).toBe('local');
    expect(provider.displayName).toBe('Local (procedural)');
    expect(provider.description).toMatch(/not an AI model/);
    expect(provider.availability()).toEqual({ available: true, reason: null });
    const { models, defaultModel } = provider.capabilities;
    expect(defaultModel).toBe('procedural-v1');
    expect(models.filter((m) => m.operations.includes('GENERATE')).map((m) => m.id)).toEqual([
      'procedural-v1',
    ]);
    expect(models[0]?.styles).toContain('noir');
    expect(models[0]?.aspectRatios).toEqual([]);
    expect(models[0]?.supportsMagicPrompt).toBe(false);
  });

  it('paints the same picture, byte for byte, for the same request', async () => {
    const params = { seed: 7, negativePrompt: 'clouds', style: 'photographic', quality: 'HIGH' as const };
    const first = await render('a calm sea at sunset with golden light', params);
    const second = await render('a calm sea at sunset with golden light', params);
    expect(first.equals(second)).toBe(true);
  });

  it('paints a different picture for a different seed', async () => {
    const a = await render('a calm sea at sunset', { seed: 1 });
    const b = await render('a calm sea at sunset', { seed: 2 });
    expect(await difference(a, b)).toBeGreaterThan(4);
  });

  it('paints different pictures for different prompts, even with no word it knows', async () => {
    const a = await render('xyzzy plugh');
    const b = await render('frobozz quux');
    expect(await difference(a, b)).toBeGreaterThan(6);
  });

  it('returns PNGs of exactly the requested size', async () => {
    const {
      images: [image],
    } = await provider.generate(request('a lighthouse on the coast', { width: 384, height: 256 }), quietly);
    expect(image?.mime).toBe('image/png');
    expect([image?.width, image?.height]).toEqual([384, 256]);
    const decoded = await decodeImage(image?.bytes ?? Buffer.alloc(0));
    expect([decoded.format, decoded.width, decoded.height]).toEqual(['png', 384, 256]);
  });

  it('returns one image per count, each with its own seed', async () => {
    const { images } = await provider.generate(request('snowy forest at dawn', { seed: 100 }, 3), quietly);
    expect(images.map((image) => image.seed)).toEqual([100, 101, 102]);
    expect(images.every((image) => image.model === 'procedural-v1')).toBe(true);
    expect(images[0]?.bytes.equals(images[1]?.bytes ?? Buffer.alloc(0))).toBe(false);
    const alone = await render('snowy forest at dawn', { seed: 101 });
    expect(images[1]?.bytes.equals(alone)).toBe(true);
  });

  it('records what it recognised in the metadata', async () => {
    const {
      images: [image],
    } = await provider.generate(request('red desert dunes under a purple sky'), quietly);
    expect(image?.metadata['recognised']).toEqual(['red', 'desert', 'dune', 'purple', 'sky']);
    expect(image?.metadata['palette']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^#[0-9a-f]{6}$/)]),
    );
  });

  it('reports monotonic progress with evolving previews, at least five times, ending at 1', async () => {
    for (const [steps, count] of [
      [1, 1],
      [12, 2],
    ] as const) {
      const updates: ProgressUpdate[] = [];
      await provider.generate(request('stormy night over a mountain lake', { steps }, count), {
        signal: new AbortController().signal,
        onProgress: (update) => updates.push(update),
      });
      expect(updates.length).toBeGreaterThanOrEqual(Math.max(5, steps * count));
      const progress = updates.map((update) => update.progress);
      expect(progress.every((value, i) => i === 0 || value > (progress[i - 1] ?? 0))).toBe(true);
      expect(progress.at(-1)).toBe(1);
      for (const update of updates) {
        const preview = await decodeImage(update.preview?.bytes ?? Buffer.alloc(0));
        expect(Math.max(preview.width, preview.height)).toBeLessThanOrEqual(128);
        expect(update.preview?.bytes.length).toBeLessThan(16_000);
      }
      const first = updates[0]?.preview?.bytes ?? Buffer.alloc(0);
      const last = updates.at(-1)?.preview?.bytes ?? Buffer.alloc(0);
      expect(await difference(first, last)).toBeGreaterThan(3);
      if (count > 1) expect(updates[steps]?.stage).toMatch(/^image 2 of 2 · step 1\/12/);
    }
  });

  it('paints the same pictures on its rendering threads as one by one', async () => {
    const parallel = createLocalProvider({ parallelImages: 4 });
    const together = await parallel.generate(request('a harbour at dawn', { steps: 4 }, 4), quietly);
    const alone = await provider.generate(request('a harbour at dawn', { steps: 4 }, 4), quietly);
    expect(together.images.map((image) => image.seed)).toEqual([42, 43, 44, 45]);
    expect(together.images.map((image) => image.bytes)).toEqual(alone.images.map((image) => image.bytes));
    // Starting four threads that each load TypeScript takes a while on a busy machine.
  }, 60_000);

  it('takes at least stepDelayMs per step', async () => {
    const slow = createLocalProvider({ stepDelayMs: 30 });
    const started = Date.now();
    await slow.generate(request('a meadow', { steps: 6 }), quietly);
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 30 - 5);
  });

  it('stops promptly with CANCELED when aborted mid-run', async () => {
    const slow = createLocalProvider({ stepDelayMs: 20 });
    const controller = new AbortController();
    let updates = 0;
    let abortedAt = 0;
    const run = slow.generate(request('neon city skyline at night', { steps: 50 }, 4), {
      signal: controller.signal,
      onProgress: () => {
        updates++;
        if (updates === 3) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('CANCELED');
    expect(Date.now() - abortedAt).toBeLessThan(150);
    expect(updates).toBe(3);
  });

  it('hands over each picture as it is finished, before a cancel stops the rest', async () => {
    const slow = createLocalProvider({ stepDelayMs: 5 });
    const controller = new AbortController();
    const finished: { index: number; seed: number | null; width?: number }[] = [];
    const run = slow.generate(request('a quiet harbour at dawn', { steps: 5 }, 4), {
      signal: controller.signal,
      onProgress: () => {},
      onImage: (image, index) => {
        finished.push({ index, seed: image.seed, width: image.width });
        if (finished.length === 2) controller.abort();
      },
    });
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as ProviderError).code).toBe('CANCELED');
    expect(finished).toEqual([
      { index: 0, seed: 42, width: 256 },
      { index: 1, seed: 43, width: 256 },
    ]);
  });

  it('refuses an already aborted job', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      provider.generate(request('sea'), { signal: controller.signal, onProgress: () => {} }),
    ).rejects.toMatchObject({
      code: 'CANCELED',
    });
  });

  it('leaves out what the negative prompt names', async () => {
    const withSun = await render('sun over the sea', { seed: 5 });
    const withoutSun = await render('sun over the sea', { seed: 5, negativePrompt: 'sun' });
    expect(await difference(withSun, withoutSun)).toBeGreaterThan(2);

    const description = readPrompt('sun over the sea', 'sun');
    expect(description.features.has('sun')).toBe(false);
    const plan = planScene({
      description,
      seed: 5,
      width: 256,
      height: 256,
      quality: 'STANDARD',
      look: styleLooks.none,
    });
    expect(plan.celestial?.kind).not.toBe('sun');
    expect(sceneLayers(plan).map((layer) => layer.name)).not.toContain('sun');
  });

  it('removes default clouds too, not only named ones', () => {
    for (let seed = 0; seed < 20; seed++) {
      const plan = planScene({
        description: readPrompt('a quiet valley', 'clouds'),
        seed,
        width: 256,
        height: 256,
        quality: 'STANDARD',
        look: styleLooks.none,
      });
      expect(plan.features.has('cloud')).toBe(false);
    }
  });

  it('paints noir in greys, unlike the plain style', async () => {
    const noir = await render('red desert dunes under a purple sky', { style: 'noir' });
    const plain = await render('red desert dunes under a purple sky', { style: 'none' });
    const pixels = await decodeImage(noir);
    let spread = 0;
    for (let i = 0; i < pixels.data.length; i += 3) {
      const [r, g, b] = [pixels.data[i] ?? 0, pixels.data[i + 1] ?? 0, pixels.data[i + 2] ?? 0];
      spread = Math.max(spread, Math.max(r, g, b) - Math.min(r, g, b));
    }
    expect(spread).toBeLessThanOrEqual(2);
    expect(await difference(noir, plain)).toBeGreaterThan(15);
  });

  it('gives every style its own look at the requested size', async () => {
    const plain = await render('a lighthouse on a rocky coast at sunset', { style: 'none' });
    for (const style of (provider.capabilities.models[0]?.styles ?? []).filter((s) => s !== 'none')) {
      const bytes = await render('a lighthouse on a rocky coast at sunset', { style });
      const decoded = await decodeImage(bytes);
      expect([decoded.width, decoded.height]).toEqual([256, 256]);
      expect(await difference(bytes, plain), style).toBeGreaterThan(4);
    }
  });

  it('draws more detail at HIGH quality than at DRAFT', () => {
    const size = (quality: 'DRAFT' | 'HIGH'): number => {
      const plan = planScene({
        description: readPrompt('a starry night over a pine forest'),
        seed: 3,
        width: 512,
        height: 512,
        quality,
        look: styleLooks.none,
      });
      return sceneLayers(plan)
        .filter((layer) => layer.name === 'stars' || layer.name === 'forest')
        .reduce((sum, layer) => sum + layer.body.length, 0);
    };
    expect(size('HIGH')).toBeGreaterThan(size('DRAFT') * 2);
  });

  it('rejects requests outside its capabilities', async () => {
    const reject = (r: GenerateRequest) => provider.generate(r, quietly);
    await expect(reject(request('sea', { width: 300 }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(reject(request('sea', { style: 'cubist' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(reject({ ...request('sea'), model: 'dall-e' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(reject(request('sea', {}, 9))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(reject(request('   '))).rejects.toMatchObject({ code: 'INVALID_PROMPT' });
    await expect(reject(request('sea', { width: null, aspectRatio: '1:1' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
