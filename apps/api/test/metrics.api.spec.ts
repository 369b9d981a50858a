import type { Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../src/metrics/metrics';
import { type MetricsServer, startMetricsServer } from '../src/metrics/metrics-http';
import { buildServer, type RunningServer } from '../src/server';
import { createTestStack, type TestStack, VIEWER_HEADER } from './support/harness';
import { GenerateImages, JobUpdated } from './support/operations';
import { subscribe } from './support/ws-client';

const TOKEN = 'metrics-token-for-the-test-0123456789';

let stack: TestStack;
let metrics: Metrics;
/** No metrics at all: as a server starts without ATELIER_METRICS. */
let plain: RunningServer;
/** Metrics on the main port behind the token. */
let tokened: RunningServer;
/** Metrics recorded but served on a port of their own (no token on the main port). */
let mainOfSeparate: RunningServer;
let separate: MetricsServer;
let me: Viewer;

beforeAll(async () => {
  stack = await createTestStack();
  plain = await stack.listen();
  metrics = new Metrics({ jobs: stack.app.repositories.jobs, events: stack.app.events });
  tokened = await buildServer(stack.app, { metrics, metricsToken: TOKEN }).listen(0, '127.0.0.1');
  mainOfSeparate = await buildServer(stack.app, { metrics }).listen(0, '127.0.0.1');
  separate = await startMetricsServer(metrics, 0, '127.0.0.1', stack.app.logger);
  me = await stack.newUser();
});
afterAll(async () => {
  await tokened?.stop();
  await mainOfSeparate?.stop();
  await separate?.stop();
  metrics?.stop();
  await stack?.close();
});

interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parse(text: string): Series[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1]!, pair[2]!]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

