import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type HttpClient, signedUpClient } from '../support/http-client';
import { GenerateImages } from '../support/operations';
import { type JobWatch, ResumingSubscriber } from './resuming-subscriber';
import { startTopology, type Topology, type TopologyWorker } from './topology';

const SUBSCRIBERS = 50;
const SINGLE_JOBS = 40;
const BATCHES = 2;
const BATCH_ITEMS = 80;
const JOBS = SINGLE_JOBS + BATCHES * BATCH_ITEMS;
/** Jobs finished before one API is stopped and one worker killed: well into the run. */
const FAULTS_AFTER_FINISHED = 50;
/** One `it` for the whole scenario; the processes are started and stopped around it. */
const SCENARIO_MS = 240_000;

const CreateBatch = /* GraphQL */ `
  mutation CreateBatch($input: CreateBatchInput!) {
    createBatch(input: $input) {
      __typename
      ... on Batch {
        id
        items(first: 100) {
          edges {
            node {
              job {
                id
              }
            }
          }
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`;

let topology: Topology | undefined;
let database: pg.Client | undefined;
const subscribers: ResumingSubscriber[] = [];

beforeAll(async () => {
  topology = await startTopology({
    apis: 2,
    workers: 2,
    localStepMs: 5,
    // eslint-disable-next-line no-process-env -- like the other tests: an external server when given
    externalDatabaseUrl: process.env.DATABASE_URL,
  });
  database = new pg.Client({ connectionString: topology.databaseUrl });
  await database.connect();
}, 150_000);

afterAll(async () => {
  await Promise.all(subscribers.map((subscriber) => subscriber.close().catch(() => undefined)));
  await database?.end().catch(() => undefined);
  await topology?.stop();
}, 60_000);

