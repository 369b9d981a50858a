import { DomainError, InvalidInputError, NotFoundError, type Scope, type Upload } from '@atelier/domain';
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { complexityError, fieldComplexity, MAX_COMPLEXITY } from './complexity';
import type { SchemaContext } from './ports';
import ScopesBeforeArgumentsPlugin from './scopes-before-arguments';

export const builder = new SchemaBuilder<{
  Context: SchemaContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: Upload; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  AuthScopes: {
    /** Anyone with an account. */
    signedIn: boolean;
    read: boolean;
    generate: boolean;
    admin: boolean;
    /** Signed in with a browser session (not an API token): needed to manage the account itself. */
    session: boolean;
  };
}>({
  plugins: [
    ComplexityPlugin,
    ScopeAuthPlugin,
    // Outside the errors plugin and the argument mappers (relay ids, validation): scope first.
    ScopesBeforeArgumentsPlugin,
    ErrorsPlugin,
    ValidationPlugin,
    RelayPlugin,
    DataloaderPlugin,
  ],
  defaultFieldNullability: false,
  complexity: { fieldComplexity, complexityError, limit: { complexity: MAX_COMPLEXITY } },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => {
      const has = (scope: Scope) => ctx.viewer?.scopes.includes(scope) ?? false;
      return {
        signedIn: ctx.viewer !== null,
        read: has('read'),
        generate: has('generate'),
        admin: ctx.viewer?.role === 'ADMIN' && has('admin'),
        session: ctx.viewer?.via === 'session',
      };
    },
    // Protocol failures: clients read extensions.code (UNAUTHENTICATED → sign in; FORBIDDEN → scope).
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer
        ? new GraphQLError('This needs a permission your sign-in does not have', {
            extensions: { code: 'FORBIDDEN' },
          })
        : new GraphQLError('Sign in to continue', { extensions: { code: 'UNAUTHENTICATED' } }),
  },
  errors: {
    defaultTypes: [DomainError],
    defaultUnionOptions: {
      name: ({ fieldName }) => `${capitalize(fieldName)}Result`,
      description: 'The outcome: the result, or one of the typed errors.',
    },
    defaultResultOptions: {
      name: ({ fieldName }) => `${capitalize(fieldName)}Success`,
      description: 'The operation succeeded.',
    },
    // Validation failures become typed InvalidInputError results; they reveal nothing but the input.
    unsafelyHandleInputErrors: true,
  },
  validation: {
    validationError: (result) =>
      new InvalidInputError(
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)),
          message: issue.message,
        })),
      ),
  },
  relay: {
    clientMutationId: 'omit',
    // An id naming a type this schema does not have was never handed out: not found, like any other.
    decodeGlobalID: (globalID: string): { typename: string; id: string } => {
      const decoded = decodeGlobalID(globalID);
      if (!builder.configStore.hasImplementation(decoded.typename)) throw new NotFoundError('That object');
      return decoded;
    },
    cursorType: 'String',
    idFieldOptions: { description: 'Global id; pass it to `node(id:)` to fetch this object again.' },
    nodeQueryOptions: {
      authScopes: { read: true },
      description: 'Any object by its global id, or null when it is not yours.',
      args: { id: { description: 'A global id.' } },
    },
    nodesQueryOptions: {
      authScopes: { read: true },
      description: 'Objects by their global ids, null where not yours.',
      args: { ids: { description: 'Global ids.' } },
    },
    edgesFieldOptions: { nullable: { list: false, items: false }, description: 'The items on this page.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede.' },
    startCursorFieldOptions: { description: 'Cursor of the first item.' },
    endCursorFieldOptions: { description: 'Cursor of the last item.' },
    firstArgOptions: { description: 'Take this many items from the start (or after `after`).' },
    afterArgOptions: { description: 'Start after this cursor.' },
    lastArgOptions: { description: 'Take this many items from the end (or before `before`).' },
    beforeArgOptions: { description: 'End before this cursor.' },
  },
});

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
