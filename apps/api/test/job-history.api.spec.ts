import type { Viewer } from '@atelier/domain';
import { createLocalProvider } from '@atelier/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { createTestStack, type TestStack } from './support/harness';
import { CancelJob, GenerateImages, JobUpdated } from './support/operations';
import { subscribe } from './support/ws-client';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack({
    providers: [createLocalProvider({ stepDelayMs: 0 })],
    workerConcurrency: 1,
  });
  server = await stack.listen();
});
afterAll(() => stack?.close());

const JobsList = `query($statuses: [JobStatus!], $providers: [String!], $kinds: [ImageOperation!], $createdFrom: DateTime, $createdUntil: DateTime, $first: Int, $after: String) {
  jobs(statuses: $statuses, providers: $providers, kinds: $kinds, createdFrom: $createdFrom, createdUntil: $createdUntil, first: $first, after: $after) {
    edges { node { id status kind input { prompt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const RetryJob = `mutation($id: ID!) {
  retryJob(id: $id) {
    __typename
    ... on Job { id status kind input { prompt seed width height count provider } }
    ... on Error { code message }
  }
}`;

async function finishedJob(viewer: Viewer, prompt: string) {
  const { data } = await stack.graphql(viewer, GenerateImages, {
    input: { prompt, provider: 'local', width: 256, height: 256, steps: 5, seed: 7 },
  });
  expect(data.generateImages).toMatchObject({ __typename: 'Job' });
  const all = await subscribe(server.url, viewer, JobUpdated, { id: data.generateImages.id }).done;
  return all.at(-1).jobUpdated as { id: string; status: string };
}

async function list(viewer: Viewer, variables: Record<string, unknown>) {
  const { data, errors } = await stack.graphql(viewer, JobsList, { first: 20, ...variables });
  expect(errors ?? []).toEqual([]);
  return (data.jobs.edges as { node: { input: { prompt: string } } }[]).map((e) => e.node.input.prompt);
}

describe('jobs (history)', () => {
  it('filters by status, provider, operation and date, newest first, and pages', async () => {
    const me = await stack.newUser();
    const first = await finishedJob(me, 'first lighthouse');
    const second = await finishedJob(me, 'second lighthouse');
    expect([first.status, second.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    const started = await stack.graphql(me, GenerateImages, {
      input: { prompt: 'canceled lighthouse', provider: 'local', width: 256, height: 256, steps: 5 },
    });
    await stack.graphql(me, CancelJob, { id: started.data.generateImages.id });

    expect(await list(me, {})).toEqual(['canceled lighthouse', 'second lighthouse', 'first lighthouse']);
    expect(await list(me, { statuses: ['CANCELED'] })).toEqual(['canceled lighthouse']);
    expect(await list(me, { statuses: ['SUCCEEDED'], kinds: ['GENERATE'] })).toEqual([
      'second lighthouse',
      'first lighthouse',
    ]);
    expect(await list(me, { kinds: ['ENHANCE'] })).toEqual([]);
    expect(await list(me, { providers: ['flux'] })).toEqual([]);
    expect(await list(me, { providers: ['local'] })).toHaveLength(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await list(me, { createdFrom: future })).toEqual([]);
    expect(await list(me, { createdUntil: future })).toHaveLength(3);

    const page = await stack.graphql(me, JobsList, { first: 2, providers: ['local'] });
    expect(page.data.jobs.pageInfo.hasNextPage).toBe(true);
    const rest = await stack.graphql(me, JobsList, {
      first: 2,
      providers: ['local'],
      after: page.data.jobs.pageInfo.endCursor,
    });
    expect(
      rest.data.jobs.edges.map((e: { node: { input: { prompt: string } } }) => e.node.input.prompt),
    ).toEqual(['first lighthouse']);
  });

  it('names the field when the date range is backwards', async () => {
    const me = await stack.newUser();
    const { errors } = await stack.graphql(me, JobsList, {
      createdFrom: '2026-12-07T00:00:00Z',
      createdUntil: '2026-12-06T00:00:00Z',
    });
    expect(errors?.[0]?.message).toContain('createdUntil');
  });
});

describe('retryJob', () => {
  it('queues a new job with the same input, which runs', async () => {
    const me = await stack.newUser();
    const done = await finishedJob(me, 'retry me');
    const { data } = await stack.graphql(me, RetryJob, { id: done.id });
    expect(data.retryJob).toMatchObject({
      __typename: 'Job',
      kind: 'GENERATE',
      input: { prompt: 'retry me', seed: 7, width: 256, height: 256, count: 1, provider: 'local' },
    });
    expect(data.retryJob.id).not.toBe(done.id);
    const all = await subscribe(server.url, me, JobUpdated, { id: data.retryJob.id }).done;
    expect(all.at(-1).jobUpdated.status).toBe('SUCCEEDED');
    expect(await list(me, {})).toEqual(['retry me', 'retry me']);
  });

  it("says NOT_FOUND for someone else's job and INVALID_STATE for one still queued", async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const done = await finishedJob(me, 'mine');
    const theirs = await stack.graphql(stranger, RetryJob, { id: done.id });
    expect(theirs.data.retryJob).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(await list(stranger, {})).toEqual([]);

    const blocker = await stack.graphql(me, GenerateImages, {
      input: { prompt: 'long one', provider: 'local', width: 512, height: 512, steps: 40 },
    });
    const queued = await stack.graphql(me, GenerateImages, {
      input: { prompt: 'waiting', provider: 'local', width: 256, height: 256, steps: 5 },
    });
    const early = await stack.graphql(me, RetryJob, { id: queued.data.generateImages.id });
    expect(early.data.retryJob).toMatchObject({ code: 'INVALID_STATE' });
    await stack.graphql(me, CancelJob, { id: queued.data.generateImages.id });
    await stack.graphql(me, CancelJob, { id: blocker.data.generateImages.id });
  });
});
