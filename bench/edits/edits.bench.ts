/**
 * Claim: saving the editor's operations (GraphQL `applyImageEdits` → ADJUST job → worker → read the
 * original → one decode, every operation on the pixels in memory, one encode → thumbnails from the
 * same pixels → disk → image row → NOTIFY) costs little beyond the image work itself.
 * Measures a 6-operation list (crop, quarter turn, straighten, flip, two adjustments) on a
 * 4096×4096 PNG original through the real API and worker, mutation to job done, against the same
 * media-repository function (`applyEdits`, the worker's own pipeline) called in a plain loop on the
 * bytes already in memory, in the same run. Rounds alternate; the ratio compares the best round of
 * each, because other work on a shared machine only ever adds time.
 * Goal: API ÷ plain loop ≤ 1.2.
 */
import os from 'node:os';
import { MediaRepository } from '../../apps/api/src/repositories/media.repository';
import { newImage } from '../../apps/api/test/support/factories';
import { encodeRgb } from '../../packages/providers/src/local/pixels';
import { startBenchStack } from '../support/stack';
import { printTable } from '../support/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZE = Number(process.env.BENCH_SIZE ?? 4096);

/** What the editor sends: geometry in list order, then colour (GraphQL input form). */
const operations = [
  { crop: { x: 128, y: 64, width: SIZE - 256, height: SIZE - 256 } },
  { rotate: { quarterTurns: 1 } },
  { straighten: { angle: 2.5 } },
  { flip: { axis: 'HORIZONTAL' } },
  { adjust: { exposure: 0.3, contrast: 15, saturation: 20, vignette: 30 } },
  { adjust: { temperature: 20, sharpen: 30 } },
];
/** The same list as the pipeline takes it. */
const pipelineOperations = [
  { type: 'crop' as const, x: 128, y: 64, width: SIZE - 256, height: SIZE - 256 },
  { type: 'rotate' as const, quarterTurns: 1 as const },
  { type: 'straighten' as const, angle: 2.5 },
  { type: 'flip' as const, axis: 'horizontal' as const },
  { type: 'adjust' as const, values: { exposure: 0.3, contrast: 15, saturation: 20, vignette: 30 } },
  { type: 'adjust' as const, values: { temperature: 20, sharpen: 30 } },
];

const Apply = `mutation($input: ApplyImageEditsInput!) {
  applyImageEdits(input: $input) { __typename ... on Job { id } ... on Error { message } }
}`;

/** A photograph-like original: smooth gradients with fine noise, so PNG has real work to do. */
async function original(): Promise<Buffer> {
  const raw = Buffer.alloc(SIZE * SIZE * 3);
  let seed = 7;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) & 15;
      const i = (y * SIZE + x) * 3;
      raw[i] = ((x * 255) / SIZE + noise) & 255;
      raw[i + 1] = ((y * 255) / SIZE + noise) & 255;
      raw[i + 2] = (((x + y) * 127) / SIZE + noise) & 255;
    }
  }
  return encodeRgb({ data: raw, width: SIZE, height: SIZE }, 'png');
}

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const bytes = await original();
  // One job at a time on the CPU pool: the loop below runs one at a time too.
  const stack = await startBenchStack({ worker: true, concurrency: 1 });
  const media = new MediaRepository();
  try {
    const blobKey = await stack.app.repositories.storage.put(bytes, 'image/png');
    const source = await newImage(stack.app, stack.owner, { blobKey, width: SIZE, height: SIZE });
    const imageId = Buffer.from(`Image:${source.id}`).toString('base64');

    const viaApi = async (): Promise<number> => {
      const started = performance.now();
      const answer = await stack.graphql(Apply, { input: { imageId, operations } });
      if (answer.applyImageEdits.__typename !== 'Job') throw new Error(answer.applyImageEdits.message);
      const jobId = Buffer.from(answer.applyImageEdits.id, 'base64').toString().split(':')[1]!;
      // Woken by the job's NOTIFY, as a subscriber is (polling would take CPU from the worker).
      for await (const job of stack.app.services.jobs.watch(stack.owner, jobId, 0)) {
        if (job.status === 'SUCCEEDED') return performance.now() - started;
        if (job.status === 'FAILED' || job.status === 'CANCELED') throw new Error(`the job ${job.status}`);
      }
      throw new Error('the job watch ended early');
    };
    let outputSize = '';
    const plain = async (): Promise<number> => {
      const started = performance.now();
      const { processed } = await media.applyEdits(bytes, pipelineOperations);
      outputSize = `${processed.width}×${processed.height}`;
      return performance.now() - started;
    };

    // Warm both paths (sharp, the worker, the database) once before measuring.
    await plain();
    await viaApi();
    const api: number[] = [];
    const loop: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      loop.push(await plain());
      api.push(await viaApi());
    }
    const best = (runs: number[]) => Math.min(...runs) / 1000;
    const mean = (runs: number[]) => runs.reduce((sum, ms) => sum + ms, 0) / runs.length / 1000;
    printTable(
      `edits: 6 operations on a ${SIZE}×${SIZE} PNG (→ ${outputSize} PNG), ${ROUNDS} rounds each, alternating`,
      [
        {
          run: 'media.applyEdits in a plain loop',
          'best s': best(loop),
          'mean s': mean(loop),
          'worst s': Math.max(...loop) / 1000,
        },
        {
          run: 'applyImageEdits through the API (mutation → job done)',
          'best s': best(api),
          'mean s': mean(api),
          'worst s': Math.max(...api) / 1000,
        },
      ],
    );
    const cores = os.cpus().length;
    console.log(
      `machine load (1-min average, ${cores} cores): ${loadAtStart.toFixed(1)} at start, ` +
        `${os.loadavg()[0]!.toFixed(1)} at end; above ${cores}, other work shares the cores`,
    );
    console.log(
      `\nratio (best rounds): API ÷ plain loop ${(best(api) / best(loop)).toFixed(3)}   goal ≤ 1.2`,
    );
  } finally {
    await stack.close();
  }
}

await main();
