import { Kind } from 'graphql';
import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, makeErrorResult, makeResult, type Exchange, type Operation } from 'urql';
import {
  delay,
  filter,
  fromValue,
  makeSubject,
  map,
  mergeMap,
  pipe,
  share,
  takeUntil,
  type Subject,
} from 'wonka';
import { createConnectionStatus, type ConnectionStatus } from '../connection-status';
import { serviceUnavailableExchange } from '../service-unavailable';
import { cacheOptions } from '../urql-cache';
import { authErrorExchange, type AuthErrorListener } from '../urql';

type Variables = Record<string, unknown>;
/** Answers one operation: data, an Error for a network failure, or `graphQLError(…)`. */
export type Fixture = (variables: Variables) => unknown;

/** A GraphQL error answer, as the server sends for UNAUTHENTICATED or FORBIDDEN. */
export class GraphQLErrorAnswer {
  constructor(
    readonly errors: { message: string; extensions: Record<string, unknown> }[],
    readonly data: Record<string, unknown> | null = null,
  ) {}
}

export function graphQLError(code: string, message = code.toLowerCase()): GraphQLErrorAnswer {
  return new GraphQLErrorAnswer([{ message, extensions: { code } }]);
}

/** The server's answer while it cannot reach its database. */
export function serviceUnavailableError(retryAfterSeconds = 5): GraphQLErrorAnswer {
  return new GraphQLErrorAnswer([
    {
      message: `The database is unavailable right now; nothing was done. Try again in ${retryAfterSeconds} s.`,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfterSeconds },
    },
  ]);
}

export interface TestClient {
  client: Client;
  /** What the app's status shows: the test can say the socket dropped or came back. */
  connection: ConnectionStatus;
  /** Names of the operations that reached the "network", in order. */
  requests: string[];
  /** Sends one event to every open subscription with that operation name. */
  emit: (operationName: string, data: unknown) => void;
}

function nameOf(operation: Operation): string {
  for (const definition of operation.query.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) return definition.name.value;
  }
  return 'anonymous';
}

/**
 * A urql client with the app's real graphcache whose only network is a lookup in `fixtures` by
 * operation name. An operation without a fixture fails the test, naming the operation.
 */
export function createTestClient(
  fixtures: Record<string, Fixture> = {},
  { onAuthError }: { onAuthError?: AuthErrorListener } = {},
): TestClient {
  const requests: string[] = [];
  const connection = createConnectionStatus();
  const subscriptions = new Map<string, Subject<unknown>>();

  const subjectFor = (name: string) => {
    let subject = subscriptions.get(name);
    if (!subject) {
      subject = makeSubject<unknown>();
      subscriptions.set(name, subject);
    }
    return subject;
  };

  const fixtureExchange: Exchange = () => (operations$) => {
    const shared = pipe(operations$, share);
    const teardown$ = pipe(
      shared,
      filter((op) => op.kind === 'teardown'),
    );
    return pipe(
      shared,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((operation) => {
        const name = nameOf(operation);
        requests.push(name);
        if (operation.kind === 'subscription') {
          return pipe(
            subjectFor(name).source,
            map((data) => makeResult(operation, { data: data as Record<string, unknown> })),
            takeUntil(
              pipe(
                teardown$,
                filter((op) => op.key === operation.key),
              ),
            ),
          );
        }
        const fixture = fixtures[name];
        if (!fixture) throw new Error(`No fixture for operation ${name}`);
        const answer = fixture(operation.variables ?? {});
        const result =
          answer instanceof Error
            ? makeErrorResult(operation, answer)
            : answer instanceof GraphQLErrorAnswer
              ? makeResult(operation, { data: answer.data, errors: answer.errors })
              : makeResult(operation, { data: answer as Record<string, unknown> });
        // Async like a real network, so "stale while fetching" states are observable.
        return pipe(fromValue(result), delay(0));
      }),
    );
  };

  const client = new Client({
    url: 'http://test/graphql',
    // The app's order: cache, auth errors, server unavailable, network.
    exchanges: [
      cacheExchange(cacheOptions),
      authErrorExchange((code, operation) => onAuthError?.(code, operation)),
      serviceUnavailableExchange(connection),
      fixtureExchange,
    ],
  });

  return {
    client,
    connection,
    requests,
    emit: (operationName, data) => subjectFor(operationName).next(data),
  };
}
