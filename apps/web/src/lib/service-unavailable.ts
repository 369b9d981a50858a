import { makeOperation, mapExchange, type Exchange, type Operation } from 'urql';
import type { ConnectionStatus } from './connection-status';

/** When the server says SERVICE_UNAVAILABLE without saying how long to wait. */
const DEFAULT_RETRY_SECONDS = 5;
const MAX_RETRY_SECONDS = 60;

interface GraphQLErrorLike {
  extensions?: Record<string, unknown> | null;
}

/**
 * When `errors` hold the server's SERVICE_UNAVAILABLE answer (it cannot reach its database, and
 * nothing was done): the seconds it asks to wait before trying again. Null for any other errors.
 */
export function serviceUnavailableRetryAfter(errors: readonly GraphQLErrorLike[] | undefined): number | null {
  const refusal = errors?.find((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');
  if (!refusal) return null;
  const seconds = refusal.extensions?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? seconds
    : DEFAULT_RETRY_SECONDS;
}

/** How long to wait before asking again; a little jitter, so every tab does not come back at once. */
export function retryDelayMs(seconds: number): number {
  return Math.min(seconds, MAX_RETRY_SECONDS) * 1000 * (1 + Math.random() * 0.2);
}

/** Whether a mutation answered with a typed SERVICE_UNAVAILABLE refusal in its result union. */
function refusedAsUnavailable(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false;
  return Object.values(data as Record<string, unknown>).some(
    (outcome) => (outcome as { code?: unknown } | null)?.code === 'SERVICE_UNAVAILABLE',
  );
}

/**
 * Tells `status` when an answer says SERVICE_UNAVAILABLE and when a later one succeeds, and asks
 * a refused query again once the server said to (if something still shows it). Mutations are never
 * sent again by the app: only the person decides, since a resent mutation could pay for a job twice.
 * (Subscriptions are resubscribed by the socket transport, which knows where to resume from.)
 */
export function serviceUnavailableExchange(status: ConnectionStatus): Exchange {
  return (input) => {
    const pending = new Map<number, ReturnType<typeof setTimeout>>();
    const askAgainLater = (operation: Operation, seconds: number) => {
      clearTimeout(pending.get(operation.key));
      const timer = setTimeout(() => {
        pending.delete(operation.key);
        // urql runs it again only while something still shows it.
        input.client.reexecuteOperation(
          makeOperation(operation.kind, operation, { ...operation.context, requestPolicy: 'network-only' }),
        );
      }, retryDelayMs(seconds));
      pending.set(operation.key, timer);
    };
    return mapExchange({
      onResult(result) {
        const retryAfter = serviceUnavailableRetryAfter(result.error?.graphQLErrors);
        if (retryAfter !== null || refusedAsUnavailable(result.data)) {
          status.setServerUnavailable(true);
          if (retryAfter !== null && result.operation.kind === 'query') {
            askAgainLater(result.operation, retryAfter);
          }
        } else if (!result.error) {
          status.setServerUnavailable(false);
        }
      },
    })(input);
  };
}
