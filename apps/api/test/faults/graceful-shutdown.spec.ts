import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../../src/db/embedded';
import { type AtelierProcess, startAtelierProcess } from '../support/atelier-process';
import { localId } from '../support/factories';
import { createTestDatabase } from '../support/harness';
import { Person } from './support/person';

// Real processes on one database, as a rolling deploy meets them: two API processes (A, B) and
// two workers (W1, W2). The tests run in order and each SIGTERMs one of them: W1, then A, then B.

const Generate = /* GraphQL */ `
  mutation ($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        id
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
        message
      }
    }
  }
`;
const ImageAdded = /* GraphQL */ `
  subscription {
    imageAdded {
      id
    }
  }
`;

interface JobState {
  id: string;
  seq: number;
  status: string;
  stage: string | null;
  attempts: { outcome: string; message: string | null }[];
}
interface Seen {
  at: number;
  job: JobState;
}

/** The lease a worker that stops renewing keeps its tasks for (lease-keeper.ts): what a handover must beat. */
const LEASE_MS = 6_000;
/** main.ts exits by then whatever happens; a graceful stop is well inside it. */
const SHUTDOWN_DEADLINE_MS = 10_000;
const STEP_MS = 300;

let database: { url: string; drop(): Promise<void> };
let pool: pg.Pool;
let dataDir: string;
const apis: { a?: AtelierProcess & { url: string }; b?: AtelierProcess & { url: string } } = {};
const workers: { w1?: AtelierProcess; w2?: AtelierProcess } = {};
let person: Person;
let w2HealthPort: number;
const sockets: Client[] = [];

async function startApi(): Promise<AtelierProcess & { url: string }> {
  const port = await freePort();
  const api = startAtelierProcess({
    role: 'api',
    databaseUrl: database.url,
    dataDir,
    env: { PORT: String(port), ATELIER_TRUST_PROXY: '1' },
  });
  return Object.assign(api, { url: `http://127.0.0.1:${port}` });
}

function startWorker(env: Record<string, string> = {}): AtelierProcess {
  return startAtelierProcess({
    role: 'worker',
    databaseUrl: database.url,
    dataDir,
    env: {
      ATELIER_LOCAL_STEP_MS: String(STEP_MS),
      WORKER_CONCURRENCY: '1',
      WORKER_REMOTE_CONCURRENCY: '1',
      ...env,
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-shutdown-'));
  apis.a = await startApi();
  apis.b = await startApi();
  workers.w1 = startWorker();
  w2HealthPort = await freePort();
  workers.w2 = startWorker({ ATELIER_HEALTH_PORT: String(w2HealthPort) });
  await Promise.all([apis.a.ready, apis.b.ready, workers.w1.ready, workers.w2.ready]);
  person = await Person.signUp(apis.a.url, true);
  // Only their token and HTTP client are used: their own socket would keep calling A once it is gone.
  await person.close();
}, 120_000);

afterAll(async () => {
  await Promise.all(sockets.map((socket) => Promise.resolve(socket.dispose())));
  const all = [apis.a, apis.b, workers.w1, workers.w2].filter((child) => child !== undefined);
  await Promise.all(all.map((child) => child.stop('SIGKILL')));
  await pool?.end();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** SIGTERMs `child` and resolves with its exit code and how long it took to exit. */
async function terminate(child: AtelierProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  await child.stop('SIGTERM');
  return { code: child.process.exitCode, ms: Date.now() - started };
}

async function submit(steps: number): Promise<string> {
  const { data } = await person.http.graphql(Generate, {
    input: { prompt: 'a lantern in the fog', provider: 'local', width: 256, height: 256, steps, count: 1 },
  });
  expect(data?.generateImages?.__typename).toBe('Job');
  return data.generateImages.id as string;
}

async function imagesOf(jobId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from image where job_id = $1', [
    localId(jobId),
  ]);
  return rows[0]!.n;
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A graphql-ws socket as the web app keeps one: reconnects to `url()` (for ever, unless `retry` is
 * false), logging close codes.
 */
function reconnectingSocket(url: () => string, closeCodes: number[], retry = true): Client {
  const socket = createClient({
    url: () => `${url().replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${person.token}` },
    retryAttempts: retry ? Number.POSITIVE_INFINITY : 0,
    shouldRetry: () => true,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 100)),
    on: { closed: (event) => void closeCodes.push((event as { code: number }).code) },
  });
  sockets.push(socket);
  return socket;
}

/** Watches a job over `socket`, resuming from the last seq it got on every reconnect. */
function watchJob(socket: Client, id: string): { seen: Seen[]; errors: unknown[]; completed: () => boolean } {
  const seen: Seen[] = [];
  const errors: unknown[] = [];
  let completed = false;
  // graphql-ws sends this same object again on every reconnect: advancing it resumes the watch.
  const payload = { query: JobUpdated, variables: { id, afterSeq: 0 } };
  socket.subscribe<{ jobUpdated: JobState }>(payload, {
    next: (result) => {
      if (result.errors?.length) return void errors.push(...result.errors);
      const job = result.data!.jobUpdated;
      seen.push({ at: Date.now(), job });
      payload.variables.afterSeq = job.seq;
    },
    error: (error) => void errors.push(error),
    complete: () => (completed = true),
  });
  return { seen, errors, completed: () => completed };
}

