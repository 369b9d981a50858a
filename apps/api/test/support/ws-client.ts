import type { Viewer } from '@atelier/domain';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { VIEWER_HEADER } from './harness';

export interface Subscription<T> {
  /** Every payload received so far. */
  received: T[];
  /** Resolves when the server completes the subscription; rejects on an error. */
  done: Promise<T[]>;
  /** Resolves with the first payload that satisfies `predicate` (or rejects after `timeoutMs`). */
  waitFor(predicate: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** A real graphql-ws client over a real WebSocket, as a third-party program would use. */
export function subscribe<T = any>(
  url: string,
  viewer: Viewer | null,
  query: string,
  variables: Record<string, unknown>,
): Subscription<T> {
  const client: Client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: viewer ? { [VIEWER_HEADER]: viewer.id } : {},
    retryAttempts: 0,
  });
  const received: T[] = [];
  const waiters: { predicate: (payload: T) => boolean; resolve: (payload: T) => void }[] = [];
  const done = new Promise<T[]>((resolve, reject) => {
    // Fail with what arrived, rather than at the test's timeout with nothing to go on.
    const deadline = setTimeout(() => {
      reject(
        new Error(
          `subscription did not complete within 25 s; ${received.length} payloads, last: ${JSON.stringify(received.at(-1))}`,
        ),
      );
      void client.dispose();
    }, 25_000);
    client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors?.length) {
            reject(new Error(result.errors.map((error) => error.message).join('; ')));
            return;
          }
          const payload = result.data as T;
          received.push(payload);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(payload)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(payload);
            }
          }
        },
        error: (error) => {
          clearTimeout(deadline);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {
          clearTimeout(deadline);
          resolve(received);
        },
      },
    );
  });
  done.catch(() => undefined);
  return {
    received,
    done,
    waitFor(predicate, timeoutMs = 15_000) {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching payload within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (payload) => {
            clearTimeout(timer);
            resolve(payload);
          },
        });
      });
    },
    close: () => client.dispose() as Promise<void>,
  };
}
