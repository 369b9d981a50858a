/**
 * A child process running one server whose memory and CPU the parent reads: `atelier` (the real
 * API on a throw-away database) or `bare` (graphql-ws on the same `ws` library, publishing from
 * memory what `POST /publish` names, no database).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeHeapSnapshot } from 'node:v8';
import { Repeater } from '@repeaterjs/repeater';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { BenchStack } from '../support/stack';
import { now, serve } from './ipc';

const mode = process.argv[2];

/**
 * Memory handed back with MADV_FREE: still counted in RSS until the kernel needs it, when it takes
 * it back without asking. RSS minus this is what the process really holds.
 */
function lazyFreeBytes(): number {
  const kb = /^LazyFree:\s+(\d+) kB/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

/**
 * With `gc`, after a full collection (the process runs with --expose-gc) and once RSS has settled:
 * V8 hands the pages it freed back to the system on a background thread after the collection, so
 * RSS read at once still counts them (about 150 MB after 10k connections closed).
 */
async function stats({ gc }: { gc?: boolean } = {}) {
  if (gc) {
    globalThis.gc!();
    await settled();
  }
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    at: now(),
    cpuMicros: cpu.user + cpu.system,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    lazyFree: lazyFreeBytes(),
  };
}

/** Waits a second, then until RSS stops falling (less than 1 MB in 200 ms), at most 5 s in all. */
async function settled(): Promise<void> {
  let rss = process.memoryUsage.rss();
  for (let waited = 200; waited <= 5_000; waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = process.memoryUsage.rss();
    if (waited >= 1_000 && rss - next < 1024 * 1024) return;
    rss = next;
  }
}

const CreateCollection = `mutation($input: CreateCollectionInput!) {
  createCollection(input: $input) { __typename ... on Collection { id } ... on Error { message } }
}`;

async function atelier() {
  const { startBenchStack } = await import('../support/stack');
  const { createPeople } = await import('../support/people');
  let stack: BenchStack | null = null;
  serve({
    async start({ people }: { people: number }) {
      stack = await startBenchStack({ worker: false });
      const { app, owner } = stack;
      const row = await app.db
        .insertInto('image')
        .values({
          ownerId: owner.id,
          blobKey: `ff/${'f'.repeat(64)}.png`,
          width: 512,
          height: 512,
          mime: 'image/png',
          bytes: 1000,
          prompt: 'a lighthouse on a cliff',
          provider: 'local',
          model: 'procedural-v1',
          params: JSON.stringify({}),
          seed: 1,
          tags: [],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const collection = await stack.graphql(CreateCollection, { input: { name: 'bench' } });
      if (collection.createCollection.__typename !== 'Collection') {
        throw new Error(JSON.stringify(collection));
      }
      return {
        url: stack.server.url,
        databaseUrl: stack.databaseUrl,
        ownerId: owner.id,
        authorization: stack.authorization,
        imageId: Buffer.from(`Image:${row.id}`).toString('base64'),
        collectionId: collection.createCollection.id as string,
        people: people > 0 ? await createPeople(app, people) : [],
      };
    },
    stats,
    /** Writes a heap snapshot (to look into what a connection keeps, by hand). */
    snapshot: ({ path }: { path: string }) => writeHeapSnapshot(path),
    /** How many of `ids` have a live listener on `topic`. */
    listening({ topic, ids }: { topic: 'image' | 'library'; ids: string[] }) {
      return ids.filter((id) => stack!.app.events.listeners(topic, id) > 0).length;
    },
    async stop() {
      await stack?.close();
      setImmediate(() => process.exit(0));
    },
  });
}

async function bare() {
  const schema = buildSchema(`
    type Image { id: ID! starred: Boolean! tags: [String!]! deletedAt: String purgeAt: String }
    type LibraryChange { kind: String! id: ID! removed: Boolean! }
    type Query { ok: Boolean }
    type Subscription { imageUpdated: Image! libraryChanged: LibraryChange! }
  `);
  const channels = new Map<string, Set<(payload: unknown) => void>>();
  let listeners = 0;
  const channel = (field: string) => (_args: unknown, context: { person: string }) =>
    new Repeater<Record<string, unknown>>(async (push, stop) => {
      const key = `${field}:${context.person}`;
      const listener = (payload: unknown) => void push({ [field]: payload });
      if (!channels.has(key)) channels.set(key, new Set());
      channels.get(key)!.add(listener);
      listeners++;
      await stop;
      listeners--;
      channels.get(key)!.delete(listener);
      if (channels.get(key)!.size === 0) channels.delete(key);
    });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { field, person, payload } = JSON.parse(body) as {
        field: string;
        person: string;
        payload: unknown;
      };
      for (const listener of channels.get(`${field}:${person}`) ?? []) listener(payload);
      res.writeHead(200).end('{}');
    });
  });
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const handle = useServer(
    {
      schema,
      roots: {
        subscription: { imageUpdated: channel('imageUpdated'), libraryChanged: channel('libraryChanged') },
      },
      context: (ctx) => ({ person: (ctx.connectionParams?.person as string | undefined) ?? 'one' }),
    },
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serve({
    start: () => ({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    stats,
    listening: () => listeners,
    async stop() {
      await handle.dispose();
      server.closeAllConnections();
      setImmediate(() => process.exit(0));
    },
  });
}

if (mode === 'atelier') await atelier();
else await bare();