/** A GraphQL request whose body arrives slowly: half now, the rest after `send()`. */
function slowRequest(baseUrl: string, query: string) {
  const body = JSON.stringify({ query });
  const half = Math.floor(body.length / 2);
  let finishBody = () => undefined as void;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        ...person.http.headers({ 'content-type': 'application/json' }),
        'content-length': String(Buffer.byteLength(body)),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, half));
    finishBody = () => void req.end(body.slice(half));
  });
  return { answer, send: () => finishBody() };
}

describe('SIGTERM', () => {
  it('a worker mid-job hands the job to the other worker at once: finished there, one image, no duplicate', async () => {
    const w1 = workers.w1!;
    const w2 = workers.w2!;
    // A worker process answers its supervisor on a health port of its own.
    const health = await fetch(`http://127.0.0.1:${w2HealthPort}/readyz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { checks: Record<string, unknown> }).checks).toMatchObject({
      database: { ok: true },
      worker: { ok: true, state: 'running' },
    });
    // W2 paused while the job is taken, so that W1 is the one running it.
    w2.process.kill('SIGSTOP');
    const socket = reconnectingSocket(() => apis.a!.url, []);
    let watch: ReturnType<typeof watchJob>;
    let jobId: string;
    try {
      jobId = await submit(30);
      watch = watchJob(socket, jobId);
      await until(
        'W1 is painting',
        () => watch.seen.some((s) => s.job.stage?.includes('step') ?? false),
        15_000,
      );
    } finally {
      w2.process.kill('SIGCONT');
    }
    // Nine seconds of painting, well under way: W1 cannot finish it in its three seconds of grace.
    const signalledAt = Date.now();
    const stopped = await terminate(w1);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(SHUTDOWN_DEADLINE_MS);

    await until('the job ended', () => watch.completed(), 30_000);
    const states = watch.seen.map((s) => s.job);
    expect(watch.errors).toEqual([]);
    const final = states.at(-1)!;
    expect(final.status).toBe('SUCCEEDED');
    // Interrupted by the shutdown (not lost with a dead worker), then run to its end by W2.
    expect(final.attempts.map((attempt) => attempt.outcome)).toEqual(['INTERRUPTED', 'SUCCEEDED']);
    expect(final.attempts[0]!.message).toBe('The worker stopped; the job was queued again');
    expect(states.some((job) => job.stage === 'worker lost — queued again')).toBe(false);
    expect(await imagesOf(jobId)).toBe(1);

    // Taken again before a lapsed lease could have released it.
    const requeued = watch.seen.findIndex((s) => s.job.status === 'QUEUED' && s.at > signalledAt);
    const resumed = watch.seen.slice(requeued).find((s) => s.job.status === 'RUNNING');
    expect(requeued).toBeGreaterThan(0);
    expect(resumed!.at - signalledAt).toBeLessThan(LEASE_MS);
  }, 90_000);

  it('an API process: a subscriber reconnects to another and resumes from its last seq, nothing missed or repeated', async () => {
    const a = apis.a!;
    const b = apis.b!;
    const closeCodes: number[] = [];
    let target = a.url;
    const socket = reconnectingSocket(() => target, closeCodes);
    const jobId = await submit(12);
    const watch = watchJob(socket, jobId);
    await until(
      'the job is painting',
      () => watch.seen.some((s) => s.job.stage?.includes('step') ?? false),
      20_000,
    );

    // As a load balancer would once A stops answering.
    target = b.url;
    const before = watch.seen.length;
    const stopped = await terminate(a);
    expect(stopped.code).toBe(0);
    await until('the job ended', () => watch.completed(), 30_000);

    expect(closeCodes[0]).toBe(1001);
    expect(watch.errors).toEqual([]);
    const seqs = watch.seen.map((s) => s.job.seq);
    // Strictly increasing: no state twice, none out of order, across the move from A to B.
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    expect(watch.seen.length).toBeGreaterThan(before);
    const { rows } = await pool.query<{ seq: number; status: string }>(
      'select seq, status from job where id = $1',
      [localId(jobId)],
    );
    expect({ seq: seqs.at(-1), status: watch.seen.at(-1)!.job.status }).toEqual({
      seq: rows[0]!.seq,
      status: 'SUCCEEDED',
    });
    expect(await imagesOf(jobId)).toBe(1);
  }, 90_000);

  it('an API process: a request in flight is answered, sockets get 1001, new connections are refused, exit 0', async () => {
    const b = apis.b!;
    const closeCodes: number[] = [];
    // Nowhere to reconnect to: the last API process is going.
    const socket = reconnectingSocket(() => b.url, closeCodes, false);
    const connected = new Promise<void>((resolve) => socket.on('connected', () => resolve()));
    socket.subscribe(
      { query: ImageAdded },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await connected;
    const slow = slowRequest(b.url, '{ viewer { id } }');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const exited = terminate(b);
    await until('B is shutting down', () => b.output().includes('shutting down'), 5_000);
    await until('the socket is closed', () => closeCodes.length > 0, 5_000);
    await expect(fetch(`${b.url}/healthz`)).rejects.toThrow();
    slow.send();
    const answer = await slow.answer;
    const stopped = await exited;

    expect(closeCodes[0]).toBe(1001);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ data: { viewer: { id: expect.any(String) } } });
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(SHUTDOWN_DEADLINE_MS);
  }, 60_000);
});