async function scrape(): Promise<{ text: string; series: Series[] }> {
  const response = await fetch(separate.url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  return { text, series: parse(text) };
}

function find(series: Series[], name: string, labels: Record<string, string> = {}): Series[] {
  return series.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/** Scrapes until `ready` holds (the socket and the subscription start as the client gets to them). */
async function scrapeUntil(ready: (series: Series[]) => boolean): Promise<Series[]> {
  for (;;) {
    const { series } = await scrape();
    if (ready(series)) return series;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function graphql(url: string, query: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-atelier-csrf': '1', [VIEWER_HEADER]: me.id },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  expect(body.errors).toBeUndefined();
}

describe('exposure', () => {
  it('is off by default: a server without metrics has no /metrics', async () => {
    const response = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('atelier_');
  });

  it('on the main port, answers only the metrics token', async () => {
    const without = await fetch(`${tokened.url}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${tokened.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('atelier_');
    const right = await fetch(`${tokened.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('# TYPE atelier_http_request_duration_seconds histogram');
  });

  it('on a port of its own serves /metrics there, and the main port does not', async () => {
    const main = await fetch(`${mainOfSeparate.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(main.status).toBe(404);
    const { series } = await scrape();
    expect(find(series, 'atelier_websocket_connections')).toHaveLength(1);
    const elsewhere = await fetch(separate.url.replace(/\/metrics$/, '/graphql'));
    expect(elsewhere.status).toBe(404);
  });
});

describe('what it records', () => {
  it('times GraphQL operations by name and type, never by their text', async () => {
    await graphql(tokened.url, 'query MetricsProbe { probeAliasQz: images(first: 1) { edges { cursor } } }');
    await graphql(tokened.url, '{ anonymousAliasQz: images(first: 1) { edges { cursor } } }');
    const { text, series } = await scrape();
    const named = find(series, 'atelier_graphql_operation_duration_seconds_count', {
      operation: 'MetricsProbe',
      type: 'query',
    });
    expect(named).toHaveLength(1);
    expect(named[0]!.value).toBe(1);
    expect(
      find(series, 'atelier_graphql_operation_duration_seconds_count', {
        operation: 'anonymous',
        type: 'query',
      })[0]?.value,
    ).toBe(1);
    expect(text).not.toContain('probeAliasQz');
    expect(text).not.toContain('anonymousAliasQz');
    expect(text).not.toContain('edges');
    const graphqlRequests = find(series, 'atelier_http_request_duration_seconds_count', {
      method: 'POST',
      route: '/graphql',
      status: '200',
    });
    expect(graphqlRequests[0]?.value).toBeGreaterThanOrEqual(2);
  });

  it('counts a job that ran by status and pool, and its provider call by provider and model', async () => {
    const { data } = await stack.graphql(me, GenerateImages, {
      input: { prompt: 'lighthouse in fog', provider: 'local', width: 256, height: 256, steps: 2 },
    });
    const job = data.generateImages as { id: string; input: { model: string } };
    const states = await subscribe(tokened.url, me, JobUpdated, { id: job.id }).done;
    expect(states.at(-1).jobUpdated.status).toBe('SUCCEEDED');

    const { series } = await scrape();
    expect(find(series, 'atelier_jobs', { status: 'SUCCEEDED', pool: 'cpu' })[0]?.value).toBe(1);
    const calls = find(series, 'atelier_provider_call_duration_seconds_count', {
      provider: 'local',
      outcome: 'SUCCEEDED',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.labels.model).toBe(job.input.model);
    expect(calls[0]!.value).toBe(1);
    expect(
      find(series, 'atelier_provider_calls_total', { provider: 'local', outcome: 'SUCCEEDED' })[0]?.value,
    ).toBe(1);
    // The job's events came over NOTIFY, each stamped when sent.
    expect(find(series, 'atelier_event_bus_lag_seconds_count')[0]?.value).toBeGreaterThan(0);
    // Nothing waits any more, in either pool.
    for (const pool of ['cpu', 'remote']) {
      expect(find(series, 'atelier_queue_depth', { pool })[0]?.value).toBe(0);
      expect(find(series, 'atelier_queue_oldest_age_seconds', { pool })[0]?.value).toBe(0);
    }
  });

  it('shows a WebSocket subscription while it is open, and not after it closes', async () => {
    const before = await scrapeUntil(
      (series) => find(series, 'atelier_graphql_active_subscriptions')[0]?.value === 0,
    );
    expect(find(before, 'atelier_websocket_connections')[0]?.value).toBe(0);
    const subscription = subscribe(
      tokened.url,
      me,
      'subscription Library { libraryChanged { id kind } }',
      {},
    );
    const open = await scrapeUntil(
      (series) => find(series, 'atelier_graphql_active_subscriptions')[0]?.value === 1,
    );
    expect(find(open, 'atelier_websocket_connections')[0]?.value).toBe(1);
    await subscription.close();
    const closed = await scrapeUntil(
      (series) =>
        find(series, 'atelier_graphql_active_subscriptions')[0]?.value === 0 &&
        find(series, 'atelier_websocket_connections')[0]?.value === 0,
    );
    expect(
      find(closed, 'atelier_graphql_operation_duration_seconds_count', {
        operation: 'Library',
        type: 'subscription',
      }),
    ).toHaveLength(1);
  });

  it('reads the queue depth and the age of the oldest waiting job per pool when scraped', async () => {
    // Waiting jobs without a task, so no worker takes them: one remote (flux), made 90 s ago, one CPU (local).
    const { rows } = await sql<{ id: string }>`
      insert into job (owner_id, kind, provider, input, status, created_at)
      values (${me.id}, 'GENERATE', 'flux', '{}'::jsonb, 'QUEUED', now() - interval '90 seconds'),
             (${me.id}, 'GENERATE', 'local', '{}'::jsonb, 'QUEUED', now())
      returning id`.execute(stack.app.db);
    try {
      const { series } = await scrape();
      expect(find(series, 'atelier_queue_depth', { pool: 'remote' })[0]?.value).toBe(1);
      expect(find(series, 'atelier_queue_depth', { pool: 'cpu' })[0]?.value).toBe(1);
      expect(
        find(series, 'atelier_queue_oldest_age_seconds', { pool: 'remote' })[0]?.value,
      ).toBeGreaterThanOrEqual(90);
      expect(find(series, 'atelier_jobs', { status: 'QUEUED', pool: 'remote' })[0]?.value).toBe(1);
    } finally {
      await sql`delete from job where id = any(${rows.map((row) => row.id)}::uuid[])`.execute(stack.app.db);
    }
  });

  it('has the process metrics: memory, heap and event-loop lag', async () => {
    const { series } = await scrape();
    expect(find(series, 'atelier_process_resident_memory_bytes')[0]?.value).toBeGreaterThan(0);
    expect(find(series, 'atelier_nodejs_heap_size_used_bytes')[0]?.value).toBeGreaterThan(0);
    expect(find(series, 'atelier_nodejs_eventloop_lag_seconds')).toHaveLength(1);
    expect(find(series, 'atelier_nodejs_eventloop_lag_p99_seconds')).toHaveLength(1);
  });
});
