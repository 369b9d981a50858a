import { setTimeout as delay } from 'node:timers/promises';
import { createLocalProvider, type ImageProvider } from '@atelier/providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/harness';
import { GenerateImages } from '../support/operations';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';
import { subscribe } from '../support/ws-client';

// A job that takes longer than a lease, on a worker whose main thread is blocked for longer than a
// lease, must stay with that worker: another worker process stands by, ready to take over a job
// whose lease lapses, and would show up as an INTERRUPTED attempt.

const JobUpdated = `subscription($id: ID!) { jobUpdated(id: $id) { status stage seq attempts { outcome } images { id } } }`;
const WAIT_MS = 12_000;
const BLOCK_MS = 8_000;

/** The local provider, but each call first waits (main thread free), then blocks the main thread. */
function slowThenBusy(): ImageProvider {
  const local = createLocalProvider({ stepDelayMs: 0 });
  return {
    ...local,
    generate: async (request, context) => {
      await delay(WAIT_MS);
      const until = Date.now() + BLOCK_MS;
      while (Date.now() < until) {
        // CPU-bound work a lease heartbeat on the main thread could not interrupt.
      }
      return local.generate(request, context);
    },
  };
}

let stack: TestStack;
let url: string;
let standby: WorkerProcess;

beforeAll(async () => {
  stack = await createTestStack({ providers: [slowThenBusy()], workerConcurrency: 1 });
  url = (await stack.listen()).url;
}, 60_000);

afterAll(async () => {
  await standby?.stop('SIGKILL');
  await stack?.close();
});

describe('a busy worker', () => {
  it('keeps a job that outlasts its lease and blocks its main thread: one run, one attempt', async () => {
    const me = await stack.newUser();
    const { data } = await stack.graphql(me, GenerateImages, {
      input: { prompt: 'a slow lighthouse', provider: 'local', width: 256, height: 256 },
    });
    const watch = subscribe(url, me, JobUpdated, { id: data.generateImages.id });
    // Taken by this process's worker; then the standby comes, ready to take it over.
    await watch.waitFor((p) => p.jobUpdated.status === 'RUNNING');
    standby = startWorkerProcess({ databaseUrl: stack.databaseUrl, dataDir: stack.dataDir, localStepMs: 0 });
    await standby.ready;
    const states = await watch
      .waitFor((p) => p.jobUpdated.status === 'SUCCEEDED', 60_000)
      .then(() => watch.received);
    const final = states.at(-1).jobUpdated;
    expect(final.attempts.map((attempt: { outcome: string }) => attempt.outcome)).toEqual(['SUCCEEDED']);
    expect(final.images).toHaveLength(1);
    expect(states.filter((p) => p.jobUpdated.stage === 'worker lost — queued again')).toEqual([]);
    expect(standby.output()).not.toContain('"msg":"released the tasks');
  }, 90_000);
});
