import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ServiceUnavailableError } from '@atelier/domain';
import { GraphQLError, type ASTNode } from 'graphql';

/**
 * The GraphQL error for a request that could not reach the database: a protocol-level code like
 * UNAUTHENTICATED, with when to try again. Over HTTP the response is a 503 with Retry-After.
 */
export function serviceUnavailableGraphQLError(
  error: ServiceUnavailableError,
  at: { nodes?: readonly ASTNode[] | ASTNode | null; path?: readonly (string | number)[] } = {},
): GraphQLError {
  return new GraphQLError(error.message, {
    ...(at.nodes && { nodes: at.nodes }),
    ...(at.path && { path: at.path }),
    extensions: {
      code: error.code,
      retryable: true,
      retryAfterSeconds: error.retryAfterSeconds,
      http: { status: 503, headers: { 'retry-after': String(error.retryAfterSeconds) } },
    },
  });
}

/** A plain HTTP answer (files, health) for a request that could not reach the database. */
export function answerServiceUnavailable(res: ServerResponse, error: ServiceUnavailableError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .writeHead(503, {
      'content-type': 'application/json',
      'retry-after': String(error.retryAfterSeconds),
      'cache-control': 'no-store',
    })
    .end(
      JSON.stringify({
        code: error.code,
        message: error.message,
        retryAfterSeconds: error.retryAfterSeconds,
      }),
    );
}

/** The same error without the HTTP status and headers, for a WebSocket client (they mean nothing there). */
export function withoutHttpExtensions(error: GraphQLError): GraphQLError {
  if (!error.extensions.http) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, {
    ...(error.nodes && { nodes: error.nodes }),
    ...(error.source && { source: error.source }),
    ...(error.positions && { positions: error.positions }),
    ...(error.path && { path: error.path }),
    extensions,
  });
}

const WAIT_FOR_DATABASE_MS = 30_000;
const RETRY_EVERY_MS = 1_000;

/**
 * `work()`, run again every second while it is refused with SERVICE_UNAVAILABLE, for up to 30 s
 * and while `wanted()` (the client is still there); then the last refusal is thrown.
 */
export async function onceDatabaseAnswers<T>(work: () => Promise<T>, wanted: () => boolean): Promise<T> {
  const deadline = Date.now() + WAIT_FOR_DATABASE_MS;
  while (true) {
    try {
      return await work();
    } catch (error) {
      const unavailable = error instanceof GraphQLError && error.extensions.code === 'SERVICE_UNAVAILABLE';
      if (!unavailable || Date.now() > deadline || !wanted()) throw error;
    }
    await delay(RETRY_EVERY_MS);
  }
}

export function isServiceUnavailable(error: unknown): error is ServiceUnavailableError {
  return error instanceof ServiceUnavailableError;
}
