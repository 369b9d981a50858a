import { useGraphQlJit } from '@envelop/graphql-jit';
import { type DocumentNode, getOperationAST, GraphQLError, OperationTypeNode } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { extensionsOf } from './armor';

const isQuery = (args: { document: DocumentNode; operationName?: string | null }) =>
  getOperationAST(args.document, args.operationName)?.operation === OperationTypeNode.QUERY;

/**
 * Queries run as code compiled once per document (graphql-jit) instead of graphql-js walking the
 * document for every field of every row: a gallery page is some 850 field resolutions. Mutations
 * and subscriptions keep graphql-js, whose error and ordering rules they are tested against.
 */
export function useCompiledQueries(): Plugin[] {
  return [useGraphQlJit({}, { enableIf: isQuery }) as Plugin, useVariableErrorsAreBadRequests()];
}

/**
 * Variables that cannot be coerced end execution before it starts: an answer of errors and no
 * `data`. graphql-js's executor marks that a bad request (400); the compiled one, which only queries
 * use, does not, and its errors' fields cannot be redefined, so each is rebuilt with the status.
 */
function useVariableErrorsAreBadRequests(): Plugin {
  return {
    onExecute: ({ args }) => {
      if (!isQuery(args)) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.length || 'data' in result) return;
          setResult({ ...result, errors: result.errors.map(asBadRequest) });
        },
      };
    },
  };
}

function asBadRequest(error: GraphQLError): GraphQLError {
  const extensions = extensionsOf(error);
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError,
    extensions: { ...extensions, http: { ...(extensions['http'] ?? {}), status: 400 } },
  });
  return Object.assign(rebuilt, { locations: error.locations });
}
