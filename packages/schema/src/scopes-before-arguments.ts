import SchemaBuilder, {
  BasePlugin,
  isThenable,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import { type AuthFailure, ForbiddenError, RequestCache } from '@pothos/plugin-scope-auth';
import type { GraphQLFieldResolver } from 'graphql';

const pluginName = 'scopesBeforeArguments';
export default pluginName;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos knows its plugins from this namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      scopesBeforeArguments: ScopesBeforeArgumentsPlugin<Types>;
    }
  }
}

/**
 * scope-auth checks a field's scopes inside its resolver, but Pothos maps arguments before any
 * resolver wrapper runs: relay decodes global ids and zod validates there. So a token without the
 * scope heard INVALID_INPUT about a mistyped id (learning something of the schema) before FORBIDDEN.
 * This checks a field's own scopes before its arguments are mapped, with scope-auth's evaluation and
 * error; scope-auth's own check then finds the answer in its per-request cache. Every root field
 * declares its scopes as a map (functions of the arguments could not run before them, and are left
 * to scope-auth).
 */
export class ScopesBeforeArgumentsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const scopes = (fieldConfig.pothosOptions as { authScopes?: unknown }).authScopes;
    if (fieldConfig.argMappers.length === 0 || !scopes || typeof scopes !== 'object') return resolver;
    const unauthorizedError = this.builder.options.scopeAuth?.unauthorizedError;
    return (parent, args, context, info) => {
      const refuse = (failure: AuthFailure | null) => {
        if (!failure) return resolver(parent, args, context, info);
        const message = `Not authorized to resolve ${info.parentType.name}.${info.fieldName}`;
        const error = unauthorizedError?.(parent as object, context, info, { message, failure }) ?? message;
        throw typeof error === 'string' ? new ForbiddenError(error, failure) : error;
      };
      const failure = RequestCache.fromContext(context, this.builder).evaluateScopeMap(
        scopes as Parameters<RequestCache<Types>['evaluateScopeMap']>[0],
        info,
      );
      return isThenable(failure) ? failure.then(refuse) : refuse(failure);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, ScopesBeforeArgumentsPlugin);
