import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AtelierProcess, startAtelierProcess } from '../support/atelier-process';
import { localId } from '../support/factories';
import { createMigratedDatabase } from '../support/postgres';
import { freePort } from '../../src/db/embedded';
import { Person, type Watch } from './support/person';
import { type RestartablePostgres, startRestartablePostgres } from './support/restartable-postgres';

// API and worker run as separate processes on a PostgreSQL this file starts (and restarts) itself,
// as a scaled-out deployment on a managed database would meet a failover or a minor update.

const Generate = /* GraphQL */ `
  mutation ($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        id
      }
      ... on Error {
        code
        message
        retryable
      }
      ... on BaseError {
        details
      }
    }
  }
`;
const Jobs = /* GraphQL */ `
  query {
    jobs(first: 5) {
      edges {
        node {
          id
          status
        }
      }
    }
  }
`;
const JobUpdated = /* GraphQL */ `
  subscription ($id: ID!, $afterSeq: Int) {
    jobUpdated(id: $id, afterSeq: $afterSeq) {
      id
      seq
      status
      stage
      attempts {
        outcome
      }
    }
  }
`;
const ImageAdded = /* GraphQL */ `
  subscription ($since: DateTime) {
    imageAdded(since: $since) {
      id
      createdAt
    }
  }
`;

interface JobPayload {
  jobUpdated: {
    id: string;
    seq: number;
    status: string;
    stage: string | null;
    attempts: { outcome: string }[];
  };
}
interface ImagePayload {
  imageAdded: { id: string; createdAt: string };
}
interface Accepted {
  id: string;
  count: number;
  person: Person;
  watch: Watch<JobPayload>;
}
type Refusal = { code: unknown; ms: number; status: number };

const terminal = ['SUCCEEDED', 'FAILED', 'CANCELED'];

let postgres: RestartablePostgres;
let databaseUrl: string;
let dataDir: string;
let apiUrl: string;
let apiPort: number;
let api: AtelierProcess;
const workers: AtelierProcess[] = [];
const people: Person[] = [];
let database: pg.Pool;

function startApi(): AtelierProcess {
  return startAtelierProcess({
    role: 'api',
    databaseUrl,
    dataDir,
    env: { PORT: String(apiPort), ATELIER_TRUST_PROXY: '1' },
  });
}

function startWorker(env: Record<string, string> = {}): AtelierProcess {
  const worker = startAtelierProcess({
    role: 'worker',
    databaseUrl,
    dataDir,
    env: { ATELIER_LOCAL_STEP_MS: '40', WORKER_CONCURRENCY: '2', WORKER_REMOTE_CONCURRENCY: '2', ...env },
  });
  workers.push(worker);
  return worker;
}

async function newPeople(n: number): Promise<Person[]> {
  const made: Person[] = [];
  for (let i = 0; i < n; i++) made.push(await Person.signUp(apiUrl, people.length + i === 0));
  people.push(...made);
  return made;
}

beforeAll(async () => {
  postgres = await startRestartablePostgres();
  databaseUrl = await createMigratedDatabase(postgres.adminUrl, 'atelier_faults');
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-faults-'));
  database = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  database.on('error', () => undefined);
  apiPort = await freePort();
  apiUrl = `http://127.0.0.1:${apiPort}`;
  api = startApi();
  startWorker();
  await Promise.all([api.ready, workers[0]!.ready]);
}, 120_000);

