/**
 * Claim: Enhance through the local provider (decode → tiles padded by the model's receptive field →
 * tiles on a pool of worker threads, one per core → stitch → PNG, with a progress update per tile)
 * uses every core: a ×2 of 1024×1024 on two cores takes little more than half the model's own
 * one-thread time, and two jobs at once share the threads tile by tile.
 * Measures ESRGAN slim (UpscalerJS weights, TensorFlow.js on WebAssembly, single-threaded per
 * thread) through `provider.enhance` with a pool of N threads (N = BENCH_THREADS or the
 * cores) and with a one-thread pool, against the same model run raw in this process: one
 * `model.predict` per tile on the same padded tiles, pixels already decoded and cropped, outputs
 * read back and dropped (no stitching, no PNG). Rounds alternate raw and ours; ratios compare the
 * best round of each, because other work on a shared machine only ever adds time. Then two ×2 of
 * 1024² at once on the N-thread pool: when each makes its first tile and ends. Also ×4 of 512²
 * (→ 2048²) and, for memory only, the raw model on the whole 1024² in one call.
 * Goals: ×2 of 1024² ≤ 11 s on 2 cores; N threads ÷ (raw ÷ N) ≤ 1.15; two jobs at once both
 * start within a few tiles.
 */
import os from 'node:os';
import { createLocalProvider, type ImageProvider, type SourceImage } from '@atelier/providers';
import { createThreadedEnhancer } from '../../packages/providers/src/local/enhance/threaded-enhancer';
import { esrganModel } from '../../packages/providers/src/local/enhance/esrgan-model';
import type { EsrganScale } from '../../packages/providers/src/local/enhance/esrgan-weights';
import { planTiles } from '../../packages/providers/src/local/enhance/tiles';
import { loadTfjs, type Tfjs } from '../../packages/providers/src/local/enhance/tfjs-runtime';
import { decodeImage, type RgbImage } from '../../packages/providers/src/local/pixels';
import { printTable, summarize } from '../support/stats';

/** Resolved through the providers package: the bench has no TensorFlow.js dependency of its own. */
type Tensor4D = ReturnType<Tfjs['tensor4d']>;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TILE = Number(process.env.BENCH_TILE ?? 192);
const SIZE = 1024;

const THREADS = Number(process.env.BENCH_THREADS ?? os.availableParallelism());
const provider = createLocalProvider({ tileSize: TILE, enhanceThreads: THREADS });
const oneThread = createThreadedEnhancer({ tileSize: TILE, threads: 1 });
type Enhancer = Pick<ImageProvider, 'enhance'>;
const mb = (bytes: number) => bytes / 2 ** 20;
/** CPU time of this process, all threads (sharp's included). */
const cpuSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

interface Run {
  wallMs: number;
  cpuMs: number;
  tileMs: number[];
  rssMb: number;
  tensorMb: number;
  wasmHeapMb: number;
}

/** Peak memory, sampled after every tile: RSS, tensors tracked by tf, and the WebAssembly heap. */
async function memoryTracker() {
  const tf = await loadTfjs();
  const heap = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.byteLength;
  const peak = { rssMb: 0, tensorMb: 0, wasmHeapMb: 0 };
  return {
    peak,
    sample: () => {
      peak.rssMb = Math.max(peak.rssMb, mb(process.memoryUsage().rss));
      peak.tensorMb = Math.max(peak.tensorMb, mb(tf.memory().numBytes));
      peak.wasmHeapMb = Math.max(peak.wasmHeapMb, mb(heap()));
    },
  };
}

async function scene(
  width: number,
  height: number,
  prompt = 'a harbour town on a rocky coast at sunset, boats, lighthouse, mountains',
): Promise<SourceImage> {
  const {
    images: [image],
  } = await provider.generate(
    {
      prompt,
      model: 'procedural-v1',
      count: 1,
      params: {
        width,
        height,
        aspectRatio: null,
        magicPrompt: null,
        quality: 'HIGH',
        style: 'photographic',
        negativePrompt: null,
        seed: 11,
        steps: 1,
      },
    },
    { signal: new AbortController().signal, onProgress: () => undefined },
  );
  return { bytes: image!.bytes, mime: 'image/png', width, height };
}

