/**
 * Claim: the MCP door costs little over GraphQL. Times `tools/call generate_images` through /mcp
 * (the SDK's Client over Streamable HTTP; the call waits for the job and returns the images) against
 * the same generation through GraphQL as the web app does it (`generateImages`, then `jobUpdated`
 * over graphql-ws until the job ends, with its images), interleaved in one run so machine noise hits
 * both alike. Local provider, 256×256, one step: the render is near-instant, so the doors dominate.
 * Goal: ≤ 1.1× the GraphQL path (p50), and ≤ 5 ms more at p50.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { graphqlGenerateDoor } from '../support/graphql-door';
import { type BenchStack, startBenchStack } from '../support/stack';
import { printTable, summarize } from '../support/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 20;
const params = { provider: 'local', width: 256, height: 256, steps: 1, count: 1 };

async function connectMcp(stack: BenchStack): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', stack.server.url), {
      requestInit: { headers: { authorization: stack.authorization } },
    }),
  );
  return client;
}

async function main() {
  const stack = await startBenchStack({ worker: true, concurrency: 2 });
  const mcp = await connectMcp(stack);
  const graphql = graphqlGenerateDoor(stack, params);
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
        name: 'MCP: tools/call generate_images',
        async run(i: number) {
          const result = await mcp.callTool({
            name: 'generate_images',
            arguments: { ...params, prompt: `a calm sea, mcp ${i}` },
          });
          const structured = result.structuredContent as
            { job: { status: string }; images: unknown[] } | undefined;
          if (result.isError || structured?.job.status !== 'SUCCEEDED' || structured.images.length !== 1) {
            throw new Error(`mcp: ${JSON.stringify(result.content).slice(0, 300)}`);
          }
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
    printTable(`generate one 256×256 image (local, 1 step), ${ROUNDS} calls per door, interleaved (ms)`, [
      ...doors.map(({ name }, i) => {
        const s = summarize(times[i]!);
        return { door: name, n: s.n, p50: s.p50, p99: s.p99, max: s.max, 'ratio (p50)': s.p50 / raw.p50 };
      }),
    ]);
    const mcpStats = summarize(times[1]!);
    console.log(
      `\nratio MCP ÷ GraphQL (p50): ${(mcpStats.p50 / raw.p50).toFixed(3)}   goal ≤ 1.1; ` +
        `p50 overhead ${(mcpStats.p50 - raw.p50).toFixed(2)} ms   goal ≤ 5 ms; ` +
        `p99 ${mcpStats.p99.toFixed(2)} vs ${raw.p99.toFixed(2)} ms`,
    );
  } finally {
    await mcp.close();
    await graphql.dispose();
    await stack.close();
  }
}

await main();
