import type { Viewer } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { createLocalProvider } from '@atelier/providers';
import { globalId, localId, taskExists } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { CancelJob, GenerateImages, JobFields, JobUpdated } from './support/operations';
import { recordingProvider } from './support/recording-provider';
import { subscribe } from './support/ws-client';

let stack: TestStack;
let server: RunningServer;

const local = recordingProvider(createLocalProvider({ stepDelayMs: 150 }));

beforeAll(async () => {
  // Slow steps keep jobs running long enough to watch, re-attach to and cancel.
  stack = await createTestStack({ providers: [local], workerConcurrency: 1 });
  server = await stack.listen();
});
afterAll(() => stack?.close());

async function startJob(viewer: Viewer, steps = 20) {
  const { data } = await stack.graphql(viewer, GenerateImages, {
    input: { prompt: 'snowy forest at dawn', provider: 'local', width: 256, height: 256, steps },
  });
  return data.generateImages as { id: string; seq: number };
}

describe('jobUpdated', () => {
  it('re-attaches mid-job: a new subscriber first gets the current state, then the rest', async () => {
    const me = await stack.newUser();
    const job = await startJob(me);
    const first = subscribe(server.url, me, JobUpdated, { id: job.id });
    const midway = await first.waitFor(
      (p) => p.jobUpdated.status === 'RUNNING' && p.jobUpdated.progress >= 0.3,
    );
    await first.close();

    const second = subscribe(server.url, me, JobUpdated, { id: job.id });
    const all = await second.done;
    expect(all[0].jobUpdated.seq).toBeGreaterThanOrEqual(midway.jobUpdated.seq);
    expect(all[0].jobUpdated.progress).toBeGreaterThanOrEqual(midway.jobUpdated.progress);
    expect(all.at(-1).jobUpdated.status).toBe('SUCCEEDED');
  });

  it('skips what the client already has when given afterSeq', async () => {
    const me = await stack.newUser();
    const job = await startJob(me, 5);
    const all = await subscribe(server.url, me, JobUpdated, { id: job.id }).done;
    const final = all.at(-1).jobUpdated;

    const resumed = subscribe(server.url, me, JobUpdated, { id: job.id, afterSeq: final.seq });
    expect(await resumed.done).toEqual([]);
    const fromMiddle = await subscribe(server.url, me, JobUpdated, { id: job.id, afterSeq: final.seq - 1 })
      .done;
    expect(fromMiddle.map((p) => p.jobUpdated.seq)).toEqual([final.seq]);
  });

  it("refuses to stream someone else's job", async () => {
    const owner = await stack.newUser();
    const stranger = await stack.newUser();
    const job = await startJob(owner, 5);
    await expect(subscribe(server.url, stranger, JobUpdated, { id: job.id }).done).rejects.toThrow(
      'Job was not found',
    );
  });
});

describe('cancelJob', () => {
  it('stops a running job: no images, status CANCELED, and the provider is aborted', async () => {
    const me = await stack.newUser();
    const job = await startJob(me, 50);
    const updates = subscribe(server.url, me, JobUpdated, { id: job.id });
    await updates.waitFor((p) => p.jobUpdated.status === 'RUNNING' && p.jobUpdated.progress > 0);

    const { data } = await stack.graphql(me, CancelJob, { id: job.id });
    expect(data.cancelJob).toMatchObject({ __typename: 'Job', status: 'CANCELED' });
    const all = await updates.done;
    expect(all.at(-1).jobUpdated).toMatchObject({ status: 'CANCELED', images: [] });

    const call = local.calls.find(
      (c) => c.request.prompt === 'snowy forest at dawn' && c.request.params.steps === 50,
    );
    await expect(call?.outcome).rejects.toMatchObject({ code: 'CANCELED' });
    expect(call?.signal.aborted).toBe(true);
    const after = await stack.graphql(me, `query($id: ID!) { job(id: $id) { ...JobFields } } ${JobFields}`, {
      id: job.id,
    });
    expect(after.data.job).toMatchObject({ status: 'CANCELED', images: [] });
  });

  it('keeps the images already finished: a 4-image job canceled after 2 ends CANCELED with those 2', async () => {
    const me = await stack.newUser();
    const { data: started } = await stack.graphql(me, GenerateImages, {
      input: {
        prompt: 'lighthouse on a cliff',
        provider: 'local',
        width: 256,
        height: 256,
        steps: 4,
        count: 4,
      },
    });
    const job = started.generateImages as { id: string };
    const updates = subscribe(server.url, me, JobUpdated, { id: job.id });
    await updates.waitFor((p) => /^image 3 of 4/.test(p.jobUpdated.stage ?? ''));

    const { data } = await stack.graphql(me, CancelJob, { id: job.id });
    // The answer already carries what was kept, so a client need not stay subscribed to see it.
    expect(data.cancelJob).toMatchObject({ __typename: 'Job', status: 'CANCELED' });
    expect(data.cancelJob.images).toHaveLength(2);
    const last = (await updates.done).at(-1).jobUpdated;
    expect(last.status).toBe('CANCELED');
    expect(last.images).toHaveLength(2);
    const { data: after } = await stack.graphql(
      me,
      `query($id: ID!) { job(id: $id) { status attempts { provider outcome } } }`,
      { id: job.id },
    );
    expect(after.job.attempts.at(-1)).toEqual({ provider: 'local', outcome: 'CANCELED' });

    const gallery = await stack.graphql(
      me,
      `query { images(first: 10, filter: { search: "lighthouse on a cliff" }) { edges { node { id seed } } } }`,
    );
    const kept = gallery.data.images.edges.map((edge: { node: { id: string; seed: number } }) => edge.node);
    expect(kept.map((image: { id: string }) => image.id).sort()).toEqual(
      last.images.map((image: { id: string }) => image.id).sort(),
    );
    expect(kept.map((image: { seed: number }) => image.seed).sort()).toEqual(
      [last.images[0].seed, last.images[1].seed].sort(),
    );
  });

  it('removes a queued job before any worker takes it', async () => {
    const me = await stack.newUser();
    const blocker = await startJob(me, 30);
    const queued = await startJob(me, 5);
    const { data } = await stack.graphql(me, `query($id: ID!) { job(id: $id) { status queuePosition } }`, {
      id: queued.id,
    });
    expect(data.job.status).toBe('QUEUED');
    expect(data.job.queuePosition).toBeGreaterThanOrEqual(1);

    expect(await taskExists(stack.app, localId(queued.id))).toBe(true);

    const canceled = await stack.graphql(me, CancelJob, { id: queued.id });
    expect(canceled.data.cancelJob.status).toBe('CANCELED');
    expect(await taskExists(stack.app, localId(queued.id))).toBe(false);
    await stack.graphql(me, CancelJob, { id: blocker.id });
  });

  it('says INVALID_STATE for a finished job and NOT_FOUND for a stranger', async () => {
    const me = await stack.newUser();
    const stranger = await stack.newUser();
    const job = await startJob(me, 5);
    await subscribe(server.url, me, JobUpdated, { id: job.id }).done;

    const again = await stack.graphql(me, CancelJob, { id: job.id });
    expect(again.data.cancelJob).toMatchObject({ __typename: 'BaseError', code: 'INVALID_STATE' });
    const theirs = await stack.graphql(stranger, CancelJob, { id: job.id });
    expect(theirs.data.cancelJob).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const missing = await stack.graphql(me, CancelJob, {
      id: globalId('Job', '00000000-0000-4000-8000-000000000000'),
    });
    expect(missing.data.cancelJob.code).toBe('NOT_FOUND');
  });
});
