/**
 * Claim: for a remote provider, what Atelier adds on top of the provider's own time is small.
 * Against the fake BFL server with a 5 s task: time from submit (job row) to stored image, minus the
 * provider's own 5 s, through the whole stack (GraphQL → queue → worker → Flux client → polling →
 * download → sharp thumbnails → disk → rows), against the same Flux client called directly in a
 * plain loop (submit → poll → download only) in the same run. Goal: ≤ 5 % overhead.
 */
import { createFluxProvider, createLocalProvider } from '@atelier/providers';
import { startBflFake } from '@atelier/providers/testing';
import { sql } from 'kysely';
import { startBenchStack } from '../support/stack';
import { pool, printTable, summarize } from '../support/stats';

const TASK_MS = 5_000;
const JOBS = Number(process.env.BENCH_JOBS ?? 10);
// One at a time: the overhead of a job, not the queueing of a burst on two cores.
const CONCURRENCY = 1;

const Generate = `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { __typename ... on Job { id } ... on Error { message } } }`;

async function main() {
  const fake = await startBflFake({ taskDurationMs: TASK_MS });
  const flux = createFluxProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.apiUrl,
    trustedHosts: [fake.hosts.global, fake.hosts.cluster],
    deliveryHosts: [fake.hosts.delivery],
  });
  const stack = await startBenchStack({
    worker: true,
    concurrency: 2,
    providers: [createLocalProvider(), flux],
  });
  try {
    const params = {
      width: 1024,
      height: 768,
      quality: 'STANDARD' as const,
      style: null,
      negativePrompt: null,
      seed: 1,
      steps: null,
      aspectRatio: null,
      magicPrompt: null,
    };

    // Raw: the client alone, same concurrency.
    const raw: number[] = [];
    await pool([...Array(JOBS).keys()], CONCURRENCY, async (i) => {
      const started = performance.now();
      await flux.generate(
        { prompt: `raw harbour ${i}`, model: 'flux-pro-1.1', count: 1, params: { ...params, seed: i } },
        { signal: new AbortController().signal, onProgress: () => undefined },
      );
      raw.push(performance.now() - started - TASK_MS);
    });

    // Ours: through the API and the worker.
    await pool([...Array(JOBS).keys()], CONCURRENCY, async (i) => {
      const result = await stack.graphql(Generate, {
        input: {
          prompt: `harbour ${i}`,
          provider: 'flux',
          model: 'flux-pro-1.1',
          width: 1024,
          height: 768,
          seed: i,
        },
      });
      if (result.generateImages.__typename !== 'Job') throw new Error(result.generateImages.message);
      const id = Buffer.from(result.generateImages.id, 'base64').toString().split(':')[1];
      for (;;) {
        const { rows } = await sql<{ status: string }>`select status from job where id = ${id}`.execute(
          stack.app.db,
        );
        if (rows[0]!.status === 'SUCCEEDED') break;
        if (rows[0]!.status === 'FAILED') throw new Error('job failed');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const { rows } = await sql<{ ms: number; pickup: number; call: number; store: number }>`
      select extract(epoch from (finished_at - created_at)) * 1000 as ms,
             extract(epoch from (started_at - created_at)) * 1000 as pickup,
             (attempts->0->>'latencyMs')::float as call,
             extract(epoch from (finished_at - (attempts->0->>'finishedAt')::timestamptz)) * 1000 as store
      from job where provider = 'flux'`.execute(stack.app.db);
    const ours = rows.map((row) => Number(row.ms) - TASK_MS);
    const stages = {
      pickup: summarize(rows.map((row) => Number(row.pickup))),
      call: summarize(rows.map((row) => Number(row.call) - TASK_MS)),
      store: summarize(rows.map((row) => Number(row.store))),
    };

    const r = summarize(raw);
    const o = summarize(ours);
    printTable(
      `provider overhead: ${JOBS} Flux tasks of ${TASK_MS / 1000} s on the fake BFL API, ${CONCURRENCY} at a time (ms beyond the provider's own time)`,
      [
        {
          path: 'client alone: submit → poll → download',
          p50: r.p50,
          p99: r.p99,
          max: r.max,
          'p50 % of task': (100 * r.p50) / TASK_MS,
        },
        {
          path: 'Atelier: job row → stored image + thumbnails',
          p50: o.p50,
          p99: o.p99,
          max: o.max,
          'p50 % of task': (100 * o.p50) / TASK_MS,
        },
      ],
    );
    printTable('where Atelier spends it (p50 / p99 ms)', [
      { stage: 'job row → worker picks it up', p50: stages.pickup.p50, p99: stages.pickup.p99 },
      {
        stage: 'provider call beyond the 5 s task (polling, download)',
        p50: stages.call.p50,
        p99: stages.call.p99,
      },
      {
        stage: 'thumbnails, ThumbHash, files, rows, SUCCEEDED',
        p50: stages.store.p50,
        p99: stages.store.p99,
      },
    ]);
    console.log(
      `\noverhead p50: ${((100 * o.p50) / TASK_MS).toFixed(2)} % of the provider's time   goal ≤ 5 %`,
    );
    console.log(`ratio (Atelier overhead ÷ client-alone overhead, p50): ${(o.p50 / r.p50).toFixed(2)}`);
  } finally {
    await stack.close();
    await fake.close();
  }
}

await main();
