import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { localId } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { GenerateImages, JobUpdated } from './support/operations';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process';
import { subscribe } from './support/ws-client';

// The API process under test runs no worker: every job runs in a separate worker process.
let api: TestStack;
let server: RunningServer;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  api = await createTestStack({ worker: false });
  server = await api.listen();
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
  await api?.close();
});

function spawnWorker(localStepMs: number): WorkerProcess {
  const worker = startWorkerProcess({ databaseUrl: api.databaseUrl, dataDir: api.dataDir, localStepMs });
  workers.push(worker);
  return worker;
}

// Each test boots a worker process through tsx: 10 s on two quiet cores, over 20 s on two busy ones.
const WORKER_TEST_MS = 90_000;

describe('API and worker as separate processes', () => {
  it(
    'delivers progress from a worker process to a subscriber on the API process',
    async () => {
      const worker = spawnWorker(20);
      await worker.ready;
      const me = await api.newUser();
      const { data } = await api.graphql(me, GenerateImages, {
        input: {
          prompt: 'stormy night over a mountain lake',
          provider: 'local',
          width: 256,
          height: 256,
          steps: 10,
        },
      });
      const all = await subscribe(server.url, me, JobUpdated, { id: data.generateImages.id }).done;
      expect(all.some((p) => p.jobUpdated.status === 'RUNNING' && p.jobUpdated.progress > 0)).toBe(true);
      expect(all.at(-1).jobUpdated.status).toBe('SUCCEEDED');
      // The API serves the files the worker stored.
      const image = all.at(-1).jobUpdated.images[0];
      expect((await fetch(`${server.url}${image.url}`, { headers: { 'x-test-viewer': me.id } })).status).toBe(
        200,
      );
      await worker.stop();
    },
    WORKER_TEST_MS,
  );

  it(
    'retries a job whose worker was killed mid-run, without duplicate images',
    async () => {
      const doomed = spawnWorker(300);
      await doomed.ready;
      const me = await api.newUser();
      const { data } = await api.graphql(me, GenerateImages, {
        input: {
          prompt: 'golden fields under a calm sky',
          provider: 'local',
          width: 256,
          height: 256,
          steps: 30,
          count: 2,
        },
      });
      const watch = subscribe(server.url, me, JobUpdated, { id: data.generateImages.id });
      await watch.waitFor((p) => p.jobUpdated.status === 'RUNNING' && p.jobUpdated.progress > 0.1);
      await doomed.stop('SIGKILL');

      // A survivor with a short lease notices the dead worker and takes the job over.
      await api.app.startWorkers({ cpu: 1, remote: 1, leaseSeconds: 2 });
      const all = await watch.done;
      const final = all.at(-1).jobUpdated;
      expect(final.status).toBe('SUCCEEDED');
      expect(final.images).toHaveLength(2);
      const stored = await api.app.db
        .selectFrom('image')
        .select('outputIndex')
        .where('jobId', '=', localId(data.generateImages.id))
        .execute();
      expect(stored.map((row) => row.outputIndex).sort()).toEqual([0, 1]);
    },
    WORKER_TEST_MS,
  );
});
