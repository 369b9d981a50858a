import { describe, expect, it } from 'vitest';
import type { GenerationParams, ProgressUpdate, SourceImage, VariationStrength } from '../image-provider';
import { createLocalProvider } from './local.provider';
import { meanDifference, painted, params, pixelsOf, quietly, rendered, sourceOf } from './test-images';

const provider = createLocalProvider();
const PROMPT = 'a lighthouse on a rocky coast at sunset with boats';

function vary(
  source: SourceImage,
  strength: VariationStrength,
  count = 1,
  overrides: Partial<GenerationParams> = {},
  onProgress: (update: ProgressUpdate) => void = () => {},
) {
  return provider.vary(
    {
      prompt: PROMPT,
      model: 'procedural-v1',
      count,
      params: params({ seed: 9, ...overrides }),
      source,
      strength,
    },
    { signal: quietly.signal, onProgress },
  );
}

describe('variations (seed and parameter perturbation, not AI)', () => {
  it("paints variations at the source's size, the same ones every time", async () => {
    const source = await rendered(PROMPT, { seed: 9, width: 384, height: 256 });
    const updates: ProgressUpdate[] = [];
    const first = await vary(source, 'SUBTLE', 2, {}, (update) => updates.push(update));
    const again = await vary(source, 'SUBTLE', 2);
    expect(first.images).toHaveLength(2);
    for (const [index, image] of first.images.entries()) {
      expect(image).toMatchObject({ mime: 'image/png', width: 384, height: 256, model: 'procedural-v1' });
      expect(image.bytes.equals(again.images[index]?.bytes ?? Buffer.alloc(0))).toBe(true);
    }
    expect(first.images[0]?.bytes.equals(first.images[1]?.bytes ?? Buffer.alloc(0))).toBe(false);
    expect(updates.at(-1)?.progress).toBe(1);
    expect(updates[0]?.preview?.mime).toBe('image/webp');
  });

  it('recognises its own picture and keeps it closer with SUBTLE than with STRONG', async () => {
    const source = await rendered(PROMPT, { seed: 9 });
    const original = await pixelsOf(source.bytes);
    const subtle = await vary(source, 'SUBTLE', 3);
    const strong = await vary(source, 'STRONG', 3);
    expect(subtle.images[0]?.metadata['variation']).toMatchObject({
      sourceRecognised: true,
      strength: 'SUBTLE',
    });
    const distance = async (images: typeof subtle.images) => {
      let sum = 0;
      for (const image of images) sum += meanDifference(await pixelsOf(image.bytes), original);
      return sum / images.length;
    };
    const near = await distance(subtle.images);
    const far = await distance(strong.images);
    expect(near).toBeGreaterThan(0.5);
    expect(near).toBeLessThan(far / 2);
  });

  it('gives STRONG variations a seed that Generate repaints exactly', async () => {
    const source = await rendered(PROMPT, { seed: 9 });
    const [image] = (await vary(source, 'STRONG')).images;
    const seed = image?.seed ?? -1;
    expect(seed).not.toBe(9);
    const repainted = await rendered(PROMPT, { seed });
    expect(image?.bytes.equals(repainted.bytes)).toBe(true);
  });

  it('paints from the prompt, in the source colours, when the source is not one of ours', async () => {
    const foreign = await sourceOf(painted(256, 256, (x, y) => [40 + (y >> 2), 150, 60 + (x >> 3)]));
    const [image] = (await vary(foreign, 'SUBTLE')).images;
    expect(image?.metadata['variation']).toMatchObject({ sourceRecognised: false });
    const plain = await rendered(PROMPT, { seed: 9 });
    const out = await pixelsOf(image?.bytes ?? Buffer.alloc(0));
    // Closer to the source's greens than our own render of the prompt is.
    const target = await pixelsOf(foreign.bytes);
    expect(meanDifference(out, target)).toBeLessThan(meanDifference(await pixelsOf(plain.bytes), target));
  });
});
