/**
 * Claim: the pipeline (GraphQL mutation → job row + graphile-worker task → worker → local provider →
 * sharp thumbnails → disk → image rows → NOTIFY) costs little beyond the rendering itself.
 * Measures 200 jobs of 1024×1024 through the real API and worker, against the same render +
 * thumbnail work done in a plain loop at the same concurrency, in the same run.
 */
import { createLocalProvider } from '@atelier/providers';
import { sql } from 'kysely';
import { MediaRepository } from '../../apps/api/src/repositories/media.repository';
import { startBenchStack } from '../support/stack';
import { pool, printTable, summarize } from '../support/stats';

const JOBS = Number(process.env.BENCH_JOBS ?? 200);
const CONCURRENCY = 2; // worker concurrency = cores on this machine
const LATENCY_SAMPLES = 50;
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
    const [image] = await provider.generate(
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
          steps: provider.capabilities.steps!.default,
        },
      },
      { signal: new AbortController().signal, onProgress: () => undefined },
    );
    await media.process(image!.bytes);
  });
  return performance.now() - started;
}

async function main() {
  const stack = await startBenchStack({ worker: true, concurrency: CONCURRENCY });
  try {
    // Raw work before and after the pipeline, so a change in machine load shows up on both sides.
    const rawBefore = await rawLoop();

    const started = performance.now();
    await pool([...Array(JOBS).keys()], 8, async (i) => {
      const result = await stack.graphql(Generate, { input: input(i) });
      if (result.generateImages.__typename !== 'Job') throw new Error(result.generateImages.message);
    });
    const waitAll = async () => {
      for (;;) {
        const { rows } = await sql<{
          open: number;
        }>`select count(*)::int as open from job where status in ('QUEUED','RUNNING')`.execute(stack.app.db);
        if (rows[0]!.open === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitAll();
    const pipelineMs = performance.now() - started;
    const rawAfter = await rawLoop();
    const rawMs = (rawBefore + rawAfter) / 2;
    const { rows: loaded } = await sql<{ startMs: number; endMs: number; status: string }>`
      select extract(epoch from (started_at - created_at)) * 1000 as "startMs",
             extract(epoch from (finished_at - created_at)) * 1000 as "endMs", status
      from job`.execute(stack.app.db);
    if (loaded.some((row) => row.status !== 'SUCCEEDED')) throw new Error('some jobs did not succeed');

    // Idle latency: one job at a time, so a worker is always free when it is enqueued.
    const idle: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const result = await stack.graphql(Generate, {
        input: { prompt: `tiny ${i}`, provider: 'local', width: 256, height: 256, steps: 1 },
      });
      const id = Buffer.from(result.generateImages.id, 'base64').toString().split(':')[1];
      for (;;) {
        const { rows } = await sql<{ startMs: number | null; status: string }>`
          select extract(epoch from (started_at - created_at)) * 1000 as "startMs", status from job where id = ${id}`.execute(
          stack.app.db,
        );
        if (rows[0]!.status === 'SUCCEEDED') {
          idle.push(Number(rows[0]!.startMs));
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }

    const toStart = summarize(loaded.map((row) => Number(row.startMs)));
    const endToEnd = summarize(loaded.map((row) => Number(row.endMs)));
    const idleStart = summarize(idle);
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
      {
        measure: 'through API + worker',
        'wall s': pipelineMs / 1000,
        'images/s': (JOBS / pipelineMs) * 1000,
      },
    ]);
    printTable('latencies (ms)', [
      { measure: 'enqueue → worker start, idle worker', ...idleStart },
      { measure: 'enqueue → worker start, 200 queued', ...toStart },
      { measure: 'end to end, 200 queued', ...endToEnd },
    ]);
    console.log(`\nratio (pipeline wall ÷ mean raw wall): ${(pipelineMs / rawMs).toFixed(3)}   goal ≤ 1.3`);
    console.log(`enqueue → start p50 (idle worker): ${idleStart.p50.toFixed(2)} ms   goal ≤ 5 ms`);
  } finally {
    await stack.close();
  }
}

await main();
