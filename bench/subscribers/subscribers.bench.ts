/**
 * Claim: one change reaches every live subscriber quickly, with many open, and a connection costs
 * little memory that comes back when it closes. Rows: `imageUpdated` (the web app's subscription) to
 * 1k/3k/10k connections of one person, who stars and unstars an image; `libraryChanged` to 10k of
 * one person, who renames a collection; 10,000 people with one `imageUpdated` each and 200 changes
 * a second spread over them (written to the image table, as a worker would). Latency is from the
 * mutation's (or the write's) start to each delivery. Baseline, in the same run: a bare graphql-ws
 * server on the same `ws` library publishing the same payloads from memory (`POST /publish`).
 *
 * The server runs in its own child process (its RSS and CPU are read there), the connections in two
 * more, half each (10k connections need 10k descriptors on each side).
 *
 * Memory: `idle`, `at N` and `closed+gc` are read after a full collection, once RSS has settled
 * (V8 returns freed pages on a background thread, after the collection). `closed` is read
 * `BENCH_CLOSED_SECONDS` (10) after the last connection closed, without a collection: what the
 * closed connections left is garbage until V8's next major collection, which an idle process
 * gets from V8's memory reducer about 100 s after its last one (set 120 to see it).
 * `BENCH_ROWS` (comma-separated row names), `BENCH_ROUNDS` (5), `BENCH_SPREAD_SECONDS` (20) and
 * `BENCH_SPREAD_RATE` (200) change the run.
 */
import { execSync } from 'node:child_process';
import { createDatabase } from '../../apps/api/src/db/database';
import { timedRequest } from '../support/stack';
import { printTable, summarize } from '../support/stats';
import { type Child, now, startChild } from './ipc';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SPREAD_SECONDS = Number(process.env.BENCH_SPREAD_SECONDS ?? 20);
const SPREAD_RATE = Number(process.env.BENCH_SPREAD_RATE ?? 200);
const DELIVERY_DEADLINE_MS = 30_000;
const SETTLE_AFTER_CLOSE_MS = Number(process.env.BENCH_CLOSED_SECONDS ?? 10) * 1000;

const ImageUpdated = `subscription { imageUpdated { id starred tags deletedAt purgeAt } }`;
const LibraryChanged = `subscription { libraryChanged { kind id removed } }`;
const Star = `mutation($ids: [ID!]!, $starred: Boolean!) {
  setImagesStarred(ids: $ids, starred: $starred) { __typename ... on Error { message } }
}`;
const Rename = `mutation($input: UpdateCollectionInput!) {
  updateCollection(input: $input) { __typename ... on Error { message } }
}`;

type Field = 'imageUpdated' | 'libraryChanged';
interface Scenario {
  name: string;
  field: Field;
  subscribers: number;
  /** One person with every connection, or one person per connection with events spread over them. */
  spread: boolean;
}

const scenarios = (
  [
    { name: 'imageUpdated-1k', field: 'imageUpdated', subscribers: 1_000, spread: false },
    { name: 'imageUpdated-3k', field: 'imageUpdated', subscribers: 3_000, spread: false },
    { name: 'imageUpdated-10k', field: 'imageUpdated', subscribers: 10_000, spread: false },
    { name: 'libraryChanged-10k', field: 'libraryChanged', subscribers: 10_000, spread: false },
    { name: 'spread-10k', field: 'imageUpdated', subscribers: 10_000, spread: true },
  ] satisfies Scenario[]
).filter((s) => !process.env.BENCH_ROWS || process.env.BENCH_ROWS.split(',').includes(s.name));

interface Stats {
  at: number;
  cpuMicros: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  lazyFree: number;
}

interface Started {
  url: string;
  databaseUrl?: string;
  authorization?: string;
  imageId?: string;
  collectionId?: string;
  people?: { userId: string; authorization: string; imageId: string }[];
  ownerId?: string;
}

/** What one server does for the scenario: the connections' parameters, a warm-up check, the events. */
interface Target {
  params: Record<string, unknown>[];
  /** Fires event `n` (to person `person` when spread); resolves when the server answered. */
  fire: (n: number, person: number) => Promise<void>;
  /** Whether every subscription listens (spread runs cannot probe each person with an event). */
  allListening: () => Promise<boolean>;
  close: () => Promise<void>;
}

