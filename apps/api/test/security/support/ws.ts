import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLErrorBody } from './http';

export interface SocketCredentials {
  /** A browser's session cookie, sent on the upgrade request. */
  cookie?: string | null;
  /** An API token, sent as `authorization` in connection_init (browsers cannot set upgrade headers). */
  token?: string;
}

export interface SubscriptionOutcome {
  /** Every result the server sent. */
  results: { data?: any; errors?: GraphQLErrorBody[] }[];
  /** Errors, whether sent as an `error` message or inside a result. */
  errors: GraphQLErrorBody[];
  /** Whether the server completed the subscription (rather than failing it). */
  completed: boolean;
}

/**
 * Subscribes with a real graphql-ws client until the server completes or fails the subscription,
 * or `untilFirst` results arrived (then it unsubscribes).
 */
export function subscribeAs(
  baseUrl: string,
  credentials: SocketCredentials,
  query: string,
  variables: Record<string, unknown>,
  /** `quietMs`: listen that long, then end with whatever arrived (for subscriptions that must stay silent). */
  options: { untilFirst?: number; timeoutMs?: number; quietMs?: number } = {},
): Promise<SubscriptionOutcome> {
  const cookie = credentials.cookie;
  class CookieSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: CookieSocket,
    connectionParams: credentials.token ? { authorization: `Bearer ${credentials.token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  const outcome: SubscriptionOutcome = { results: [], errors: [], completed: false };
  return new Promise<SubscriptionOutcome>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      clearTimeout(quiet);
      unsubscribe();
      void client.dispose();
      resolve(outcome);
    };
    const quiet = options.quietMs ? setTimeout(finish, options.quietMs) : undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      void client.dispose();
      reject(
        new Error(
          `subscription still open after ${options.timeoutMs ?? 10_000} ms: ${JSON.stringify(outcome)}`,
        ),
      );
    }, options.timeoutMs ?? 10_000);
    const unsubscribe = client.subscribe(
      { query, variables },
      {
        next: (result) => {
          outcome.results.push(result as SubscriptionOutcome['results'][number]);
          outcome.errors.push(...((result.errors ?? []) as GraphQLErrorBody[]));
          if (options.untilFirst && outcome.results.length >= options.untilFirst) finish();
        },
        error: (error) => {
          if (Array.isArray(error)) outcome.errors.push(...(error as GraphQLErrorBody[]));
          else {
            outcome.errors.push({ message: error instanceof Error ? error.message : JSON.stringify(error) });
          }
          finish();
        },
        complete: () => {
          outcome.completed = true;
          finish();
        },
      },
    );
  });
}

export interface SocketOutcome {
  /** The HTTP status when the upgrade was refused. */
  refusedWith?: number;
  opened: boolean;
  closeCode?: number;
  messages: string[];
}

/** A bare WebSocket: sends `frames` once open, then waits for the server to close it (or `waitMs`). */
export function rawSocket(
  baseUrl: string,
  options: { headers?: Record<string, string>; frames?: string[]; waitMs?: number } = {},
): Promise<SocketOutcome> {
  const outcome: SocketOutcome = { opened: false, messages: [] };
  return new Promise<SocketOutcome>((resolve) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: options.headers ?? {},
    });
    const timer = setTimeout(() => {
      socket.terminate();
      resolve(outcome);
    }, options.waitMs ?? 5_000);
    socket.on('unexpected-response', (_request, response) => {
      outcome.refusedWith = response.statusCode;
      clearTimeout(timer);
      socket.terminate();
      resolve(outcome);
    });
    socket.on('open', () => {
      outcome.opened = true;
      for (const frame of options.frames ?? []) socket.send(frame);
    });
    socket.on('message', (data: Buffer) => outcome.messages.push(data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      outcome.closeCode = code;
      clearTimeout(timer);
      resolve(outcome);
    });
  });
}
