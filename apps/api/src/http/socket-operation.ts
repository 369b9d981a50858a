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