afterAll(async () => {
  await Promise.all(people.map((person) => person.close().catch(() => undefined)));
  (await import('node:fs')).writeFileSync('/tmp/api-out.log', api.output());
  (await import('node:fs')).writeFileSync('/tmp/worker-out.log', workers[0]!.output());
  await Promise.all([api, ...workers].map((child) => child?.stop('SIGKILL')));
  await database?.end();
  await postgres?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

/** Submits a job for `person`; its id (and a watch that resumes from its last seq), or the refusal. */
async function submit(person: Person, count: number, steps = 6): Promise<Accepted | Refusal> {
  const started = Date.now();
  const { data, errors, response } = await person.http.graphql(Generate, {
    input: {
      prompt: 'a lighthouse on a cliff at dusk',
      provider: 'local',
      width: 256,
      height: 256,
      steps,
      count,
    },
  });
  const result = data?.generateImages;
  if (result?.__typename === 'Job') {
    const watch = person.watch<JobPayload>(
      JobUpdated,
      { id: result.id, afterSeq: 0 },
      (payload, variables) => {
        variables.afterSeq = payload.jobUpdated.seq;
      },
    );
    return { id: result.id, count, person, watch };
  }
  return {
    code: result?.code ?? errors?.[0]?.extensions?.code,
    ms: Date.now() - started,
    status: response.status,
  };
}

/** Keeps submitting a job every `everyMs` (round robin over `who`) until stopped. */
function keepSubmitting(who: Person[], everyMs: number, steps = 6) {
  const accepted: Accepted[] = [];
  const refused: Refusal[] = [];
  const broken: string[] = [];
  let stopped = false;
  let n = 0;
  const loop = (async () => {
    while (!stopped) {
      const person = who[n++ % who.length]!;
      const outcome = submit(person, 1 + (n % 2), steps).then(
        (value) => ('id' in value ? accepted.push(value) : refused.push(value)),
        (error: unknown) => broken.push(String(error)),
      );
      await Promise.race([outcome, new Promise((resolve) => setTimeout(resolve, everyMs))]);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    accepted,
    refused,
    broken,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function jobRows(ids: string[]) {
  const { rows } = await database.query<{ id: string; status: string; images: number; outputs: number }>(
    `select job.id, job.status, count(image.id)::int as images, count(distinct image.output_index)::int as outputs
     from job left join image on image.job_id = job.id
     where job.id = any($1::uuid[]) group by job.id`,
    [ids.map(localId)],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Every accepted job ended exactly once with all its images, and its watcher saw that end, in order. */
async function expectEveryJobFinished(accepted: Accepted[]) {
  const ids = accepted.map((job) => job.id);
  await waitUntil(
    'every accepted job ended and every watcher completed',
    async () =>
      [...(await jobRows(ids)).values()].every((row) => terminal.includes(row.status)) &&
      accepted.every((job) => job.watch.completed),
    90_000,
  ).catch(async (error: Error) => {
    const rows = await jobRows(ids);
    const { rows: tasks } = await database.query(
      `select key, attempts, max_attempts, locked_by, locked_at, run_at, last_error from graphile_worker._private_jobs`,
    );
    const unfinished = accepted
      .map((job) => ({
        job: localId(job.id),
        row: rows.get(localId(job.id)),
        watched: job.watch.received.at(-1),
        errors: job.watch.errors,
        completed: job.watch.completed,
      }))
      .filter((job) => !job.completed || !terminal.includes(job.row?.status ?? ''));
    throw new Error(`${error.message}\n${JSON.stringify({ unfinished, tasks }, null, 1)}`);
  });
  const rows = await jobRows(ids);
  for (const job of accepted) {
    const row = rows.get(localId(job.id))!;
    expect({ id: job.id, status: row.status, images: row.images, outputs: row.outputs }).toEqual({
      id: job.id,
      status: 'SUCCEEDED',
      images: job.count,
      outputs: job.count,
    });
    const seqs = job.watch.received.map((payload) => payload.jobUpdated.seq);
    expect(seqs, `seqs of ${job.id}`).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(job.watch.received.at(-1)?.jobUpdated.status, `last state ${job.id} watched`).toBe('SUCCEEDED');
    expect(job.watch.errors).toEqual([]);
  }
}

async function readiness(): Promise<number> {
  return (await fetch(`${apiUrl}/readyz`)).status;
}

function countLines(output: string, text: string): number {
  return output.split('\n').filter((line) => line.includes(text)).length;
}

describe('PostgreSQL restarts and outages under load', () => {
  it('keeps both processes serving, answers typed retryable errors while it is down, and loses no job or event', async () => {
    const team = await newPeople(4);
    const images = team.map((person) => {
      const watch = person.watch<ImagePayload>(ImageAdded, {}, (payload, variables) => {
        // The newest seen: live events come in commit order, which is not always creation order.
        const since = variables.since as string | undefined;
        if (!since || payload.imageAdded.createdAt > since) variables.since = payload.imageAdded.createdAt;
      });
      return { person, watch };
    });
    const load = keepSubmitting(team, 500);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    await postgres.restart();
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    // A longer outage: requests that need the database answer at once, typed and retryable.
    await postgres.stop();
    const during = { jobs: [] as unknown[], ready: [] as number[] };
    const early = load.accepted[0]!;
    const lateWatch = early.person.watch<JobPayload>(JobUpdated, { id: early.id }, () => undefined);
    for (let i = 0; i < 3; i++) {
      const { errors, response } = await team[0]!.http.graphql(Jobs);
      during.jobs.push({
        status: response.status,
        code: errors?.[0]?.extensions?.code,
        retry: response.headers.get('retry-after'),
      });
      during.ready.push(await readiness());
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await postgres.start();
    await waitUntil('the API is ready again', async () => (await readiness()) === 200, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    await postgres.restart();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await load.stop();

    expect(api.alive(), `API output:\n${api.output()}`).toBe(true);
    expect(workers[0]!.alive(), `worker output:\n${workers[0]!.output()}`).toBe(true);
    expect(load.broken).toEqual([]);
    for (const answer of during.jobs) {
      expect(answer).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retry: expect.stringMatching(/^\d+$/),
      });
    }
    expect(during.ready).toEqual([503, 503, 503]);
    // A watch that began while the database was down waited for it, then got the job's state.
    await waitUntil(
      'the late watch completes',
      () => lateWatch.completed || lateWatch.errors.length > 0,
      15_000,
    );
    expect(lateWatch.errors).toEqual([]);
    expect(lateWatch.received.at(-1)?.jobUpdated.status).toBe('SUCCEEDED');
    // No socket was dropped by the server while the database was away.
    expect(team.map((person) => person.connections)).toEqual([1, 1, 1, 1]);
    // Refusals are typed and immediate: never a masked 500 or a hang.
    expect(load.refused.length).toBeGreaterThan(0);
    for (const refusal of load.refused) {
      expect(refusal.code).toBe('SERVICE_UNAVAILABLE');
      expect(refusal.ms).toBeLessThan(6_000);
    }
    expect(load.accepted.length).toBeGreaterThan(10);

    await expectEveryJobFinished(load.accepted);

    // Every image of every job reached its owner's imageAdded, once, whatever was down meanwhile.
    const { rows } = await database.query<{ id: string; job: string }>(
      `select id, job_id as job from image where job_id = any($1::uuid[])`,
      [load.accepted.map((job) => localId(job.id))],
    );
    for (const { person, watch } of images) {
      const mine = new Set(
        load.accepted.filter((job) => job.person === person).map((job) => localId(job.id)),
      );
      const expected = rows
        .filter((row) => mine.has(row.job))
        .map((row) => row.id)
        .sort();
      await waitUntil('every image was announced', () => watch.received.length >= expected.length, 15_000);
      expect(
        watch.received.map((payload) => localId(payload.imageAdded.id)).sort(),
        `images announced over ${person.connections} connection(s)`,
      ).toEqual(expected);
    }

    // An outage is logged once when it starts and once when it ends, not once per failed query.
    for (const child of [api, workers[0]!]) {
      const outages = countLines(child.output(), 'database unreachable');
      expect(outages).toBeGreaterThanOrEqual(1);
      expect(outages).toBeLessThanOrEqual(3);
    }
  }, 240_000);

  it('releases a killed worker’s jobs within seconds, says so to watchers, and records the interrupted call', async () => {
    const [person] = await newPeople(1);
    // The job runs on a slow worker (600 ms a step: 30 s even with both images painted at once), so
    // it is surely mid-call when that worker dies, while another worker, up for longer than a lease,
    // is there to notice and take the job over.
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    const doomed = startWorker({ ATELIER_LOCAL_STEP_MS: '600' });
    await doomed.ready;
    const accepted = await submit(person!, 2, 50);
    if (!('id' in accepted)) throw new Error(`refused: ${JSON.stringify(accepted)}`);
    await waitUntil(
      'the job runs',
      () => accepted.watch.received.some((p) => p.jobUpdated.stage?.includes('step')),
      20_000,
    );
    const survivor = startWorker();
    await survivor.ready;
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(accepted.watch.received.at(-1)?.jobUpdated.status, 'still running when its worker dies').toBe(
      'RUNNING',
    );
    await doomed.stop('SIGKILL');
    const killedAt = Date.now();

    const released = (p: JobPayload) =>
      p.jobUpdated.stage === 'worker lost — queued again' ||
      p.jobUpdated.attempts.some((attempt) => attempt.outcome === 'INTERRUPTED');
    await waitUntil(
      'watchers hear the job was released',
      () => accepted.watch.received.some(released),
      30_000,
    ).catch((error: Error) => {
      const stages = accepted.watch.received.map((p) => `${p.jobUpdated.status} ${p.jobUpdated.stage}`);
      throw new Error(`${error.message}\nstates: ${stages.join(' | ')}\nsurvivor:\n${survivor.output()}`);
    });
    const releasedAfterMs = Date.now() - killedAt;
    console.info(`a dead worker's job was released ${releasedAfterMs} ms after the kill`);
    expect(releasedAfterMs).toBeLessThan(12_000);

    await expectEveryJobFinished([accepted]);
    const outcomes = accepted.watch.received.at(-1)!.jobUpdated.attempts.map((attempt) => attempt.outcome);
    expect(outcomes).toEqual(['INTERRUPTED', 'SUCCEEDED']);
  }, 120_000);

  it('survives the API process restarting: clients reconnect and resume from their last seq', async () => {
    const team = await newPeople(2);
    const load = keepSubmitting(team, 400, 30);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await load.stop();
    const before = load.accepted.map((job) => job.watch.received.length);
    const old = api;
    await old.stop('SIGTERM');
    expect(old.process.exitCode).toBe(0);
    api = startApi();
    await api.ready;

    expect(load.broken).toEqual([]);
    expect(load.refused).toEqual([]);
    await expectEveryJobFinished(load.accepted);
    // Resumed watches pick up where they were: some saw states on both sides of the restart.
    expect(load.accepted.some((job, i) => before[i]! > 0 && job.watch.received.length > before[i]!)).toBe(
      true,
    );
  }, 120_000);
});
