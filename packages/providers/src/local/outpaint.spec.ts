import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors';
import type { ExpandRequest, SourceImage } from '../image-provider';
import { createLocalProvider } from './local.provider';
import { params, pixelsOf, quietly, rendered } from './test-images';

const provider = createLocalProvider();

const expand = (source: SourceImage, margins: Partial<ExpandRequest> = {}, seed = 5) =>
  provider.expand(
    {
      source,
      top: 0,
      right: 0,
      bottom: 0,
      left: 0,
      prompt: null,
      model: 'procedural-v1',
      count: 1,
      params: params({ seed }),
      ...margins,
    },
    quietly,
  );

async function refusal(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('expand (procedural outpaint)', () => {
  it('puts the unchanged source on a canvas of source + margins and fills the margins seamlessly', async () => {
    const source = await rendered('a red sunset over the sea', { width: 256, height: 320 });
    const { images } = await expand(source, { top: 40, right: 100, bottom: 0, left: 24 });
    const [image] = images;
    expect(image).toMatchObject({ mime: 'image/png', width: 380, height: 360, seed: 5 });
    const before = await pixelsOf(source.bytes);
    const after = await pixelsOf(image!.bytes);
    expect([after.width, after.height]).toEqual([380, 360]);
    for (let y = 0; y < 320; y++) {
      const from = y * 256 * 3;
      const to = ((y + 40) * 380 + 24) * 3;
      expect(after.data.subarray(to, to + 256 * 3).equals(before.data.subarray(from, from + 256 * 3))).toBe(
        true,
      );
    }
    // Right next to the source, the fill continues its edge pixels (no seam).
    let step = 0;
    for (let y = 40; y < 360; y++) {
      const edge = (y * 380 + 24 + 255) * 3;
      for (let c = 0; c < 3; c++) step += Math.abs(after.data[edge + c]! - after.data[edge + 3 + c]!);
    }
    expect(step / (320 * 3)).toBeLessThan(12);
    // The margins are not flat: they carry the picture's colours.
    const corner = (380 * 360 - 1) * 3;
    expect([...after.data.subarray(0, 3)]).not.toEqual([0, 0, 0]);
    expect([...after.data.subarray(corner, corner + 3)]).not.toEqual([0, 0, 0]);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const source = await rendered('a misty forest', { width: 256, height: 256 });
    const a = await expand(source, { left: 64, right: 64 }, 9);
    const b = await expand(source, { left: 64, right: 64 }, 9);
    const c = await expand(source, { left: 64, right: 64 }, 10);
    expect(a.images[0]!.bytes.equals(b.images[0]!.bytes)).toBe(true);
    expect(a.images[0]!.bytes.equals(c.images[0]!.bytes)).toBe(false);
  });

  it('grows margins larger than the source itself', async () => {
    const source = await rendered('a lighthouse', { width: 256, height: 256 });
    const { images } = await expand(source, { top: 600, bottom: 300 });
    expect(images[0]).toMatchObject({ width: 256, height: 1156 });
  });

  it('refuses negative, all-zero and oversized margins, naming the field', async () => {
    const source = await rendered('a field', { width: 256, height: 256 });
    expect((await refusal(expand(source, { left: -1, top: 4 }))).details).toMatchObject({ field: 'left' });
    expect((await refusal(expand(source))).details).toMatchObject({ field: 'top' });
    expect((await refusal(expand(source, { right: 2049 }))).details).toMatchObject({ field: 'right' });
    const wide = await refusal(expand(source, { left: 2000, right: 2000 }));
    expect(wide).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'left' } });
    expect(wide.message).toMatch(/expanded width \(4256\) must be at most 4096/);
  });

  it('declares OUTPAINT on the procedural model, with its limits', () => {
    expect(provider.capabilities.models[0]!.operations).toContain('OUTPAINT');
    expect(provider.capabilities.outpaint).toMatchObject({ maxMargin: 2048, maxSide: 4096, prompt: false });
  });
});
