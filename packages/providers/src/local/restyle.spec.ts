import { describe, expect, it } from 'vitest';
import type { RestyleRequest, SourceImage } from '../image-provider';
import { createLocalProvider } from './local.provider';
import { readStyleText } from './restyle-look';
import {
  meanColour,
  meanDifference,
  painted,
  params,
  pixelsOf,
  quietly,
  rendered,
  sourceOf,
} from './test-images';

const provider = createLocalProvider();

const restyle = (
  source: SourceImage,
  styleText: string | null,
  styleReference: SourceImage | null = null,
) => {
  const request: RestyleRequest = {
    prompt: 'a lighthouse on a rocky coast',
    model: 'procedural-v1',
    count: 1,
    params: params(),
    source,
    styleText,
    styleReference,
  };
  return provider.restyle(request, quietly);
};

const bytesOf = async (source: SourceImage, text: string | null, reference: SourceImage | null = null) =>
  (await restyle(source, text, reference)).images[0]?.bytes ?? Buffer.alloc(0);

describe('restyle (colour and tone transforms, not AI)', () => {
  it('says what it is', () => {
    expect(provider.capabilities.restyle).toMatchObject({ fromText: true, fromReference: true });
    expect(provider.capabilities.restyle?.note).toMatch(/not AI/);
  });

  it("transforms the source's own pixels at the source's size, deterministically", async () => {
    const source = await rendered('a lighthouse on a rocky coast at sunset', { width: 384, height: 256 });
    const first = await restyle(source, 'vintage');
    const again = await bytesOf(source, 'vintage');
    const [image] = first.images;
    expect(image).toMatchObject({ mime: 'image/png', width: 384, height: 256 });
    expect(image?.metadata).toMatchObject({ style: 'vintage', understood: ['vintage'] });
    expect(image?.bytes.equals(again)).toBe(true);
    const out = await pixelsOf(image?.bytes ?? Buffer.alloc(0));
    expect([out.width, out.height]).toEqual([384, 256]);
    // A re-render would move things; a grade keeps the picture's structure.
    expect(meanDifference(out, await pixelsOf(source.bytes))).toBeGreaterThan(5);
  });

  it('turns noir into greys', async () => {
    const source = await rendered('red desert dunes under a purple sky');
    const out = await pixelsOf(await bytesOf(source, 'noir'));
    let spread = 0;
    for (let i = 0; i < out.data.length; i += 3) {
      const [r, g, b] = [out.data[i] ?? 0, out.data[i + 1] ?? 0, out.data[i + 2] ?? 0];
      spread = Math.max(spread, Math.max(r, g, b) - Math.min(r, g, b));
    }
    expect(spread).toBeLessThanOrEqual(1);
  });

  it('reads colour and mood words from free text: warm, cold, golden', async () => {
    const grey = await sourceOf(painted(64, 64, (x, y) => [90 + x, 100 + y, 110]));
    const before = meanColour(await pixelsOf(grey.bytes));
    const warm = meanColour(await pixelsOf(await bytesOf(grey, 'make it warm and golden')));
    const cold = meanColour(await pixelsOf(await bytesOf(grey, 'a cold winter look')));
    const warmth = ([r, , b]: [number, number, number]) => r - b;
    expect(warmth(warm)).toBeGreaterThan(warmth(before) + 15);
    expect(warmth(cold)).toBeLessThan(warmth(before) - 5);
  });

  it('renders pixel art as flat blocks', async () => {
    const source = await rendered('a city skyline at dusk');
    const out = await pixelsOf(await bytesOf(source, 'pixel-art'));
    // 256 px pictures get 4 px blocks: every pixel equals the top-left of its block.
    let off = 0;
    for (let y = 0; y < 256; y++) {
      for (let x = 0; x < 256; x++) {
        const i = (y * 256 + x) * 3;
        const j = ((y - (y % 4)) * 256 + (x - (x % 4))) * 3;
        if (out.data[i] !== out.data[j]) off++;
      }
    }
    expect(off).toBe(0);
  });

  it("takes on a reference picture's colours", async () => {
    const source = await rendered('snowy mountains over a lake at noon');
    const reference = await sourceOf(painted(48, 32, (x) => [200 + (x % 40), 90 + (x % 20), 30]));
    const target = meanColour(await pixelsOf(reference.bytes));
    const distance = (c: [number, number, number]) =>
      Math.hypot(c[0] - target[0], c[1] - target[1], c[2] - target[2]);
    const before = distance(meanColour(await pixelsOf(source.bytes)));
    const after = distance(meanColour(await pixelsOf(await bytesOf(source, null, reference))));
    expect(after).toBeLessThan(before * 0.5);
  });

  it('refuses text it does not understand rather than return the picture unchanged', async () => {
    const source = await rendered('a meadow');
    await expect(restyle(source, 'xyzzy plugh')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'styleText' },
    });
    await expect(restyle(source, null)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('readStyleText', () => {
  it('finds the style, the finishing words and the moods', () => {
    expect(readStyleText('a faded sepia polaroid')).toMatchObject({
      style: 'vintage',
      understood: ['polaroid', 'sepia', 'faded'],
    });
    expect(readStyleText('Noir, but warm')).toMatchObject({ style: 'noir', understood: ['noir', 'warm'] });
    expect(readStyleText('teal and orange')).toMatchObject({ style: 'none', understood: ['teal', 'orange'] });
    expect(readStyleText('black and white')?.raster.greyscale).toBe(true);
    expect(readStyleText('nothing here')).toBeNull();
  });
});
