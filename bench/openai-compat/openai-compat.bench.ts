/**
 * Claim: the OpenAI-compatible door costs little over GraphQL. Times `images.generate` through
 * `/v1` (the official `openai` SDK; the call waits for the job and answers with URLs) against the same
 * generation through GraphQL as the web app does it (`generateImages`, then `jobUpdated` over
 * graphql-ws until the job ends, with its images), interleaved in one run so machine noise hits both
 * alike. Local provider, 256×256, its default steps on both doors: the render is near-instant, so the doors dominate.
 * Goal: ≤ 1.1× the GraphQL path (p50).
 */
import OpenAI from 'openai';
import { graphqlGenerateDoor } from '../support/graphql-door';
import { startBenchStack } from '../support/stack';
import { printTable, summarize } from '../support/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 20;

async function main() {
  const stack = await startBenchStack({ worker: true, concurrency: 2 });
  const openai = new OpenAI({
    apiKey: stack.authorization.replace(/^Bearer /, ''),
    baseURL: `${stack.server.url}/v1`,
    maxRetries: 0,
  });
  const graphql = graphqlGenerateDoor(stack, { provider: 'local', width: 256, height: 256, count: 1 });
  try {
    const doors = [
      {
        name: 'GraphQL: generateImages + jobUpdated (raw)',
        async run(i: number) {
          const job = await graphql.generate(`a calm sea, graphql ${i}`);
          if (job.status !== 'SUCCEEDED' || job.images.length !== 1) {
            throw new Error(`graphql: ${job.status}`);
          }
        },
      },
      {
        name: 'OpenAI /v1/images/generations (openai SDK)',
        async run(i: number) {
          const answer = await openai.images.generate({
            model: 'local',
            prompt: `a calm sea, openai ${i}`,
            size: '256x256',
          });
          if (answer.data?.length !== 1) throw new Error('openai: no image');
        },
      },
    ];
    const times = doors.map(() => [] as number[]);
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      // Alternate which door goes first so neither always follows the other's work.
      for (let k = 0; k < doors.length; k++) {
        const index = (round + k) % doors.length;
        const started = performance.now();
        await doors[index]!.run(round);
        if (round >= WARMUP) times[index]!.push(performance.now() - started);
      }
    }
    const raw = summarize(times[0]!);
    printTable(`generate one 256×256 image (local), ${ROUNDS} calls per door, interleaved (ms)`, [
      ...doors.map(({ name }, i) => {
        const s = summarize(times[i]!);
        return { door: name, n: s.n, p50: s.p50, p99: s.p99, max: s.max, 'ratio (p50)': s.p50 / raw.p50 };
      }),
    ]);
    const door = summarize(times[1]!);
    console.log(
      `\nratio /v1 ÷ GraphQL (p50): ${(door.p50 / raw.p50).toFixed(3)}   goal ≤ 1.1; ` +
        `p50 overhead ${(door.p50 - raw.p50).toFixed(2)} ms; p99 ${door.p99.toFixed(2)} vs ${raw.p99.toFixed(2)} ms`,
    );
  } finally {
    await graphql.dispose();
    await stack.close();
  }
}

await main();
