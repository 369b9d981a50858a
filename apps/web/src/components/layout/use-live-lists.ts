import { useSubscription } from 'urql';
import { graphql } from '../../gql';

export const LiveLists_Changed = graphql(`
  subscription LiveLists_Changed {
    libraryChanged {
      kind
      id
      removed
    }
  }
`);

/**
 * Keeps every tab's lists current: collections, saved prompts, prompt history, templates, presets
 * and batches. A change made in another tab (or by an API client) arrives here, and the updater in
 * urql-cache/live-lists.ts refreshes what shows it.
 */
export function useLiveLists(): void {
  useSubscription({ query: LiveLists_Changed });
}
