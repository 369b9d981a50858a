import { cacheExchange, offlineExchange } from '@urql/exchange-graphcache';
import { makeDefaultStorage } from '@urql/exchange-graphcache/default-storage';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { cacheOptions } from './urql-cache';

const GRAPHQL_PATH = '/graphql';

function websocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${GRAPHQL_PATH}`;
}

/** One socket for all subscriptions; it reconnects forever with backoff, and resubscribes. */
function createSocket(): WsClient {
  return createWsClient({
    url: websocketUrl(),
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const ms = Math.min(10_000, 500 * 2 ** retries) * (0.75 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
  });
}

function canPersist(): boolean {
  return typeof indexedDB !== 'undefined';
}

/**
 * The app's urql client: graphcache (persisted in IndexedDB so the gallery browses offline),
 * fetch for queries and mutations, graphql-ws for subscriptions.
 */
export function createUrqlClient(): Client {
  const socket = createSocket();
  const cache = canPersist()
    ? offlineExchange({
        ...cacheOptions,
        storage: makeDefaultStorage({ idbName: 'atelier-graphcache-v2', maxAge: 14 }),
      })
    : cacheExchange(cacheOptions);
  return new Client({
    url: GRAPHQL_PATH,
    exchanges: [
      cache,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
