import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { LATEST_MIGRATION } from '../src/db/database-health';
import {
  appReadiness,
  type HealthServer,
  type Readiness,
  startHealthServer,
} from '../src/http/health-routes';
import { createLogger } from '../src/logger';
import { createTestDatabase, createTestStack, type TestStack } from './support/harness';

interface ReadyBody {
  status: string;
  failing?: string[];
  checks: Record<string, { ok: boolean; state: string }>;
}

let stack: TestStack;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await stack?.close();
});

async function serve(readiness: Readiness): Promise<HealthServer> {
  const server = await startHealthServer(readiness, 0, '127.0.0.1');
  cleanups.push(() => server.stop());
  return server;
}

async function probe(
  url: string,
  path = '/readyz',
): Promise<{ status: number; body: ReadyBody; retryAfter: string | null }> {
  const response = await fetch(`${url}${path}`);
  return {
    status: response.status,
    body: (await response.json()) as ReadyBody,
    retryAfter: response.headers.get('retry-after'),
  };
}

/** An app of its own (its own database, cloned from the migrated template, and data directory). */
async function separateApp(
  prepareDataDir?: (dir: string) => Promise<void>,
): Promise<{ app: App; dropDatabase: () => Promise<void> }> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-readiness-'));
  await prepareDataDir?.(dataDir);
  const app = await createApp({ databaseUrl: database.url, dataDir, logger: createLogger('silent') });
  cleanups.push(
    () => database.drop(),
    () => rm(dataDir, { recursive: true, force: true }),
    () => app.stop(),
  );
  // Dropped with its connections cut, while the app runs: as a database server that went away.
  return { app, dropDatabase: () => database.drop() };
}

describe('/readyz', () => {
  it('lists every check, all passing, on the API server and on the health port', async () => {
    const api = await stack.listen();
    const fromApi = await probe(api.url);
    expect(fromApi.status).toBe(200);
    expect(fromApi.body).toEqual({
      status: 'ready',
      checks: {
        database: { ok: true, state: 'up' },
        migrations: { ok: true, state: 'up to date' },
        storage: { ok: true, state: 'writable' },
      },
    });
    const healthPort = await serve(appReadiness(stack.app, { worker: false }));
    expect((await probe(healthPort.url)).body).toEqual(fromApi.body);
    expect(await probe(healthPort.url, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect((await fetch(`${healthPort.url}/graphql`)).status).toBe(404);
  });

  it('answers 503 naming the storage when files cannot be written', async () => {
    // Where the files directory should be there is a file: nothing can be written under it.
    const { app } = await separateApp((dir) => writeFile(join(dir, 'files'), 'not a directory'));
    const server = await serve(appReadiness(app, { worker: false }));
    const { status, body } = await probe(server.url);
    expect(status).toBe(503);
    expect(body.failing).toEqual(['storage']);
    expect(body.checks.storage).toEqual({ ok: false, state: 'not writable' });
    expect(body.checks.database!.ok).toBe(true);
  });

  it('answers 503 naming the migrations when the latest one is not applied, then the database once it is gone', async () => {
    const { app, dropDatabase } = await separateApp();
    const server = await serve(appReadiness(app, { worker: false }));
    expect((await probe(server.url)).status).toBe(200);

    // As a database an older deployment migrated: this code's newest migration is missing.
    await sql`delete from kysely_migration where name = ${LATEST_MIGRATION}`.execute(app.db);
    const behind = await probe(server.url);
    expect(behind.status).toBe(503);
    expect(behind.body.failing).toEqual(['migrations']);
    expect(behind.body.checks.migrations).toEqual({ ok: false, state: `${LATEST_MIGRATION} is not applied` });

    await dropDatabase();
    const gone = await probe(server.url);
    expect(gone.status).toBe(503);
    expect(gone.body.failing).toContain('database');
    expect(gone.body.checks.database).toEqual({ ok: false, state: 'unreachable' });
    expect(Number(gone.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('stays ready while every pooled connection is busy (a burst, not an outage)', async () => {
    const { app } = await separateApp();
    const server = await serve(appReadiness(app, { worker: false }));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The app's pool has 10 connections: hold them all, as a burst of subscriptions reloading does.
    const holders = Array.from({ length: 10 }, () =>
      app.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await held;
      }),
    );
    try {
      await expect(sql`select 1`.execute(app.db)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      const busy = await probe(server.url);
      expect(busy.status).toBe(200);
      expect(busy.body.checks.migrations).toEqual({ ok: true, state: 'up to date' });
    } finally {
      release();
      await Promise.all(holders);
    }
  }, 30_000);

  it('for a worker process, answers 503 naming the worker when its job runners have stopped', async () => {
    const server = await serve(appReadiness(stack.app, { worker: true }));
    const before = await probe(server.url);
    expect(before.body.checks.worker).toEqual({ ok: false, state: 'not started' });
    expect(before.body.failing).toEqual(['worker']);

    const handles = await stack.app.startWorkers({ cpu: 1, remote: 1 });
    const running = await probe(server.url);
    expect(running.status).toBe(200);
    expect(running.body.checks.worker).toEqual({ ok: true, state: 'running' });

    await handles[0]!.stop();
    const stopped = await probe(server.url);
    expect(stopped.status).toBe(503);
    expect(stopped.body.failing).toEqual(['worker']);
    expect(stopped.body.checks.worker).toEqual({ ok: false, state: 'a job runner has stopped' });
  });
});