const clients: Child[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 1024 / 1024;

async function arrivedCount(): Promise<number> {
  const counts = await Promise.all(clients.map((client) => client.call<number>('count')));
  return counts.reduce((a, b) => a + b, 0);
}

async function take(): Promise<{ arrivals: [number, number][]; failures: string[] }> {
  const taken = await Promise.all(
    clients.map((client) => client.call<{ arrivals: [number, number][]; failures: string[] }>('take')),
  );
  return { arrivals: taken.flatMap((t) => t.arrivals), failures: taken.flatMap((t) => t.failures) };
}

async function waitForArrivals(expected: number, deadlineMs: number): Promise<void> {
  const deadline = now() + deadlineMs;
  while ((await arrivedCount()) < expected && now() < deadline) await sleep(10);
}

/** Waits until no more deliveries trickle in (late ones of the warm-up), and forgets them. */
async function quiet(): Promise<void> {
  do {
    await take();
    await sleep(500);
  } while ((await arrivedCount()) > 0);
}

async function openAll(url: string, query: string, params: Record<string, unknown>[]) {
  const half = Math.ceil(params.length / 2);
  await Promise.all([
    clients[0]!.call('open', { url, query, params: params.slice(0, half), firstIndex: 0 }),
    clients[1]!.call('open', { url, query, params: params.slice(half), firstIndex: half }),
  ]);
}

async function targetFor(server: Child, started: Started, kind: 'atelier' | 'bare', scenario: Scenario) {
  const n = scenario.subscribers;
  if (kind === 'bare') {
    const publish = async (person: string, payload: unknown) => {
      const response = await fetch(`${started.url}/publish`, {
        method: 'POST',
        body: JSON.stringify({ field: scenario.field, person, payload }),
      });
      await response.arrayBuffer();
    };
    const image = (starred: boolean) => ({ id: 'img-1', starred, tags: [], deletedAt: null, purgeAt: null });
    return {
      params: Array.from({ length: n }, (_, i) => ({ person: scenario.spread ? String(i) : 'one' })),
      fire: (round, person) =>
        scenario.field === 'libraryChanged'
          ? publish('one', { kind: 'COLLECTION', id: 'col-1', removed: false })
          : publish(scenario.spread ? String(person) : 'one', image(round % 2 === 0)),
      allListening: async () => (await server.call<number>('listening')) === n,
      close: async () => undefined,
    } satisfies Target;
  }
  const headers = { authorization: started.authorization! };
  if (scenario.spread) {
    const people = started.people!;
    const db = createDatabase(started.databaseUrl!, { max: 4 });
    return {
      params: people.map((person) => ({ authorization: person.authorization })),
      fire: async (_n, person) => {
        await db
          .updateTable('image')
          .set({ starred: true })
          .where('id', '=', people[person]!.imageId)
          .execute();
      },
      allListening: async () =>
        (await server.call<number>('listening', { topic: 'image', ids: people.map((p) => p.userId) })) === n,
      close: () => db.destroy(),
    } satisfies Target;
  }
  // Every event must change something, or no trigger fires: star and unstar in turn.
  let starred = false;
  return {
    params: Array.from({ length: n }, () => headers),
    fire: async (round) => {
      starred = !starred;
      const { data } =
        scenario.field === 'libraryChanged'
          ? await timedRequest(started.url, headers, Rename, {
              input: { id: started.collectionId, name: `bench ${round}` },
            })
          : await timedRequest(started.url, headers, Star, { ids: [started.imageId], starred });
      const answer = Object.values(data)[0] as { __typename: string; message?: string };
      if (answer.__typename === 'Error') throw new Error(answer.message);
    },
    allListening: async () => true,
    close: async () => undefined,
  } satisfies Target;
}

interface Measured {
  latencies: number[];
  mutationMs: number[];
  lost: number;
  failures: string[];
  cores: number;
}

/** One person's N connections: fire ROUNDS events, one at a time, each after the last was delivered. */
async function measureOnePerson(server: Child, target: Target, n: number): Promise<Measured> {
  // Warm-up: events until every connection has had one, so every subscription surely listens.
  for (let attempt = 0; ; attempt++) {
    await take();
    await target.fire(1_000 + attempt, 0);
    await waitForArrivals(n, 3_000);
    if ((await arrivedCount()) >= n) break;
    if (attempt === 20) throw new Error('not every connection started listening');
  }
  await quiet();
  const result: Measured = { latencies: [], mutationMs: [], lost: 0, failures: [], cores: 0 };
  let cpuMicros = 0;
  let wallMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const before = await server.call<Stats>('stats');
    const started = now();
    await target.fire(round, 0);
    result.mutationMs.push(now() - started);
    await waitForArrivals(n, DELIVERY_DEADLINE_MS);
    const after = await server.call<Stats>('stats');
    cpuMicros += after.cpuMicros - before.cpuMicros;
    wallMs += after.at - before.at;
    const { arrivals, failures } = await take();
    result.latencies.push(...arrivals.map(([, at]) => at - started));
    result.lost += n - arrivals.length;
    result.failures.push(...failures);
    await sleep(100);
  }
  result.cores = cpuMicros / 1000 / wallMs;
  return result;
}

