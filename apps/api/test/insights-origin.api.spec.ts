import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { createTestStack, type TestStack } from './support/harness';
import { HttpClient, signedUpClient } from './support/http-client';
import { bearer, connectMcp } from './support/mcp-client';

/*
 * Where a job came from, by the door it was asked through: the web app (a session), the API (a
 * token), the MCP endpoint, or a batch. Real sign-in, real tokens, the SDK's MCP client and a
 * real worker running the local provider; Insights' origin filter then counts each door.
 */

let stack: TestStack;
let server: RunningServer;
let web: HttpClient;
let api: HttpClient;
let ownerId: string;

const Generate = /* GraphQL */ `
  mutation ($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        id
      }
      ... on Error {
        message
      }
    }
  }
`;
const Retry = /* GraphQL */ `
  mutation ($id: ID!) {
    retryJob(id: $id) {
      __typename
      ... on Job {
        id
      }
    }
  }
`;
const CreateBatch = /* GraphQL */ `
  mutation ($input: CreateBatchInput!) {
    createBatch(input: $input) {
      __typename
      ... on Batch {
        id
      }
      ... on Error {
        message
      }
    }
  }
`;
const CreateToken = /* GraphQL */ `
  mutation ($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreatedApiToken {
        secret
      }
    }
  }
`;
const ByOrigin = /* GraphQL */ `
  query ($range: InsightsRangeInput!, $origins: [JobOrigin!]) {
    insights(range: $range, filter: { origins: $origins }) {
      reliability {
        provider
        jobs
        succeeded
      }
      volume {
        jobs
        images
      }
    }
  }
`;

const small = { provider: 'local', width: 256, height: 256, steps: 1 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A row id from a GraphQL global id (base64 `Type:uuid`); MCP answers with the row id itself. */
const uuidOf = (id: string) => (UUID.test(id) ? id : Buffer.from(id, 'base64').toString().split(':')[1]!);

async function untilNoOpenJobs(): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 50) {
    const { rows } = await sql<{ open: number }>`
      select count(*)::int as open from job
      where owner_id = ${ownerId} and status in ('QUEUED', 'RUNNING')`.execute(stack.app.db);
    if (rows[0]!.open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('jobs still open after 60 s');
}

async function originOf(jobGlobalId: string): Promise<string> {
  const job = await stack.app.db
    .selectFrom('job')
    .select('origin')
    .where('id', '=', uuidOf(jobGlobalId))
    .executeTakeFirstOrThrow();
  return job.origin;
}

const jobs = { web: '', api: '', retried: '', mcp: '' };

beforeAll(async () => {
  stack = await createTestStack({ auth: 'real', localStepMs: 0 });
  server = await stack.listen();
  const person = await signedUpClient(server.url, { first: true });
  web = person.client;
  ownerId = uuidOf(person.id);
  const token = await web.graphql(CreateToken, { input: { name: 'script', scopes: ['read', 'generate'] } });
  expect(token.data.createApiToken.__typename).toBe('CreatedApiToken');
  const secret: string = token.data.createApiToken.secret;
  expect(secret.startsWith('atl_')).toBe(true);
  api = new HttpClient(server.url, { token: secret });

  const fromWeb = await web.graphql(Generate, { input: { ...small, prompt: 'a harbour from the web app' } });
  expect(fromWeb.errors ?? []).toEqual([]);
  expect(fromWeb.data.generateImages.__typename).toBe('Job');
  jobs.web = fromWeb.data.generateImages.id;
  const fromApi = await api.graphql(Generate, { input: { ...small, prompt: 'a harbour from a script' } });
  expect(fromApi.data.generateImages.__typename).toBe('Job');
  jobs.api = fromApi.data.generateImages.id;

  const mcp = await connectMcp(server.url, bearer(secret));
  try {
    const called = (await mcp.callTool({
      name: 'generate_images',
      arguments: { prompt: 'a harbour from an assistant', provider: 'local', width: 256, height: 256 },
    })) as CallToolResult;
    expect(called.isError).toBeFalsy();
    jobs.mcp = (called.structuredContent as any).job.id;
  } finally {
    await mcp.close();
  }

  const batch = await web.graphql(CreateBatch, {
    input: { ...small, prompts: [{ prompt: 'a harbour, batch one' }, { prompt: 'a harbour, batch two' }] },
  });
  expect(batch.data.createBatch.__typename).toBe('Batch');
  await untilNoOpenJobs();

  // A retry is asked for through its own door: here a script retries the web app's job.
  const retried = await api.graphql(Retry, { id: jobs.web });
  expect(retried.data.retryJob.__typename).toBe('Job');
  jobs.retried = retried.data.retryJob.id;
  await untilNoOpenJobs();
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('job origin', () => {
  it('records the door each job was asked through', async () => {
    expect(await originOf(jobs.web)).toBe('WEB');
    expect(await originOf(jobs.api)).toBe('API');
    expect(await originOf(jobs.retried)).toBe('API');
    expect(await originOf(jobs.mcp)).toBe('MCP');
    const { rows } = await sql<{ origin: string; jobs: number }>`
      select origin, count(*)::int as jobs from job where owner_id = ${ownerId} and batch_id is not null
      group by origin`.execute(stack.app.db);
    expect(rows).toEqual([{ origin: 'BATCH', jobs: 2 }]);
  });

  it.each([
    ['raw rows', { preset: 'LAST_24_HOURS' }],
    ['the daily rollup', { preset: 'LAST_7_DAYS' }],
  ])('counts each origin apart in Insights (%s)', async (_source, range) => {
    const count = async (origins: string[] | null) => {
      const answer = await web.graphql(ByOrigin, { range, origins });
      expect(answer.errors ?? []).toEqual([]);
      const { reliability, volume } = answer.data.insights;
      const sum = (rows: { jobs: number }[]) => rows.reduce((total, row) => total + row.jobs, 0);
      expect(sum(volume)).toBe(sum(reliability));
      return {
        jobs: sum(reliability),
        succeeded: reliability.reduce((t: number, r: any) => t + r.succeeded, 0),
      };
    };
    expect(await count(['WEB'])).toEqual({ jobs: 1, succeeded: 1 });
    expect(await count(['API'])).toEqual({ jobs: 2, succeeded: 2 });
    expect(await count(['MCP'])).toEqual({ jobs: 1, succeeded: 1 });
    expect(await count(['BATCH'])).toEqual({ jobs: 2, succeeded: 2 });
    expect(await count(['WEB', 'MCP'])).toEqual({ jobs: 2, succeeded: 2 });
    expect(await count(null)).toEqual({ jobs: 6, succeeded: 6 });
  });
});
