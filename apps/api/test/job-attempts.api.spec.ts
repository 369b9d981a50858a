import type { Viewer } from '@atelier/domain';
import { createLocalProvider } from '@atelier/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { type FakeProviders, startFakeProviders } from './support/fake-providers';
import { createTestStack, type TestStack } from './support/harness';
import { CancelJob, GenerateImages, JobUpdated } from './support/operations';
import { subscribe } from './support/ws-client';

let fakes: FakeProviders;
let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  fakes = await startFakeProviders();
  // The local provider slowed down, so a job of it can be canceled mid-call.
  const local = createLocalProvider({ stepDelayMs: 150 });
  stack = await createTestStack({
    providers: [local, ...fakes.providers.filter((provider) => provider.id !== 'local')],
  });
  server = await stack.listen();
});
afterAll(async () => {
  await stack?.close();
  await fakes?.close();
});

const Attempts = /* GraphQL */ `
  query Attempts($id: ID!) {
    job(id: $id) {
      status
      attempts {
        provider
        model
        outcome
        message
        startedAt
        finishedAt
      }
    }
  }
`;

async function submit(viewer: Viewer, input: Record<string, unknown>): Promise<string> {
  const { data } = await stack.graphql(viewer, GenerateImages, { input });
  expect(data.generateImages.__typename).toBe('Job');
  return data.generateImages.id;
}

async function attemptsOf(viewer: Viewer, id: string) {
  const { data } = await stack.graphql(viewer, Attempts, { id });
  return data.job as { status: string; attempts: { provider: string; outcome: string; message: string }[] };
}

describe('Job.attempts', () => {
  it('records a call the provider made again after a 429 as an attempt of its own', async () => {
    const me = await stack.newUser();
    const id = await submit(me, {
      prompt: 'a quiet pier [bfl:rate-limit:1]',
      provider: 'flux',
      model: 'flux-pro-1.1',
      width: 512,
      height: 512,
    });
    await subscribe(server.url, me, JobUpdated, { id }).done;
    const job = await attemptsOf(me, id);
    expect(job.status).toBe('SUCCEEDED');
    expect(job.attempts.map((a) => [a.provider, a.outcome])).toEqual([
      ['flux', 'RATE_LIMIT'],
      ['flux', 'SUCCEEDED'],
    ]);
    expect(job.attempts[0]!.message).toBeTruthy();
  });

  it('records the call a cancel cut short, with its outcome', async () => {
    const me = await stack.newUser();
    const id = await submit(me, {
      prompt: 'a long road at night',
      provider: 'local',
      width: 256,
      height: 256,
      steps: 50,
    });
    const updates = subscribe(server.url, me, JobUpdated, { id });
    await updates.waitFor((p) => p.jobUpdated.status === 'RUNNING' && p.jobUpdated.progress > 0);
    await stack.graphql(me, CancelJob, { id });
    await updates.done;
    // The worker records the call once the provider has stopped: wait for that write, not a time.
    const recorded = await new Promise<Awaited<ReturnType<typeof attemptsOf>>>((resolve, reject) => {
      const poll = async () => {
        const job = await attemptsOf(me, id);
        if (job.attempts.length > 0) resolve(job);
        else setImmediate(() => void poll().catch(reject));
      };
      void poll().catch(reject);
    });
    expect(recorded.status).toBe('CANCELED');
    expect(recorded.attempts.map((a) => [a.provider, a.outcome])).toEqual([['local', 'CANCELED']]);
  });
});