async function until(what: string, condition: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms\n${topology?.logs() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function finishedJobs(): Promise<number> {
  const { rows } = await database!.query<{ n: number }>(
    `select count(*)::int as n from job where status in ('SUCCEEDED', 'FAILED', 'CANCELED')`,
  );
  return rows[0]!.n;
}

/** 40 single generations and two batches of 80, all through nginx: 200 jobs of one person. */
async function submitJobs(client: HttpClient): Promise<string[]> {
  const ids: string[] = [];
  const singles = Array.from({ length: SINGLE_JOBS }, async (_, index) => {
    const { data, errors } = await client.graphql(GenerateImages, {
      input: {
        prompt: `a lighthouse on a cliff at dusk, take ${index}`,
        provider: 'local',
        width: 256,
        height: 256,
        steps: 5,
        seed: index + 1,
      },
    });
    if (data?.generateImages.__typename !== 'Job') throw new Error(JSON.stringify({ data, errors }));
    return data.generateImages.id as string;
  });
  ids.push(...(await Promise.all(singles)));
  for (let batch = 0; batch < BATCHES; batch++) {
    const { data, errors } = await client.graphql(CreateBatch, {
      input: {
        provider: 'local',
        width: 256,
        height: 256,
        steps: 5,
        prompts: Array.from({ length: BATCH_ITEMS }, (_, index) => ({
          prompt: `a harbour in the rain, batch ${batch} item ${index}`,
          seed: 1_000 * (batch + 1) + index,
        })),
      },
    });
    if (data?.createBatch.__typename !== 'Batch') throw new Error(JSON.stringify({ data, errors }));
    ids.push(
      ...data.createBatch.items.edges.map((edge: { node: { job: { id: string } } }) => edge.node.job.id),
    );
  }
  return ids;
}

/**
 * Kills a worker process in the middle of a provider call: it is frozen (SIGSTOP) until it is seen
 * holding the task of a job that is RUNNING with a call under way, then killed (SIGKILL), so the
 * kill never falls between two jobs or after a job's end. Answers that job's id.
 */
async function killMidJob(worker: TopologyWorker): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt++) {
    worker.process.kill('SIGSTOP');
    const { rows } = await database!.query<{ id: string }>(
      `select job.id from graphile_worker._private_jobs task join job on task.key = 'job:' || job.id
        where task.locked_by = any($1) and job.status = 'RUNNING' and job.current_attempt is not null`,
      [worker.workerIds],
    );
    if (rows.length > 0) {
      await worker.stop('SIGKILL');
      return rows[0]!.id;
    }
    worker.process.kill('SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the worker was never seen running a job');
}

/** What is wrong with what a subscriber received for a job whose final status is `final`. */
function watchProblems(watch: JobWatch, final: string | undefined): string[] {
  const problems: string[] = [];
  const terminal = watch.statuses.filter((status) => ['SUCCEEDED', 'FAILED', 'CANCELED'].includes(status));
  if (watch.errors.length > 0) problems.push(`errors ${watch.errors.join('; ')}`);
  if (!watch.seqs.every((seq, at) => at === 0 || seq > watch.seqs[at - 1]!)) {
    problems.push(`seqs ${watch.seqs.join(',')} (a duplicate or out of order)`);
  }
  if (terminal.length !== 1 || terminal[0] !== final || watch.statuses.at(-1) !== final) {
    problems.push(`states ${watch.statuses.join(',')}, final ${final}`);
  }
  return problems;
}

/** Local part of a global id (`Job:<uuid>` in base64). */
function localId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString().split(':')[1]!;
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Asks an API's /readyz twice a second (as a load balancer would) until stopped; counts the answers. */
function sampleReadiness(apiUrl: string) {
  const answers: Record<string, number> = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      const status = await fetch(`${apiUrl}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
        (response) => String(response.status),
        () => 'no answer',
      );
      answers[status] = (answers[status] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return answers;
    },
  };
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}

describe('two APIs and two workers behind nginx, with PostgreSQL and an S3 bucket', () => {
  it(
    'finishes every job once, tells every subscriber, and keeps every image in the bucket, through an API stop and a worker crash',
    async () => {
      const world = topology!;
      onTestFailed(() => console.error(world.logs()));
      const person = await signedUpClient(world.url, { first: true });
      expect(person.client.cookie).toBeTruthy();

      for (let index = 0; index < SUBSCRIBERS; index++) {
        subscribers.push(new ResumingSubscriber(world.url, person.client.cookie!));
      }
      const submittedAt = Date.now();
      const jobIds = await submitJobs(person.client);
      console.info(`${JOBS} jobs submitted through nginx in ${Date.now() - submittedAt} ms`);
      expect(new Set(jobIds).size).toBe(JOBS);
      for (const subscriber of subscribers) for (const id of jobIds) subscriber.watch(id);

      // Mid-run: the first API is told to stop (as a deploy does), the first worker dies at once.
      await until(
        'jobs finishing before the faults',
        async () => (await finishedJobs()) >= FAULTS_AFTER_FINISHED,
        120_000,
      );
      const [stoppedApi] = world.apis;
      const [killedWorker] = world.workers;
      const apiExit = new Promise<{ code: number | null; ms: number }>((resolve) => {
        const started = Date.now();
        stoppedApi!.process.once('exit', (code) => resolve({ code, ms: Date.now() - started }));
      });
      const stoppedAt = Date.now();
      stoppedApi!.process.kill('SIGTERM');
      const survivorReadiness = sampleReadiness(`http://${world.apiAddresses[1]!}`);
      const interruptedJob = await killMidJob(killedWorker!);
      const finishedAtFaults = await finishedJobs();
      expect(finishedAtFaults).toBeLessThan(JOBS);

      const { code: apiExitCode, ms: apiExitMs } = await apiExit;
      console.info(`the stopped API exited with ${apiExitCode} after ${apiExitMs} ms`);
      expect(apiExitCode).toBe(0);

      await until(
        'every subscriber seeing every job end',
        () => subscribers.every((s) => s.finished()),
        150_000,
      );
      const runMs = Date.now() - submittedAt;
      const readiness = await survivorReadiness.stop();
      console.info(`the surviving API's /readyz after the SIGTERM: ${JSON.stringify(readiness)}`);
      console.info(
        `all ${JOBS} jobs seen ending by all ${SUBSCRIBERS} subscribers ${runMs} ms after the first submission ` +
          `(${((JOBS * 1000) / runMs).toFixed(2)} jobs/s with ${world.workers.length} workers, one of them killed)`,
      );

      // Every job ended exactly once, in the database: one terminal status, its one image, no task left.
      const { rows: jobs } = await database!.query<{ id: string; status: string; images: number }>(
        `select job.id, job.status, (select count(*)::int from image where image.job_id = job.id) as images
           from job`,
      );
      expect(jobs).toHaveLength(JOBS);
      expect(jobs.filter((job) => job.status !== 'SUCCEEDED')).toEqual([]);
      expect(jobs.filter((job) => job.images !== 1)).toEqual([]);
      const { rows: leftTasks } = await database!.query(
        `select key from graphile_worker._private_jobs where key like 'job:%'`,
      );
      expect(leftTasks).toEqual([]);
      // The killed worker's job went back to the queue once its lease lapsed, and another worker ran it.
      const { rows: interrupted } = await database!.query<{ attempts: unknown[] }>(
        'select attempts from job where id = $1',
        [interruptedJob],
      );
      expect(JSON.stringify(interrupted[0]!.attempts)).toContain('The worker running the job stopped');

      // Every subscriber saw every job end once, its states in order and none twice.
      const statusById = new Map(jobs.map((job) => [job.id, job.status]));
      const problems = subscribers.flatMap((subscriber, index) =>
        [...subscriber.watches].flatMap(([id, watch]) =>
          watchProblems(watch, statusById.get(localId(id))).map(
            (problem) => `subscriber ${index} job ${id}: ${problem}`,
          ),
        ),
      );
      expect(problems).toEqual([]);
      // Refused-for-now subscriptions were retried (above, every one ended); how many, for the record.
      const refusals = subscribers.flatMap((subscriber) =>
        subscriber.refusals.map((refusal) => refusal.at - stoppedAt),
      );
      console.info(
        `${refusals.length} subscriptions answered SERVICE_UNAVAILABLE and were retried` +
          (refusals.length > 0
            ? `, ${Math.min(...refusals)}..${Math.max(...refusals)} ms after SIGTERM`
            : ''),
      );
      // The stopped API's subscribers were told to go elsewhere (1001) and came back through nginx.
      const closeCodes = subscribers.flatMap((subscriber) => subscriber.closeCodes);
      expect(closeCodes).toContain(1001);

      // nginx spread the sockets over both APIs.
      const upgrades = (await readFile(join(world.nginxDir, 'access.log'), 'utf8'))
        .split('\n')
        .filter((line) => line.includes('" 101 '));
      const upgradesPerApi = world.apiAddresses.map(
        (api) => upgrades.filter((line) => line.includes(`upstream=${api}`)).length,
      );
      console.info(`WebSocket upgrades per API: ${upgradesPerApi.join(', ')}`);
      expect(upgradesPerApi.every((count) => count > 0)).toBe(true);

      // Every stored object is in the bucket once, used by a row, and readable through nginx by its owner.
      const { rows: keys } = await database!.query<{ key: string }>(
        `select blob_key as key from image union all select blob_key from image_thumbnail`,
      );
      const referenced = keys.map((row) => row.key).sort();
      // (Besides them only the readiness check's own object, under .atelier/.)
      const objects = (await world.bucket.listObjects())
        .map((object) => object.key)
        .filter((key) => !key.startsWith('.atelier/'))
        .sort();
      expect(objects).toEqual([...new Set(referenced)]);

      const urls = [...new Set([...subscribers[0]!.watches.values()].flatMap((watch) => watch.fileUrls))];
      expect(urls.length).toBe(new Set(referenced).size);
      const unreadable = (
        await inBatches(urls, 8, async (url) => {
          const response = await fetch(`${world.url}${url}`, { headers: person.client.headers() });
          const body = Buffer.from(await response.arrayBuffer());
          const hash = createHash('sha256').update(body).digest('hex');
          return response.status === 200 && url.includes(hash) ? null : `${url}: ${response.status}`;
        })
      ).filter((problem) => problem !== null);
      expect(unreadable).toEqual([]);
      // Without the cookie, nobody else reads them.
      expect((await fetch(`${world.url}${urls[0]}`)).status).toBe(404);

      // Nothing went to the processes' local disk.
      expect(await filesUnder(world.dataDir)).toEqual([]);
    },
    SCENARIO_MS,
  );
});