/** Ours: Enhance end to end, PNG in and PNG out (tf's figures are this thread's: none for a pool). */
async function ours(source: SourceImage, scale: number, enhancer: Enhancer = provider): Promise<Run> {
  const memory = await memoryTracker();
  const tileMs: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  let last = started;
  const result = await enhancer.enhance(
    { source, scale, prompt: null },
    {
      signal: new AbortController().signal,
      onProgress: () => {
        const now = performance.now();
        tileMs.push(now - last);
        last = now;
        memory.sample();
      },
    },
  );
  const wallMs = performance.now() - started;
  const cpuMs = cpuSince(cpu);
  const image = result.images[0]!;
  if (image.width !== source.width * scale || image.height !== source.height * scale) {
    throw new Error(`wrong output size ${image.width}×${image.height}`);
  }
  return { wallMs, cpuMs, tileMs, ...memory.peak };
}

/** Raw: the same model on the same padded tiles, one predict each, nothing else. */
async function raw(image: RgbImage, scale: EsrganScale): Promise<Run> {
  const { tf, model, radius } = await esrganModel('slim', scale);
  const memory = await memoryTracker();
  // Crops made before the clock starts: the raw side does only the model's work.
  const crops = planTiles(image.width, image.height, TILE, radius).map(({ padded }) => {
    const pixels = new Float32Array(padded.width * padded.height * 3);
    for (let row = 0; row < padded.height; row++) {
      const from = ((padded.y + row) * image.width + padded.x) * 3;
      pixels.set(image.data.subarray(from, from + padded.width * 3), row * padded.width * 3);
    }
    return { pixels, shape: [1, padded.height, padded.width, 3] as [number, number, number, number] };
  });
  const tileMs: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const { pixels, shape } of crops) {
    const tileStarted = performance.now();
    const output = tf.tidy(() => model.predict(tf.tensor4d(pixels, shape)) as Tensor4D);
    output.dataSync();
    output.dispose();
    tileMs.push(performance.now() - tileStarted);
    memory.sample();
  }
  return { wallMs: performance.now() - started, cpuMs: cpuSince(cpu), tileMs, ...memory.peak };
}

/** The raw model on a whole image in one call: only to show what tiling saves in memory. */
async function rawWhole(image: RgbImage): Promise<Run> {
  const { tf, model } = await esrganModel('slim', 2);
  const memory = await memoryTracker();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const output = tf.tidy(
    () =>
      model.predict(
        tf.tensor4d(Float32Array.from(image.data), [1, image.height, image.width, 3]),
      ) as Tensor4D,
  );
  output.dataSync();
  output.dispose();
  memory.sample();
  return { wallMs: performance.now() - started, cpuMs: cpuSince(cpu), tileMs: [], ...memory.peak };
}

interface Together {
  firstTileS: number;
  endS: number;
  tiles: number;
}

/** Two jobs started together on the N-thread pool: when each makes its first tile and ends. */
async function twoAtOnce(sources: SourceImage[]): Promise<Together[]> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  return Promise.all(
    sources.map(async (source) => {
      const job = { firstTileS: Number.NaN, endS: 0, tiles: 0 };
      await provider.enhance(
        { source, scale: 2, prompt: null },
        {
          signal: new AbortController().signal,
          onProgress: () => {
            if (job.tiles++ === 0) job.firstTileS = seconds();
          },
        },
      );
      job.endS = seconds();
      return job;
    }),
  );
}

const best = (runs: Run[], key: 'wallMs' | 'cpuMs') => Math.min(...runs.map((run) => run[key]));
const mean = (runs: Run[], key: 'wallMs' | 'cpuMs') =>
  runs.reduce((sum, run) => sum + run[key], 0) / runs.length;

