import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors';
import type { ProgressUpdate, SourceImage } from '../../image-provider';
import { decodeImage, transformRgb } from '../pixels';
import { quietly, rendered, sourceOf } from '../test-images';
import { createLocalEnhancer } from './local-enhancer';
import { createThreadedEnhancer } from './threaded-enhancer';

const run = (
  signal = new AbortController().signal,
  onProgress: (update: ProgressUpdate) => void = () => {},
) => ({
  signal,
  onProgress,
});

/** One of our 256² renders shrunk to the size asked for (the renderer makes nothing smaller). */
async function small(prompt: string, width: number, height: number): Promise<SourceImage> {
  const full = await decodeImage((await rendered(prompt)).bytes);
  return sourceOf(await transformRgb(full, { resize: { width, height, kernel: 'cubic' } }));
}

const pixelsOf = async (bytes: Buffer | undefined) => (await decodeImage(bytes ?? Buffer.alloc(0))).data;

describe('threaded enhancer (ESRGAN tiles on a pool of worker threads)', { timeout: 120_000 }, () => {
  it('gives exactly the pixels of the one-thread run, with the tiles spread over two threads', async () => {
    const source = await small('snowy mountains over a lake', 96, 80);
    const request = { source, scale: 2, prompt: null };
    const pooled = await createThreadedEnhancer({ tileSize: 32, threads: 2 }).enhance(request, quietly);
    const single = await createLocalEnhancer({ tileSize: 32 }).enhance(request, quietly);
    expect(pooled.images[0]).toMatchObject({ width: 192, height: 160 });
    expect(pooled.images[0]?.metadata).toMatchObject({ threads: 2, tileSize: 32 });
    expect((await pixelsOf(pooled.images[0]?.bytes)).equals(await pixelsOf(single.images[0]?.bytes))).toBe(
      true,
    );
  });

  it('reports progress once per tile, counting up to 1', async () => {
    const source = await small('a forest', 96, 64);
    const updates: ProgressUpdate[] = [];
    await createThreadedEnhancer({ tileSize: 32, threads: 2 }).enhance(
      { source, scale: 2, prompt: null },
      run(undefined, (update) => updates.push(update)),
    );
    expect(updates.map((update) => update.stage)).toEqual(
      Array.from({ length: 6 }, (_, i) => `enhancing tile ${i + 1}/6`),
    );
    expect(updates.at(-1)?.progress).toBe(1);
  });

  it('shares the threads between two jobs at once: both progress from the start, neither waits for the other', async () => {
    const enhancer = createThreadedEnhancer({ tileSize: 32, threads: 2 });
    const sources: SourceImage[] = [
      await small('a harbour at dawn', 128, 128),
      await small('a desert at night', 128, 128),
    ];
    const seen: string[] = [];
    const results = await Promise.all(
      sources.map((source, job) =>
        enhancer.enhance(
          { source, scale: 2, prompt: null },
          run(undefined, () => seen.push(job === 0 ? 'first' : 'second')),
        ),
      ),
    );
    expect(results.map((result) => result.images[0]?.width)).toEqual([256, 256]);
    // 16 tiles each. Whole jobs one after another would finish at most one of the second job's
    // tiles before the first job's last; taking turns finishes nearly all of them.
    const firstEnds = seen.lastIndexOf('first');
    const secondEnds = seen.lastIndexOf('second');
    const secondBeforeFirstEnds = seen.slice(0, firstEnds).filter((job) => job === 'second').length;
    const firstBeforeSecondEnds = seen.slice(0, secondEnds).filter((job) => job === 'first').length;
    expect(seen).toHaveLength(32);
    expect(Math.min(secondBeforeFirstEnds, firstBeforeSecondEnds)).toBeGreaterThanOrEqual(12);
  });

  it('stops a cancelled job with CANCELED and keeps serving the next one', async () => {
    const enhancer = createThreadedEnhancer({ tileSize: 32, threads: 2 });
    const source = await small('a forest', 128, 128);
    const controller = new AbortController();
    let updates = 0;
    const error = await enhancer
      .enhance(
        { source, scale: 2, prompt: null },
        run(controller.signal, () => {
          updates++;
          if (updates === 2) controller.abort();
        }),
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('CANCELED');
    expect(updates).toBe(2);
    const next = await enhancer.enhance({ source, scale: 2, prompt: null }, quietly);
    expect(next.images[0]).toMatchObject({ width: 256, height: 256 });
  });
});
