import { cacheExchange, offlineExchange, type StorageAdapter } from '@urql/exchange-graphcache';
import { makeDefaultStorage } from '@urql/exchange-graphcache/default-storage';
import type { Client as WsClient, createClient as createWsClient } from 'graphql-ws';
import {
  Client,
  fetchExchange,
  mapExchange,
  subscriptionExchange,
  type Exchange,
  type Operation,
  type SubscriptionForwarder,
} from 'urql';
import { createConnectionStatus, type ConnectionStatus } from './connection-status';
import { persistedDocumentsExchange } from './persisted-documents';
import { watchReplays, type ReplayRefusal } from './offline/replay-refusals';
import {
  retryDelayMs,
  serviceUnavailableExchange,
  serviceUnavailableRetryAfter,
} from './service-unavailable';
import { resumablePayload } from './subscription-resume';
import { cacheOptions } from './urql-cache';

const GRAPHQL_PATH = '/graphql';

/** The server refuses GraphQL over HTTP without it (a page on another site cannot set it). */
export const CSRF_HEADER = 'x-atelier-csrf';

/** The offline cache's IndexedDB database. */
export const OFFLINE_DB_NAME = 'atelier-graphcache-v2';

function websocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${GRAPHQL_PATH}`;
}

/**
 * A normal closure is this side's doing (its last subscription ended, or the client was thrown
 * away), not an outage; were it the server's, the retry that follows (`connecting`) says so.
 */
function normalClosure(event: unknown): boolean {
  return (event as { code?: unknown } | null)?.code === 1000;
}

/**
 * One socket for all subscriptions; it reconnects forever with backoff, and resubscribes. The
 * browser sends the session cookie on the upgrade (same origin), which is how the server knows who
 * subscribes; that is why a new session gets a new socket (see `dispose`). `status` hears when it
 * drops after having been connected, and when it is connected again.
 */
function createSocket(createClient: typeof createWsClient, status: ConnectionStatus) {
  let everConnected = false;
  return createClient({
    url: websocketUrl(),
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const ms = Math.min(10_000, 500 * 2 ** retries) * (0.75 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    on: {
      connected: () => {
        everConnected = true;
        status.setSocketDown(false);
      },
      closed: (event) => {
        if (everConnected && !normalClosure(event)) status.setSocketDown(true);
      },
      connecting: (isRetry) => {
        if (everConnected && isRetry) status.setSocketDown(true);
      },
    },
  });
}

type Socket = Pick<WsClient, 'subscribe' | 'dispose'>;

/**
 * graphql-ws (and the socket) load with the first subscription, so the first screen does not wait
 * for them (and a signed-out visit never fetches them).
 */
function lazySocket(status: ConnectionStatus): Socket {
  let socket: Promise<WsClient> | null = null;
  let disposed = false;
  const load = () =>
    (socket ??= import('graphql-ws').then(({ createClient }) => createSocket(createClient, status)));
  return {
    subscribe(payload, sink) {
      let stop: (() => void) | null = null;
      let stopped = false;
      load().then(
        (ws) => {
          if (!stopped && !disposed) stop = ws.subscribe(payload, sink);
        },
        (error: unknown) => {
          if (!stopped) sink.error(error);
        },
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
    dispose: () => {
      disposed = true;
      return socket?.then((ws) => ws.dispose());
    },
  };
}

/**
 * Subscribes over the socket so that nothing is missed: the payload resumes from the last result
 * received (see subscription-resume.ts) whenever graphql-ws resubscribes after a reconnect, and a
 * subscription the server refuses for now (SERVICE_UNAVAILABLE) is sent again, from there, once the
 * server said to wait. urql sees one subscription throughout.
 */
function forwardOverSocket(socket: Socket, status: ConnectionStatus): SubscriptionForwarder {
  return (request, operation) => ({
    subscribe(sink) {
      const { payload, received } = resumablePayload(
        { ...request, query: request.query ?? '' },
        operation.query,
      );
      let stop = () => {};
      let retry: ReturnType<typeof setTimeout> | undefined;
      const later = (retryAfter: number) => {
        status.setServerUnavailable(true);
        retry = setTimeout(start, retryDelayMs(retryAfter));
      };
      const start = () => {
        // A refusal as the subscription starts comes as a result with errors, then `complete`.
        let refusedFor: number | null = null;
        stop = socket.subscribe<Record<string, unknown>, Record<string, unknown>>(payload, {
          next: (result) => {
            refusedFor = result.data == null ? serviceUnavailableRetryAfter(result.errors) : null;
            if (refusedFor !== null) {
              status.setServerUnavailable(true);
              return;
            }
            received(result.data);
            sink.next(result);
          },
          error: (error) => {
            const retryAfter = Array.isArray(error) ? serviceUnavailableRetryAfter(error) : null;
            if (retryAfter === null) sink.error(error);
            else later(retryAfter);
          },
          complete: () => {
            if (refusedFor === null) sink.complete();
            else later(refusedFor);
          },
        });
      };
      start();
      return {
        unsubscribe: () => {
          clearTimeout(retry);
          stop();
        },
      };
    },
  });
}

/** The error codes the app reacts to wherever they come from. */
export type AuthErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN';
export type AuthErrorListener = (code: AuthErrorCode, operation: Operation) => void;

/**
 * Tells `onAuthError` when the server answers an operation with `extensions.code`
 * UNAUTHENTICATED (no session, or it ended) or FORBIDDEN (signed in, but not allowed).
 */
export function authErrorExchange(onAuthError: AuthErrorListener): Exchange {
  return mapExchange({
    onError(error, operation) {
      const codes = new Set(error.graphQLErrors.map((e) => e.extensions?.code));
      if (codes.has('UNAUTHENTICATED')) onAuthError('UNAUTHENTICATED', operation);
      else if (codes.has('FORBIDDEN')) onAuthError('FORBIDDEN', operation);
    },
  });
}

/** What graphcache persists to; `clear` empties it (the default IndexedDB storage has one). */
export type OfflineStorage = StorageAdapter & { clear: () => Promise<unknown> };

/**
 * Wraps a storage so that, once closed, a client being thrown away cannot write to it again, nor
 * send what it queued.
 */
function closable(storage: OfflineStorage) {
  let open = true;
  const guarded: OfflineStorage = {
    ...storage,
    writeData: (data) => (open ? storage.writeData(data) : Promise.resolve()),
    writeMetadata: (data) => {
      if (open) storage.writeMetadata?.(data);
    },
    // Nor send the changes it queued offline: they were the previous person's.
    onOnline: (flush) => {
      storage.onOnline?.(() => {
        if (open) flush();
      });
    },
  };
  return {
    storage: guarded,
    close: () => {
      open = false;
    },
  };
}

function defaultStorage(): OfflineStorage | null {
  if (typeof indexedDB === 'undefined') return null;
  return makeDefaultStorage({ idbName: OFFLINE_DB_NAME, maxAge: 14 });
}

export interface UrqlClientOptions {
  onAuthError?: AuthErrorListener;
  /** Where the normalized cache persists; IndexedDB by default, none when null (or unavailable). */
  storage?: OfflineStorage | null;
  /** Told when a change queued offline is refused once sent (graphcache has undone it). */
  onReplayRefused?: (refusal: ReplayRefusal) => void;
  /** For tests. */
  fetch?: typeof fetch;
  url?: string;
}

/** The client and how to throw it away for good. */
export interface AppClient {
  client: Client;
  /** Whether it is waiting for the server to come back. */
  connection: ConnectionStatus;
  /**
   * Forgets everything this client knows: closes its socket, stops it persisting, and clears the
   * offline storage. The normalized cache in memory goes with the client (make a new one).
   */
  dispose: () => Promise<void>;
}

/**
 * The app's urql client: graphcache (persisted in IndexedDB so the gallery browses offline),
 * fetch for queries, mutations and uploads (every one with the CSRF header), graphql-ws for
 * subscriptions; `connection` says when it waits for the server to come back.
 */
export function createUrqlClient(options: UrqlClientOptions = {}): AppClient {
  const connection = createConnectionStatus();
  const socket = lazySocket(connection);
  const persisted = options.storage === undefined ? defaultStorage() : options.storage;
  const replays = watchReplays((refusal) => options.onReplayRefused?.(refusal));
  const store = persisted ? closable(replays.storage(persisted)) : null;
  const cache = store
    ? offlineExchange({ ...cacheOptions, storage: store.storage })
    : cacheExchange(cacheOptions);
  const client = new Client({
    url: options.url ?? GRAPHQL_PATH,
    ...(options.fetch && { fetch: options.fetch }),
    fetchOptions: { headers: { [CSRF_HEADER]: '1' }, credentials: 'same-origin' },
    exchanges: [
      cache,
      replays.exchange,
      authErrorExchange((code, operation) => options.onAuthError?.(code, operation)),
      serviceUnavailableExchange(connection),
      persistedDocumentsExchange,
      fetchExchange,
      subscriptionExchange({ forwardSubscription: forwardOverSocket(socket, connection) }),
    ],
  });
  replays.attach(client);
  return {
    client,
    connection,
    dispose: async () => {
      store?.close();
      // A socket still waiting to reconnect rejects its dispose ("All Subscriptions Gone"): there
      // is nothing left to close then, so that is not an error.
      Promise.resolve(socket.dispose()).catch(() => {});
      await persisted?.clear();
    },
  };
}