function row(label: string, runs: Run[]): Record<string, string | number> {
  const tiles = runs.flatMap((run) => run.tileMs);
  return {
    run: label,
    'best wall s': best(runs, 'wallMs') / 1000,
    'mean wall s': mean(runs, 'wallMs') / 1000,
    'best CPU s': best(runs, 'cpuMs') / 1000,
    // CPU ÷ wall: how many cores a round kept busy (the most of any round).
    cores: Math.max(...runs.map((run) => run.cpuMs / run.wallMs)),
    tiles: runs[0]!.tileMs.length,
    'tile p50 ms': summarize(tiles).p50,
    'tile p99 ms': summarize(tiles).p99,
    'peak RSS MB': Math.max(...runs.map((run) => run.rssMb)),
    'tensors MB': Math.max(...runs.map((run) => run.tensorMb)),
    'wasm heap MB': Math.max(...runs.map((run) => run.wasmHeapMb)),
  };
}

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const coldStarted = performance.now();
  const small = await scene(256, 256);
  await ours(small, 2);
  await ours(small, 4);
  const coldMs = performance.now() - coldStarted;

  const big = await scene(SIZE, SIZE);
  const bigPixels = await decodeImage(big.bytes);
  await ours(small, 2, oneThread);
  const rawX2: Run[] = [];
  const oursX2: Run[] = [];
  const oneX2: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rawX2.push(await raw(bigPixels, 2));
    oursX2.push(await ours(big, 2));
    oneX2.push(await ours(big, 2, oneThread));
  }
  const other = await scene(SIZE, SIZE, 'a mountain village in snow under a full moon, pine forest');
  const together = await twoAtOnce([big, other]);
  const half = await scene(SIZE / 2, SIZE / 2);
  const halfPixels = await decodeImage(half.bytes);
  const rawX4 = [await raw(halfPixels, 4)];
  const oursX4 = [await ours(half, 4)];

  let whole: string;
  try {
    const run = await rawWhole(bigPixels);
    whole =
      `raw predict on the whole ${SIZE}² in one call: ${(run.wallMs / 1000).toFixed(1)} s wall, ` +
      `wasm heap ${run.wasmHeapMb.toFixed(0)} MB, RSS ${run.rssMb.toFixed(0)} MB (tiled: ` +
      `${Math.max(...oursX2.map((r) => r.wasmHeapMb)).toFixed(0)} MB heap)`;
  } catch (error) {
    whole = `raw predict on the whole ${SIZE}² in one call did not fit: ${String(error)}`;
  }

  printTable(
    `enhance: ESRGAN slim on TensorFlow.js WebAssembly, tiles of ≤${TILE} px, ${ROUNDS} rounds of ×2 ` +
      `(tensors and wasm heap: this thread's only, so none for the pools)`,
    [
      row(`raw predict per tile, this thread, ×2 ${SIZE}²`, rawX2),
      row(`provider.enhance, 1 worker thread, ×2 ${SIZE}²`, oneX2),
      row(`provider.enhance, ${THREADS} worker threads, ×2 ${SIZE}²`, oursX2),
      row(`raw predict per tile, this thread, ×4 ${SIZE / 2}²`, rawX4),
      row(`provider.enhance, ${THREADS} worker threads, ×4 ${SIZE / 2}²`, oursX4),
    ],
  );
  printTable(
    `two ×2 of ${SIZE}² started together on the ${THREADS}-thread pool (one alone: ` +
      `${(best(oursX2, 'wallMs') / 1000).toFixed(1)} s best)`,
    together.map((job, i) => ({
      job: i + 1,
      'first tile s': job.firstTileS,
      'end s': job.endS,
      tiles: job.tiles,
    })),
  );
  console.log(
    `\ncold start (import TensorFlow.js, start WebAssembly, read ×2 and ×4 weights, two 256² runs): ` +
      `${(coldMs / 1000).toFixed(2)} s`,
  );
  console.log(whole);
  const cores = os.cpus().length;
  console.log(
    `machine load (1-min average, ${cores} cores): ${loadAtStart.toFixed(1)} at start, ` +
      `${os.loadavg()[0]!.toFixed(1)} at end; above ${cores}, other work shares the cores`,
  );
  const rawS = best(rawX2, 'wallMs') / 1000;
  const oneS = best(oneX2, 'wallMs') / 1000;
  const poolS = best(oursX2, 'wallMs') / 1000;
  console.log(
    `\nratios (×2 ${SIZE}², best rounds): 1 worker thread ÷ raw ${(oneS / rawS).toFixed(3)} (overhead); ` +
      `${THREADS} threads ÷ 1 thread ${(poolS / oneS).toFixed(3)} (speed-up ${(oneS / poolS).toFixed(2)}×); ` +
      `${THREADS} threads ÷ (raw ÷ ${THREADS}) ${(poolS / (rawS / THREADS)).toFixed(3)}   goal ≤ 1.15`,
  );
  console.log(
    `provider.enhance ×2 of ${SIZE}² on ${THREADS} threads: best ${poolS.toFixed(1)} s wall   goal ≤ 11 s`,
  );
  const [a, b] = together as [Together, Together];
  console.log(
    `two at once: first tiles at ${a.firstTileS.toFixed(1)} s and ${b.firstTileS.toFixed(1)} s, ends at ` +
      `${a.endS.toFixed(1)} s and ${b.endS.toFixed(1)} s (${(Math.max(a.endS, b.endS) / poolS).toFixed(2)}× one alone; ` +
      `one after another would end the second at ≈ 2× and start it at ≈ 1×)`,
  );
}

await main();
