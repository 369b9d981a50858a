import { GraphQLError, type ValidationContext } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';

type GraphQLArmorConfig = NonNullable<Parameters<typeof EnvelopArmorPlugin>[0]>;

/** A refusal joins the other validation errors (thrown, it would bypass them and carry no code). */
function reported() {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
}

/**
 * Query limits, set from the web app's own operations (its heaviest stays well under each; a test
 * checks every one of them): depth, aliases, directives, tokens and static cost. Limits are not
 * revealed in error messages.
 */
export const armorLimits: GraphQLArmorConfig = {
  maxDepth: { n: 12, exposeLimits: false, flattenFragments: true, ...reported() },
  maxAliases: { n: 15, exposeLimits: false, ...reported() },
  maxDirectives: { n: 20, exposeLimits: false, ...reported() },
  maxTokens: { n: 2_000, exposeLimits: false },
  // The web's heaviest documents cost ~3,000 as sent, with the `__typename`s urql (and now the
  // persisted text) adds everywhere; 5,000 had been set from the documents without them.
  costLimit: { maxCost: 6_000, exposeLimits: false, ...reported() },
  blockFieldSuggestion: { enabled: true },
};

/** An error's extensions; graphql-jit's errors (compiled queries) may carry none at all. */
export function extensionsOf(error: GraphQLError) {
  const extensions = error.extensions as GraphQLError['extensions'] | undefined;
  return extensions ?? {};
}

const SUGGESTION = /\s*Did you mean .*\?$/s;

const withCodeAndNoSuggestion =
  (fallbackCode: string) =>
  (error: Error): Error => {
    if (!(error instanceof GraphQLError)) return error;
    const message = error.message.replace(SUGGESTION, '');
    const extensions = extensionsOf(error);
    if (message === error.message && typeof extensions.code === 'string') return error;
    return new GraphQLError(message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions: { ...extensions, code: extensions.code ?? fallbackCode },
    });
  };

/**
 * Armor's refusals carry no `extensions.code`, and graphql-js suggests the right name for a
 * misspelt enum value or input field ("Did you mean …?"). Every refused document gets a code a
 * client can act on, and no message guides a probe through the schema.
 */
export const useRefusalsWithoutHints = (): Plugin => ({
  onValidate:
    () =>
    ({ result, setResult }) => {
      if (result.length > 0) setResult(result.map(withCodeAndNoSuggestion('GRAPHQL_VALIDATION_FAILED')));
    },
  onExecute: () => ({
    onExecuteDone: ({ result, setResult }) => {
      if (isAsyncIterable(result) || !result.errors?.length || result.data !== undefined) return;
      setResult({ ...result, errors: result.errors.map(withCodeAndNoSuggestion('BAD_USER_INPUT')) });
    },
  }),
});