/** One subscription per person: SPREAD_RATE events a second to distinct people for SPREAD_SECONDS. */
async function measureSpread(server: Child, target: Target, n: number): Promise<Measured> {
  const deadline = now() + 60_000;
  while (!(await target.allListening())) {
    if (now() > deadline) throw new Error('not every subscription listens');
    await sleep(100);
  }
  await take();
  const events = Math.min(n, SPREAD_RATE * SPREAD_SECONDS);
  const firedAt = new Map<number, number>();
  const mutationMs: number[] = [];
  const stride = Math.max(1, Math.floor(n / events));
  const before = await server.call<Stats>('stats');
  const start = now() + 50;
  const firing: Promise<void>[] = [];
  for (let k = 0; k < events; k++) {
    const due = start + (k * 1000) / SPREAD_RATE;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    const person = (k * stride) % n;
    const at = now();
    firedAt.set(person, at);
    firing.push(target.fire(k, person).then(() => void mutationMs.push(now() - at)));
  }
  await Promise.all(firing);
  await waitForArrivals(events, DELIVERY_DEADLINE_MS);
  const after = await server.call<Stats>('stats');
  const { arrivals, failures } = await take();
  const latencies: number[] = [];
  for (const [person, at] of arrivals) {
    const fired = firedAt.get(person);
    if (fired !== undefined) latencies.push(at - fired);
    else failures.push(`an event nobody fired reached connection ${person}`);
  }
  return {
    latencies,
    mutationMs,
    lost: events - latencies.length,
    failures,
    cores: (after.cpuMicros - before.cpuMicros) / 1000 / (after.at - before.at),
  };
}

async function run(kind: 'atelier' | 'bare', scenario: Scenario) {
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const server = await startChild('./server-process.ts', [kind], ['--expose-gc', ...profile]);
  try {
    const started = await server.call<Started>('start', {
      people: scenario.spread ? scenario.subscribers : 0,
    });
    const target = await targetFor(server, started, kind, scenario);
    await sleep(1_000);
    const idle = await server.call<Stats>('stats', { gc: true });
    const url = `${started.url.replace(/^http/, 'ws')}/graphql`;
    const opening = now();
    await openAll(url, scenario.field === 'libraryChanged' ? LibraryChanged : ImageUpdated, target.params);
    const openSeconds = (now() - opening) / 1000;
    const measured = scenario.spread
      ? await measureSpread(server, target, scenario.subscribers)
      : await measureOnePerson(server, target, scenario.subscribers);
    const full = await server.call<Stats>('stats', { gc: true });
    await Promise.all(clients.map((client) => client.call('close')));
    await sleep(SETTLE_AFTER_CLOSE_MS);
    const closed = await server.call<Stats>('stats');
    const collected = await server.call<Stats>('stats', { gc: true });
    await target.close();
    const stats = summarize(measured.latencies);
    const memory = (label: string, at: Stats) =>
      `${label} rss ${mb(at.rss).toFixed(0)} heap ${mb(at.heapUsed).toFixed(0)}/${mb(at.heapTotal).toFixed(0)} ext ${mb(at.external).toFixed(0)} lazily freed ${mb(at.lazyFree).toFixed(0)}`;
    console.log(
      `${kind} ${scenario.name} MB: ${[memory('idle', idle), memory('at N', full), memory('closed', closed), memory('closed+gc', collected)].join('; ')}`,
    );
    if (measured.failures.length > 0) {
      console.log(
        `${kind} ${scenario.name}: ${measured.failures.length} failures, e.g. ${measured.failures[0]}`,
      );
    }
    return {
      server: kind === 'bare' ? 'bare graphql-ws' : 'Atelier',
      row: scenario.name,
      conns: scenario.subscribers,
      deliveries: stats.n,
      'p50 ms': stats.p50,
      'p99 ms': stats.p99,
      'max ms': stats.max,
      lost: measured.lost,
      'mut p99 ms': summarize(measured.mutationMs).p99,
      'cpu cores': measured.cores,
      'rss MB idle': mb(idle.rss),
      'at N': mb(full.rss),
      closed: mb(closed.rss),
      'closed+gc': mb(collected.rss),
      'KB/conn': (full.rss - idle.rss) / 1024 / scenario.subscribers,
      'heap KB/conn': (full.heapUsed - idle.heapUsed) / 1024 / scenario.subscribers,
      'open s': openSeconds,
    };
  } finally {
    await server.call('stop').catch(() => undefined);
    await server.stop();
  }
}

clients.push(await startChild('./client-process.ts'), await startChild('./client-process.ts'));
const rows: Awaited<ReturnType<typeof run>>[] = [];
const ratios: string[] = [];
try {
  for (const scenario of scenarios) {
    const bare = await run('bare', scenario);
    const ours = await run('atelier', scenario);
    rows.push(bare, ours);
    ratios.push(
      `${scenario.name}: p99 ${(ours['p99 ms'] / bare['p99 ms']).toFixed(2)}× bare, p50 ${(ours['p50 ms'] / bare['p50 ms']).toFixed(2)}× bare`,
    );
    console.log(`done ${scenario.name} (load average ${execSync('cat /proc/loadavg').toString().trim()})`);
  }
} finally {
  await Promise.all(clients.map((client) => client.stop()));
}
printTable(
  `subscribers: ${ROUNDS} events per one-person row; spread: ${SPREAD_RATE}/s for ${SPREAD_SECONDS} s`,
  rows,
);
console.log('\nratio (Atelier / bare, same run):');
for (const ratio of ratios) console.log(`  ${ratio}`);
console.log(`\n${execSync('uptime').toString().trim()}`);
