import type { UpdateResolver } from '@urql/exchange-graphcache';
import { invalidateLists } from './connections';

/* The prompt library: saved prompts, prompt history, templates and style presets. */

/**
 * Library lists are ordered by last change and filtered by search on the server: after a write,
 * refetch them rather than guess where a row goes. A deleted row also leaves the cache.
 */
export function refreshesLists(fields: readonly string[], deletedType?: string): UpdateResolver {
  return (result, _args, cache) => {
    const outcome = Object.values(result)[0] as { __typename?: string; deletedId?: string } | null;
    if (deletedType && outcome?.deletedId) {
      cache.invalidate({ __typename: deletedType, id: outcome.deletedId });
    }
    for (const field of fields) invalidateLists(cache, field);
  };
}

/** A job that takes a prompt also adds it to the prompt history. */
export function alsoRecordsPrompt(updater: UpdateResolver): UpdateResolver {
  return (result, args, cache, info) => {
    updater(result, args, cache, info);
    invalidateLists(cache, 'promptHistory');
  };
}
