/**
 * Claim: the pipeline (GraphQL mutation → job row + graphile-worker task → worker → local provider →
 * sharp thumbnails → disk → image rows → NOTIFY) costs little beyond the rendering itself.
 * Measures 200 jobs of 1024×1024 through the real API and worker, against the same render +
 * thumbnail work done in a plain loop at the same concurrency, in the same run; and the time from
 * generate() to the task's start against raw graphile-worker's add_job → start, sampled in turn.
 */
import { createLocalProvider } from '@atelier/providers';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { Logger, makeWorkerUtils, run, type WorkerEvents } from 'graphile-worker';
import { sql } from 'kysely';
import { MediaRepository } from '../../apps/api/src/repositories/media.repository';
import { type BenchStack, startBenchStack, untilNoOpenJobs } from '../support/stack';
import { pool, printTable, summarize } from '../support/stats';

const JOBS = Number(process.env.BENCH_JOBS ?? 200);
const CONCURRENCY = 2; // worker concurrency = cores on this machine
const LATENCY_SAMPLES = 200;
const WARMUP = 20;
const silent = new Logger(() => () => undefined);
const tinyInput = {
  prompt: 'tiny',
  provider: 'local',
  model: null,
  count: 1,
  width: 256,
  height: 256,
  quality: null,
  style: null,
  negativePrompt: null,
  seed: null,
  steps: 1,
  aspectRatio: null,
  magicPrompt: null,
  fallbackProviders: null,
};
const input = (i: number) => ({
  prompt: `a calm sea at sunset, study ${i}`,
  provider: 'local',
  width: 1024,
  height: 1024,
  seed: i,
});

const Generate = `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { __typename ... on Job { id } ... on Error { message } } }`;

async function rawLoop(): Promise<number> {
  const provider = createLocalProvider();
  const media = new MediaRepository();
  const started = performance.now();
  await pool([...Array(JOBS).keys()], CONCURRENCY, async (i) => {
    const { prompt, width, height, seed } = input(i);
    const {
      images: [image],
    } = await provider.generate(
      {
        prompt,
        model: provider.capabilities.defaultModel,
        count: 1,
        params: {
          width,
          height,
          seed,
          quality: 'STANDARD',
          style: null,
          negativePrompt: null,
          steps: 20,
          aspectRatio: null,
          magicPrompt: null,
        },
      },
      { signal: new AbortController().signal, onProgress: () => undefined },
    );
    await media.process(image!.bytes);
  });
  return performance.now() - started;
}

/**
 * Ours, one job at a time so a worker is always free, measured as graphile-worker measures itself:
 * from calling the generation service (validation, job row + task in one statement) to the moment
 * the worker picks the task up (graphile-worker's `job:start`).
 */
async function oursOnce(stack: BenchStack, i: number): Promise<number> {
  const started = performance.now();
  const pickedUp = new Promise<number>((resolve) =>
    stack.worker!.events.once('job:start', () => resolve(performance.now())),
  );
  // The next sample starts once the worker is free again.
  const ended = new Promise((resolve) => stack.worker!.events.once('job:complete', resolve));
  await stack.app.services.generation.generate(stack.owner, { ...tinyInput, prompt: `tiny ${i}` });
  const at = await pickedUp;
  await ended;
  return at - started;
}

/** graphile-worker alone, its own latency method: add_job, then the moment a no-op task starts. */
async function rawGraphile(connectionString: string) {
  let entered: (at: number) => void = () => undefined;
  const pickups: WorkerEvents = new EventEmitter();
  const runner = await run({
    connectionString,
    concurrency: 1,
    noHandleSignals: true,
    logger: silent,
    taskList: { 'bench-noop': async () => undefined },
    events: pickups,
  });
  pickups.on('job:start', () => entered(performance.now()));
  const utils = await makeWorkerUtils({ connectionString, logger: silent });
  return {
    async once(): Promise<number> {
      const started = performance.now();
      const entry = new Promise<number>((resolve) => (entered = resolve));
      await utils.addJob('bench-noop', {});
      return (await entry) - started;
    },
    async stop() {
      await utils.release();
      await runner.stop();
    },
  };
}

