import { describe, expect, it } from 'vitest';
import type { ProgressUpdate } from '../image-provider';
import { paintScenes, type SceneJob } from './paint-scenes';
import { readPrompt } from './prompt-reader';
import { rasterize, type RasterRequest } from './rasterize';
import { planScene } from './scene-plan';
import { styleLooks } from './styles';

function jobs(count: number): SceneJob[] {
  const description = readPrompt('a harbour at dawn', null);
  return Array.from({ length: count }, (_, i) => ({
    seed: 7 + i,
    plan: planScene({
      description,
      seed: 7 + i,
      width: 256,
      height: 256,
      quality: 'STANDARD',
      look: styleLooks.none,
    }),
  }));
}

/** Rasterizes for real while counting how many frames are being made at once. */
function counting() {
  let inFlight = 0;
  const seen = { peak: 0 };
  const rasterizer = async (request: RasterRequest) => {
    inFlight++;
    seen.peak = Math.max(seen.peak, inFlight);
    try {
      return await rasterize(request);
    } finally {
      inFlight--;
    }
  };
  return { rasterizer, seen };
}

const run = (updates: ProgressUpdate[]) => ({
  signal: new AbortController().signal,
  onProgress: (update: ProgressUpdate) => updates.push(update),
});

describe('paintScenes', () => {
  it('paints up to `parallel` images at once, in order, with steadily rising progress', async () => {
    const { rasterizer, seen } = counting();
    const updates: ProgressUpdate[] = [];
    const painted = await paintScenes(
      jobs(4),
      { stepsPerImage: 3, stepDelayMs: 0, verb: 'rendering', parallel: 4, rasterize: rasterizer },
      run(updates),
    );
    expect(seen.peak).toBe(4);
    const alone = await paintScenes(
      jobs(4),
      { stepsPerImage: 3, stepDelayMs: 0, verb: 'rendering' },
      run([]),
    );
    expect(painted.map((scene) => scene.bytes)).toEqual(alone.map((scene) => scene.bytes));
    const progress = updates.map((update) => update.progress);
    expect(progress.every((value, i) => i === 0 || value > (progress[i - 1] ?? 0))).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it('paints one image at a time by default', async () => {
    const { rasterizer, seen } = counting();
    await paintScenes(
      jobs(3),
      { stepsPerImage: 2, stepDelayMs: 0, verb: 'rendering', rasterize: rasterizer },
      run([]),
    );
    expect(seen.peak).toBe(1);
  });

  it('stops the other images when one fails, and reports that failure', async () => {
    let calls = 0;
    const failing = async (request: RasterRequest) => {
      calls++;
      if (calls === 3) throw new Error('out of memory');
      return rasterize(request);
    };
    const outcome = await paintScenes(
      jobs(4),
      { stepsPerImage: 6, stepDelayMs: 0, verb: 'rendering', parallel: 2, rasterize: failing },
      run([]),
    ).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('out of memory');
    expect(calls).toBeLessThan(4 * 6);
  });
});
