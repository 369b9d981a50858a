import { useSubscription } from 'urql';
import { graphql } from '../../gql';

export const LiveLibrary_Changed = graphql(`
  subscription LiveLibrary_Changed {
    libraryChanged {
      kind
      id
      removed
    }
  }
`);

/**
 * Keeps every tab's collections, prompts, templates, presets and batches current: a change made in
 * another tab (or by an API client) arrives here, and the updater in urql-cache.ts refreshes what
 * shows it.
 */
export function useLiveLibrary(): void {
  useSubscription({ query: LiveLibrary_Changed });
}
