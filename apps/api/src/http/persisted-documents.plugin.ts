import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The web app's documents by hash (sha256 of the printed document, hex), written by
 * `pnpm generate` (graphql-codegen's client preset) next to the web's other generated files.
 */
export const WEB_PERSISTED_DOCUMENTS = fileURLToPath(
  new URL('../../../web/src/gql/persisted-documents.json', import.meta.url),
);

export type PersistedDocuments = ReadonlyMap<string, string>;

export function loadPersistedDocuments(file = WEB_PERSISTED_DOCUMENTS): PersistedDocuments {
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}

interface OperationParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/**
 * The persisted document a request names, if any: `documentId` (GraphQL over HTTP, "sha256:<hex>"
 * or the bare hex) or the APQ envelope `extensions.persistedQuery.sha256Hash`, which urql and the
 * web app send.
 */
export function persistedDocumentId(params: OperationParams): string | null {
  const persisted = (
    params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null
  )?.persistedQuery;
  const id =
    typeof params.documentId === 'string'
      ? params.documentId
      : persisted?.version === 1 && typeof persisted.sha256Hash === 'string'
        ? persisted.sha256Hash
        : null;
  return id === null ? null : id.replace(/^sha256:/, '');
}

const NOT_FOUND = {
  message: 'PersistedQueryNotFound: this server does not know that document id; send the document itself',
  extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
};

export function persistedDocumentNotFound(): GraphQLError {
  return new GraphQLError(NOT_FOUND.message, { extensions: NOT_FOUND.extensions });
}

/**
 * Lets a request name one of the web app's documents by hash instead of sending it. A request with
 * a full document is left alone, whoever sends it (a third party with an API token, GraphiQL, the
 * tests): anyone signed in can send any document anyway, so requiring hashes of cookie sessions
 * would only guard what armor's limits already guard. A request with neither reaches yoga as before.
 */
export function usePersistedDocuments(documents: PersistedDocuments): Plugin {
  const persisted = usePersistedOperations({
    allowArbitraryOperations: true,
    extractPersistedOperationId: (params) => persistedDocumentId(params),
    getPersistedOperation: (id) => documents.get(id) ?? null,
    customErrors: { notFound: NOT_FOUND },
  });
  return {
    onParams(payload) {
      if (payload.params.query || persistedDocumentId(payload.params) === null) return;
      return persisted.onParams?.(payload);
    },
  };
}

/**
 * The document of a WebSocket (graphql-ws) subscribe message, which yoga's `onParams` never sees:
 * its `query`, else the persisted document its id names, else the refusal for an unknown id.
 */
export function socketDocument(
  params: OperationParams & { query: string },
  documents: PersistedDocuments,
): { query: string; errors?: undefined } | { errors: GraphQLError[]; query?: undefined } {
  if (params.query) return { query: params.query };
  const id = persistedDocumentId(params);
  if (id === null) return { query: params.query };
  const query = documents.get(id);
  return query === undefined ? { errors: [persistedDocumentNotFound()] } : { query };
}
