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
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type BenchStack, startBenchStack } from '../support/stack';
import { printTable, summarize } from '../support/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 20;
const params = { provider: 'local', width: 256, height: 256, steps: 1, count: 1 };

const Generate = `mutation($input: GenerateImagesInput!) {
  generateImages(input: $input) { __typename ... on Job { id } ... on Error { message } }
}`;
const JobUpdated = `subscription($id: ID!) {
  jobUpdated(id: $id) { id status progress images { id width height seed thumbnails { size url } } }
}`;

async function connectMcp(stack: BenchStack): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', stack.server.url), {
      requestInit: { headers: { authorization: stack.authorization } },
    }),
  );
  return client;
}

function graphqlDoor(stack: BenchStack) {
  const ws = createClient({
    url: `${stack.server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: stack.authorization },
    lazy: false,
    retryAttempts: 0,
  });
  return {
    /** generateImages, then jobUpdated until it ends; resolves with the finished job. */
    async generate(prompt: string): Promise<{ status: string; images: unknown[] }> {
      const started = await stack.graphql(Generate, { input: { ...params, prompt } });
      if (started.generateImages.__typename !== 'Job') throw new Error(started.generateImages.message);
      let last: { status: string; images: unknown[] } | undefined;
      for await (const result of ws.iterate<{ jobUpdated: { status: string; images: unknown[] } }>({
        query: JobUpdated,
        variables: { id: started.generateImages.id },
      })) {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        last = result.data!.jobUpdated;
      }
      return last!;
    },
    dispose: () => ws.dispose(),
  };
}

async function main() {
  const stack = await startBenchStack({ worker: true, concurrency: 2 });
  const mcp = await connectMcp(stack);
  const graphql = graphqlDoor(stack);
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
