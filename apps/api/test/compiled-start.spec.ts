import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApi } from '../scripts/build';
import { freePort } from '../src/db/embedded';
import { signedUpClient } from './support/http-client';
import { GenerateImages, JobFields } from './support/operations';
import { createDatabase, dropDatabase } from './support/postgres';

// `pnpm start` runs the esbuild bundle with plain node, not tsx: this builds it (into a directory
// of its own, so that it never races a build in apps/api/dist) and runs it as one process of role
// `all` on an empty database: migrations, the lease heartbeat thread and the rendering threads
// must all be found from the bundle.

const apiRoot = fileURLToPath(new URL('../', import.meta.url));
const outdir = join(apiRoot, 'dist', `test-${randomBytes(4).toString('hex')}`);
const databaseName = `atelier_compiled_${randomBytes(6).toString('hex')}`;
const JobQuery = /* GraphQL */ `
  query ($id: ID!) {
    job(id: $id) {
      ...JobFields
    }
  }
  ${JobFields}
`;

let atelier: ChildProcess;
let output = '';
let baseUrl: string;
let dataDir: string;

beforeAll(async () => {
  await buildApi(outdir);
  const databaseUrl = await createDatabase(inject('adminUrl'), databaseName);
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-compiled-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  atelier = spawn(process.execPath, ['--enable-source-maps', join(outdir, 'main.js')], {
    cwd: apiRoot,
    env: {
      PATH: process.env.PATH, // eslint-disable-line no-process-env -- the child needs to find node
      ATELIER_ROLE: 'all',
      DATABASE_URL: databaseUrl,
      ATELIER_DATA_DIR: dataDir,
      PORT: String(port),
      ATELIER_LOCAL_STEP_MS: '20',
      // Two images at once are painted on rendering threads; few connections otherwise (the
      // test database server is shared).
      WORKER_CONCURRENCY: '2',
      WORKER_REMOTE_CONCURRENCY: '2',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Role `all` says so last, once its workers run too.
      if (output.includes('worker started')) resolve();
    };
    atelier.stdout!.on('data', onData);
    atelier.stderr!.on('data', onData);
    atelier.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready:\n${output}`)));
  });
}, 60_000);

afterAll(async () => {
  if (atelier?.exitCode === null) atelier.kill('SIGKILL');
  await rm(outdir, { recursive: true, force: true });
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await dropDatabase(inject('adminUrl'), databaseName);
});

describe('the compiled server (node dist/main.js)', () => {
  it('migrates an empty database, renders an image on its threads, reports ready and stops cleanly', async () => {
    const { client: person } = await signedUpClient(baseUrl, { first: true });
    const { data } = await person.graphql(GenerateImages, {
      input: { prompt: 'a kettle on a stove', provider: 'local', width: 256, height: 256, steps: 4 },
    });
    expect(data?.generateImages?.__typename).toBe('Job');
    const id = data.generateImages.id as string;

    let job: { status: string; images: { url: string }[]; error: unknown } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      job = (await person.graphql(JobQuery, { id })).data?.job;
      if (job && ['SUCCEEDED', 'FAILED', 'CANCELED'].includes(job.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect({ status: job?.status, error: job?.error }).toEqual({ status: 'SUCCEEDED', error: null });
    expect(job!.images).toHaveLength(1);
    const image = await fetch(new URL(job!.images[0]!.url, baseUrl), { headers: person.headers() });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);

    // The lease heartbeat runs on its own thread, loaded from the bundle.
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, unknown> }).checks).toHaveProperty('worker', {
      ok: true,
      state: 'running',
    });
    expect(output).not.toMatch(/lease heartbeat failed|could not start/);

    const exited = new Promise<number | null>((resolve) => atelier.once('exit', (code) => resolve(code)));
    atelier.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