/** Ours and raw graphile-worker in turn (alternating which goes first), so load weighs on both alike. */
async function latencies(stack: BenchStack): Promise<{ ours: number[]; raw: number[] }> {
  const raw = await rawGraphile(stack.databaseUrl);
  const samples = { ours: [] as number[], raw: [] as number[] };
  try {
    for (let i = 0; i < WARMUP + LATENCY_SAMPLES; i++) {
      const pair =
        i % 2 === 0
          ? [await oursOnce(stack, i), await raw.once()]
          : [await raw.once(), await oursOnce(stack, i)].reverse();
      if (i < WARMUP) continue;
      samples.ours.push(pair[0]!);
      samples.raw.push(pair[1]!);
    }
  } finally {
    await raw.stop();
  }
  return samples;
}

/** The render loop, then the same jobs through the API and worker, then the render loop again. */
async function throughput(stack: BenchStack) {
  // Raw work before and after the pipeline, so a change in machine load shows up on both sides.
  const rawBefore = await rawLoop();
  const started = performance.now();
  await pool([...Array(JOBS).keys()], 8, async (i) => {
    const result = await stack.graphql(Generate, { input: input(i) });
    if (result.generateImages.__typename !== 'Job') throw new Error(result.generateImages.message);
  });
  await untilNoOpenJobs(stack.app);
  const pipelineMs = performance.now() - started;
  const rawAfter = await rawLoop();
  const { rows: loaded } = await sql<{ startMs: number; endMs: number; status: string }>`
    select extract(epoch from (started_at - created_at)) * 1000 as "startMs",
           extract(epoch from (finished_at - created_at)) * 1000 as "endMs", status
    from job`.execute(stack.app.db);
  if (loaded.some((row) => row.status !== 'SUCCEEDED')) throw new Error('some jobs did not succeed');
  printTable(`pipeline: ${JOBS} jobs of 1024×1024, local provider, worker concurrency ${CONCURRENCY}`, [
    {
      measure: 'raw render + thumbnails, before',
      'wall s': rawBefore / 1000,
      'images/s': (JOBS / rawBefore) * 1000,
    },
    {
      measure: 'raw render + thumbnails, after',
      'wall s': rawAfter / 1000,
      'images/s': (JOBS / rawAfter) * 1000,
    },
    { measure: 'through API + worker', 'wall s': pipelineMs / 1000, 'images/s': (JOBS / pipelineMs) * 1000 },
  ]);
  return {
    ratio: pipelineMs / ((rawBefore + rawAfter) / 2),
    rows: [
      {
        measure: `row created → worker start, ${JOBS} queued at once`,
        ...summarize(loaded.map((r) => Number(r.startMs))),
      },
      { measure: `end to end, ${JOBS} queued at once`, ...summarize(loaded.map((r) => Number(r.endMs))) },
    ],
  };
}

async function main() {
  const stack = await startBenchStack({ worker: true, concurrency: CONCURRENCY });
  try {
    const loadAtStart = os.loadavg()[0]!;
    // BENCH_JOBS=0 measures the enqueue latency only.
    const bulk = JOBS > 0 ? await throughput(stack) : null;
    const { ours, raw } = await latencies(stack);
    const oursP50 = summarize(ours).p50;
    const rawP50 = summarize(raw).p50;
    printTable('latencies (ms)', [
      { measure: 'raw graphile-worker: add_job → task picked up', ...summarize(raw) },
      { measure: 'ours: generate() → task picked up, idle worker', ...summarize(ours) },
      ...(bulk?.rows ?? []),
    ]);
    if (bulk) console.log(`\nratio (pipeline wall ÷ mean raw wall): ${bulk.ratio.toFixed(3)}   goal ≤ 1.3`);
    console.log(
      `enqueue → start p50 (idle worker, ${LATENCY_SAMPLES} samples each, taken in turn): ours ` +
        `${oursP50.toFixed(2)} ms, raw graphile-worker ${rawP50.toFixed(2)} ms, ratio ` +
        `${(oursP50 / rawP50).toFixed(2)}   goal ≤ 1.5`,
    );
    console.log(
      `machine load (1-min average, ${os.cpus().length} cores): ${loadAtStart.toFixed(1)} at start, ` +
        `${os.loadavg()[0]!.toFixed(1)} at end`,
    );
  } finally {
    await stack.close();
  }
}

await main();
