import { makeOperation, type Exchange, type Operation, type OperationResult } from 'urql';
import { filter, makeSubject, map, merge, pipe } from 'wonka';

/** The hash `pnpm generate` put in a document's `__meta__` (see codegen.ts); the API knows it. */
export function documentHash(query: Operation['query']): string | null {
  const hash = (query as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash : null;
}

interface PersistedQuery {
  version: 1;
  sha256Hash: string;
  /** Set when the server did not know the hash: urql then sends the document itself. */
  miss?: true;
}

function persistedQueryOf(operation: Operation): PersistedQuery | undefined {
  return (operation.extensions as { persistedQuery?: PersistedQuery } | undefined)?.persistedQuery;
}

function withHash(operation: Operation): Operation {
  if (operation.kind === 'teardown') return operation;
  const sha256Hash = documentHash(operation.query);
  if (!sha256Hash) return operation;
  return makeOperation(operation.kind, {
    ...operation,
    extensions: { ...operation.extensions, persistedQuery: { version: 1, sha256Hash } },
  });
}

/** The server ran nothing: it has no text for that hash (a page older or newer than the server). */
function unknownHash(result: OperationResult): boolean {
  const persisted = persistedQueryOf(result.operation);
  return (
    !!persisted &&
    !persisted.miss &&
    !!result.error?.graphQLErrors.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')
  );
}

/**
 * Sends the app's documents by hash: each operation carries `extensions.persistedQuery` (the APQ
 * envelope urql's fetch and our socket forwarder understand), and urql then leaves the document
 * text out of the request. The API runs the text it has for that hash
 * (`apps/api/src/http/persisted-documents.plugin.ts`); both come from the same `pnpm generate`. A
 * page from another build than the server's (a tab left open across a deploy, an offline copy)
 * may name a hash the server does not know: it then sends that operation once more with its
 * document, since the refusal means nothing ran. Sits after graphcache, which sees whole documents.
 */
export const persistedDocumentsExchange: Exchange =
  ({ forward }) =>
  (operations$) => {
    const retries = makeSubject<Operation>();
    return pipe(
      forward(merge([pipe(operations$, map(withHash)), retries.source])),
      filter((result) => {
        if (!unknownHash(result)) return true;
        const persisted = persistedQueryOf(result.operation)!;
        retries.next(
          makeOperation(result.operation.kind, {
            ...result.operation,
            extensions: { ...result.operation.extensions, persistedQuery: { ...persisted, miss: true } },
          }),
        );
        return false;
      }),
    );
  };
