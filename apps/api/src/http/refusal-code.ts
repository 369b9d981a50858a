import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * A plugin whose request refusals carry `code` in `extensions` (keeping their HTTP status), as every
 * other refusal does: @graphql-yoga/plugin-csrf-prevention answers a bare 403.
 */
export function withRefusalCode(code: string, plugin: Plugin): Plugin {
  const onRequestParse = plugin.onRequestParse;
  if (!onRequestParse) return plugin;
  return {
    ...plugin,
    onRequestParse: async (payload) => {
      try {
        return await onRequestParse(payload);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        throw new GraphQLError(error.message, { extensions: { ...error.extensions, code } });
      }
    },
  };
}
