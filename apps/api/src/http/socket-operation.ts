import { type DocumentNode, GraphQLError } from 'graphql';
import { withoutHttpExtensions } from './service-unavailable';

/**
 * A WebSocket operation's document, or the errors that end that operation. Over HTTP yoga answers a
 * failed parse (a syntax error, a document over MAX_DOCUMENT_BYTES) itself; in graphql-ws a throw
 * closes the whole socket (4500) and every other operation on it with it.
 */
export function parseSocketOperation(
  parse: (source: string) => unknown,
  query: string,
): { document: DocumentNode; errors?: undefined } | { errors: GraphQLError[]; document?: undefined } {
  try {
    return { document: parse(query) as DocumentNode };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const refusal = withoutHttpExtensions(error);
    refusal.extensions.code ??= 'GRAPHQL_PARSE_FAILED';
    return { errors: [refusal] };
  }
}

/**
 * A WebSocket operation's root value, which graphql-ws keeps for as long as the operation lasts.
 * It hands out what runs the operation once, and keeps no reference to it: a subscriber who joins
 * a running shared execution (subscription-groups.ts) then holds none of its own envelope, which
 * holds the operation's whole context (socket, upgrade, params).
 */
export class SocketOperationRoot<Runner> {
  private runner: Runner | null;

  constructor(
    runner: Runner,
    /** Drops the operation's socket when it falls too far behind a shared subscription. */
    readonly tooFarBehind: () => void,
  ) {
    this.runner = runner;
  }

  take(): Runner {
    const runner = this.runner;
    if (!runner) throw new Error('a socket operation runs once');
    this.runner = null;
    return runner;
  }
}
