/**
 * Claim: one change reaches every live subscriber of a person quickly, even with many open. N
 * WebSocket connections of one person each hold the web app's `imageUpdated` subscription; the
 * person stars and unstars an image R times; each delivery's latency is measured from the
 * mutation's start. Baseline, in the same run: a bare graphql-ws server on the same `ws` library
 * that pushes a payload of the same shape to N subscribers from an in-memory channel, no database.
 * `BENCH_SUBSCRIBERS` (default 1000) and `BENCH_ROUNDS` (default 5) change the sizes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Repeater } from '@repeaterjs/repeater';
import { buildSchema } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { newImage } from '../../apps/api/test/support/factories';
import { startBenchStack } from '../support/stack';
import { printTable, summarize } from '../support/stats';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const OPEN_AT_ONCE = 100;

const ImageUpdated = `subscription { imageUpdated { id starred tags deletedAt purgeAt } }`;
const Star = `mutation($ids: [ID!]!, $starred: Boolean!) {
  setImagesStarred(ids: $ids, starred: $starred) { __typename ... on Error { message } }
}`;

interface Round {
  latencies: number[];
  received: number;
  mutationMs: number;
}

/** Opens `count` clients, each with one subscription that calls `onData` per event; resolves once all are acknowledged. */
async function subscribeAll(
  url: string,
  count: number,
  params: Record<string, unknown>,
  query: string,
  onData: () => void,
) {
  const clients: Client[] = [];
  for (let opened = 0; opened < count; opened += OPEN_AT_ONCE) {
    const batch = Array.from({ length: Math.min(OPEN_AT_ONCE, count - opened) }, () => {
      return new Promise<void>((resolve, reject) => {
        const client = createClient({
          url,
          webSocketImpl: WebSocket,
          connectionParams: params,
          lazy: false,
          retryAttempts: 0,
          on: { connected: () => resolve() },
        });
        client.subscribe({ query }, { next: onData, error: reject, complete: () => undefined });
        clients.push(client);
      });
    });
    await Promise.all(batch);
  }
  // Subscriptions start after connection_ack; give the last ones a moment to register.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    dispose: async () => {
      for (const client of clients) await client.dispose();
    },
  };
}

async function measure(
  rounds: number,
  fire: (round: number) => Promise<void>,
  arrivals: { at: number[] },
): Promise<Round[]> {
  const results: Round[] = [];
  for (let round = 0; round < rounds; round++) {
    arrivals.at = [];
    const started = performance.now();
    await fire(round);
    const mutationMs = performance.now() - started;
    const deadline = performance.now() + 30_000;
    while (arrivals.at.length < SUBSCRIBERS && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    results.push({
      latencies: arrivals.at.map((at) => at - started),
      received: arrivals.at.length,
      mutationMs,
    });
  }
  return results;
}

async function ours(): Promise<Round[]> {
  const stack = await startBenchStack({ worker: false });
  try {
    const image = await newImage(stack.app, stack.owner, { prompt: 'a lighthouse on a cliff' });
    const { images } = await stack.graphql(`{ images(first: 1) { edges { node { id } } } }`);
    const id = images.edges[0].node.id as string;
    void image;
    const arrivals = { at: [] as number[] };
    const url = `${stack.server.url.replace(/^http/, 'ws')}/graphql`;
    const subscribers = await subscribeAll(
      url,
      SUBSCRIBERS,
      { authorization: stack.authorization },
      ImageUpdated,
      () => arrivals.at.push(performance.now()),
    );
    const rounds = await measure(
      ROUNDS,
      async (round) => {
        const answer = await stack.graphql(Star, { ids: [id], starred: round % 2 === 0 });
        if (answer.setImagesStarred.__typename === 'Error') throw new Error(answer.setImagesStarred.message);
      },
      arrivals,
    );
    await subscribers.dispose();
    return rounds;
  } finally {
    await stack.close();
  }
}

async function bare(): Promise<Round[]> {
  const schema = buildSchema(`
    type Image { id: ID! starred: Boolean! tags: [String!]! deletedAt: String purgeAt: String }
    type Query { ok: Boolean }
    type Subscription { imageUpdated: Image! }
  `);
  const listeners = new Set<(image: unknown) => void>();
  const roots = {
    imageUpdated: () =>
      new Repeater<{ imageUpdated: unknown }>(async (push, stop) => {
        const listener = (image: unknown) => void push({ imageUpdated: image });
        listeners.add(listener);
        await stop;
        listeners.delete(listener);
      }),
  };
  const server = createServer();
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const handle = useServer({ schema, roots: { subscription: roots } }, wss);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const arrivals = { at: [] as number[] };
  const subscribers = await subscribeAll(url, SUBSCRIBERS, {}, ImageUpdated, () =>
    arrivals.at.push(performance.now()),
  );
  const rounds = await measure(
    ROUNDS,
    async (round) => {
      const image = { id: 'img-1', starred: round % 2 === 0, tags: [], deletedAt: null, purgeAt: null };
      for (const listener of listeners) listener(image);
    },
    arrivals,
  );
  await subscribers.dispose();
  await handle.dispose();
  await new Promise((resolve) => server.close(resolve));
  return rounds;
}

function row(name: string, rounds: Round[]) {
  const latencies = rounds.flatMap((round) => round.latencies);
  const stats = summarize(latencies);
  return {
    server: name,
    subscribers: SUBSCRIBERS,
    events: rounds.length,
    'p50 ms': stats.p50,
    'p99 ms': stats.p99,
    'max ms': stats.max,
    'mutation p99 ms': summarize(rounds.map((round) => round.mutationMs)).p99,
    lost: SUBSCRIBERS * rounds.length - rounds.reduce((sum, round) => sum + round.received, 0),
  };
}

const baseline = row('bare graphql-ws', await bare());
const atelier = row('Atelier imageUpdated', await ours());
printTable(`imageUpdated to ${SUBSCRIBERS} subscribers of one person, ${ROUNDS} events`, [baseline, atelier]);
console.log(`\nratio (p99, Atelier / bare): ${(atelier['p99 ms'] / baseline['p99 ms']).toFixed(2)}×`);
