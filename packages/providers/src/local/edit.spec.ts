import { describe, expect, it } from 'vitest';
import type { EditRequest, ProgressUpdate, SourceImage } from '../image-provider';
import { createLocalProvider } from './local.provider';
import { painted, params, pixelsOf, quietly, rendered, sourceOf } from './test-images';

const provider = createLocalProvider();

const edit = (
  source: SourceImage,
  mask: SourceImage,
  onProgress: (update: ProgressUpdate) => void = () => {},
) => {
  const request: EditRequest = {
    prompt: 'a volcano erupting at night',
    model: 'procedural-v1',
    count: 1,
    params: params({ seed: 5 }),
    source,
    mask,
  };
  return provider.edit(request, { signal: quietly.signal, onProgress });
};

describe('edit (procedural render composited through the mask)', () => {
  it('keeps the source where the mask is black and repaints where it is white', async () => {
    const source = await rendered('a calm green meadow at noon', { width: 256, height: 256 });
    // White on the right half only.
    const mask = await sourceOf(painted(256, 256, (x) => (x >= 128 ? [255, 255, 255] : [0, 0, 0])));
    const updates: ProgressUpdate[] = [];
    const { images } = await edit(source, mask, (update) => updates.push(update));
    const [image] = images;
    expect(image).toMatchObject({ mime: 'image/png', width: 256, height: 256 });
    expect(image?.metadata['edit']).toMatchObject({ coverage: expect.closeTo(0.5, 1) as number });
    const before = await pixelsOf(source.bytes);
    const after = await pixelsOf(image?.bytes ?? Buffer.alloc(0));
    const changed = (x0: number, x1: number) => {
      let sum = 0;
      for (let y = 0; y < 256; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * 256 + x) * 3;
          for (let c = 0; c < 3; c++) sum += Math.abs((after.data[i + c] ?? 0) - (before.data[i + c] ?? 0));
        }
      }
      return sum / (256 * (x1 - x0) * 3);
    };
    // Left of the feathered edge: untouched. Right: a different scene.
    expect(changed(0, 120)).toBe(0);
    expect(changed(136, 256)).toBeGreaterThan(20);
    expect(updates.at(-1)?.progress).toBe(1);
  });

  it('is deterministic and refuses an empty mask', async () => {
    const source = await rendered('a quiet lake', { width: 256, height: 256 });
    const mask = await sourceOf(
      painted(256, 256, (x, y) => (x > 64 && x < 192 && y > 64 && y < 192 ? [255, 255, 255] : [0, 0, 0])),
    );
    const a = await edit(source, mask);
    const b = await edit(source, mask);
    expect(a.images[0]?.bytes.equals(b.images[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
    const black = await sourceOf(painted(256, 256, () => [0, 0, 0]));
    await expect(edit(source, black)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'mask' },
    });
  });
});
