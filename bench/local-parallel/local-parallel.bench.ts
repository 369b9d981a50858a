/**
 * Claim: the local provider paints a job's images side by side, up to its CPU pool's size, so a
 * 4-image job takes about the time of one image on enough cores (not 4× as one after another).
 * The same 4-image generate (1024×1024, STANDARD, no step delay) with parallelImages 1, 2 and 4,
 * against a single image, on this machine's cores; prints the times and the ratios.
 */
import { availableParallelism } from 'node:os';
import { createLocalProvider, type GenerationParams } from '@atelier/providers';
import { printTable, summarize } from '../support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COUNT = 4;

const params: GenerationParams = {
  width: 1024,
  height: 1024,
  aspectRatio: null,
  quality: 'STANDARD',
  style: null,
  negativePrompt: null,
  seed: 1,
  steps: 6,
  magicPrompt: null,
};
const quietly = { signal: new AbortController().signal, onProgress: () => undefined };

async function timed(parallelImages: number, count: number): Promise<number[]> {
  const provider = createLocalProvider({ parallelImages });
  const times: number[] = [];
  // One warm-up run: the first render loads fonts and sharp's pools.
  for (let run = -1; run < RUNS; run++) {
    const started = performance.now();
    await provider.generate(
      {
        prompt: `a harbour town at dusk, run ${run}`,
        model: 'procedural-v1',
        count,
        params: { ...params, seed: run + 10 },
      },
      quietly,
    );
    if (run >= 0) times.push(performance.now() - started);
  }
  return times;
}

async function main() {
  const one = summarize(await timed(1, 1));
  const rows: Record<string, string | number>[] = [
    { case: '1 image', 'p50 ms': one.p50, 'max ms': one.max, 'vs 1 image': 1 },
  ];
  for (const parallel of [1, 2, 4]) {
    const four = summarize(await timed(parallel, COUNT));
    rows.push({
      case: `${COUNT} images, parallelImages ${parallel}`,
      'p50 ms': four.p50,
      'max ms': four.max,
      'vs 1 image': four.p50 / one.p50,
    });
  }
  printTable(
    `local provider, ${COUNT} images of 1024×1024, ${availableParallelism()} cores, ${RUNS} runs each`,
    rows,
  );
  const sequential = Number(rows[1]!['p50 ms']);
  const parallel = Number(rows[3]!['p50 ms']);
  console.log(`\nparallelImages 4 vs 1: ${(sequential / parallel).toFixed(2)}× faster`);
}

await main();
