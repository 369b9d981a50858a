import { DomainError, ServiceUnavailableError } from '@atelier/domain';
import { GraphQLError } from 'graphql';

function coded(error: unknown): never {
  if (error instanceof ServiceUnavailableError) {
    throw new GraphQLError(error.message, {
      extensions: { code: error.code, retryable: true, retryAfterSeconds: error.retryAfterSeconds },
    });
  }
  if (error instanceof DomainError) {
    throw new GraphQLError(error.message, { extensions: { code: error.code } });
  }
  throw error;
}

/**
 * A subscription's events with domain errors (NOT_FOUND…) turned into coded GraphQL errors.
 * A plain iterator rather than an async generator: a generator would take the client's `return()`
 * only after the pending `next()` settled, so a client that left would go on listening.
 */
export function withCodedErrors<T>(source: AsyncIterable<T>): AsyncIterableIterator<T> {
  const events = source[Symbol.asyncIterator]();
  return {
    next: () => events.next().catch(coded),
    return: async () => (await events.return?.()) ?? { done: true, value: undefined },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
