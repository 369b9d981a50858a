/**
 * Claim: a batch of 100 prompts (`createBatch`: every item checked, the batch and its 100 jobs queued
 * in one transaction) gets its images out at least as fast as the same 100 jobs submitted one by one
 * through `generateImages`. Both go through the real API, graphile-worker, the local provider and
 * sharp; rounds alternate (one by one, batch, one by one, batch) so machine load falls on both sides.
 * Time to the last image is read from the image rows' own timestamps.
 */
import { sql } from 'kysely';
import { type BenchStack, startBenchStack } from '../support/stack';
import { printTable } from '../support/stats';

const ITEMS = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONCURRENCY = 2; // worker concurrency = cores on this machine
const SIZE = Number(process.env.BENCH_SIZE ?? 256);
const params = { provider: 'local', width: SIZE, height: SIZE, steps: 1 };

const Generate = `mutation($input: GenerateImagesInput!) {
  generateImages(input: $input) { __typename ... on Job { id } ... on Error { message } }
}`;
const CreateBatch = `mutation($input: CreateBatchInput!) {
  createBatch(input: $input) { __typename ... on Batch { id } ... on Error { message } }
}`;

interface Round {
  way: 'one by one' | 'batch';
  submitMs: number;
  lastImageMs: number;
  firstImageMs: number;
}

const prompt = (round: number, i: number) => `harbour study, round ${round}, item ${i}`;

async function oneByOne(stack: BenchStack, round: number): Promise<number> {
  for (let i = 0; i < ITEMS; i++) {
    const result = await stack.graphql(Generate, { input: { ...params, prompt: prompt(round, i), seed: i } });
    if (result.generateImages.__typename !== 'Job') throw new Error(result.generateImages.message);
  }
  return ITEMS;
}

async function asBatch(stack: BenchStack, round: number): Promise<number> {
  const prompts = Array.from({ length: ITEMS }, (_, i) => ({ prompt: prompt(round, i), seed: i }));
  const result = await stack.graphql(CreateBatch, { input: { ...params, prompts } });
  if (result.createBatch.__typename !== 'Batch') throw new Error(result.createBatch.message);
  return ITEMS;
}

async function untilIdle(stack: BenchStack): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ open: number }>`
      select count(*)::int as open from job where status in ('QUEUED', 'RUNNING')`.execute(stack.app.db);
    if (rows[0]!.open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function runRound(stack: BenchStack, round: number, way: Round['way']): Promise<Round> {
  const startedAt = Date.now();
  const started = performance.now();
  await (way === 'batch' ? asBatch(stack, round) : oneByOne(stack, round));
  const submitMs = performance.now() - started;
  await untilIdle(stack);
  const { rows } = await sql<{ images: number; first: Date; last: Date; failed: number }>`
    select count(*)::int as images, min(created_at) as first, max(created_at) as last,
           (select count(*)::int from job where status <> 'SUCCEEDED' and created_at >= ${new Date(startedAt)}) as failed
    from image where prompt like ${`harbour study, round ${round}, item %`}`.execute(stack.app.db);
  const row = rows[0]!;
  if (row.images !== ITEMS || row.failed !== 0) {
    throw new Error(`${way} round ${round}: ${row.images} images, ${row.failed} jobs not succeeded`);
  }
  return {
    way,
    submitMs,
    firstImageMs: row.first.getTime() - startedAt,
    lastImageMs: row.last.getTime() - startedAt,
  };
}

async function main() {
  const stack = await startBenchStack({ worker: true, concurrency: CONCURRENCY });
  try {
    // Warm-up: module loading, the provider and sharp's first calls, prepared plans.
    await runRound(stack, 0, 'one by one');
    const rounds: Round[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      rounds.push(await runRound(stack, r * 2 - 1, 'one by one'));
      rounds.push(await runRound(stack, r * 2, 'batch'));
    }
    const rows = rounds.map((round) => ({
      way: round.way,
      'submit ms': round.submitMs,
      'first image ms': round.firstImageMs,
      'last image ms': round.lastImageMs,
      'images/s': ITEMS / (round.lastImageMs / 1000),
    }));
    printTable(
      `batch: ${ITEMS} local ${SIZE}×${SIZE} images, worker concurrency ${CONCURRENCY}; times from the first request`,
      rows,
    );
    const mean = (way: Round['way'], pick: (round: Round) => number) => {
      const mine = rounds.filter((round) => round.way === way);
      return mine.reduce((sum, round) => sum + pick(round), 0) / mine.length;
    };
    const batchLast = mean('batch', (round) => round.lastImageMs);
    const singleLast = mean('one by one', (round) => round.lastImageMs);
    printTable('mean over rounds', [
      {
        way: 'one by one',
        'submit ms': mean('one by one', (round) => round.submitMs),
        'last image ms': singleLast,
        'images/s': ITEMS / (singleLast / 1000),
      },
      {
        way: 'batch',
        'submit ms': mean('batch', (round) => round.submitMs),
        'last image ms': batchLast,
        'images/s': ITEMS / (batchLast / 1000),
      },
    ]);
    console.log(
      `\nratio time to last image, batch / one by one: ${(batchLast / singleLast).toFixed(2)}×   goal ≤ 1.0×` +
        `\nratio throughput, batch / one by one: ${(singleLast / batchLast).toFixed(2)}×`,
    );
  } finally {
    await stack.close();
  }
}

await main();
