import type { UpdateResolver } from '@urql/exchange-graphcache';
import type { LibraryItemKind, LiveLists_ChangedSubscription } from '../../gql/graphql';
import { invalidateLists } from './connections';

/*
 * `libraryChanged` names an item of one of the viewer's lists (LibraryItemKind is the server's word
 * for them): collections, saved prompts, prompt history, templates, presets and batches.
 */

// Where each kind of item lives in the cache: its type, and the list that shows it.
const listPlaces: Record<Exclude<LibraryItemKind, 'EVERYTHING'>, { typename: string; list: string }> = {
  COLLECTION: { typename: 'Collection', list: 'collections' },
  SAVED_PROMPT: { typename: 'SavedPrompt', list: 'savedPrompts' },
  PROMPT_HISTORY: { typename: 'PromptHistoryEntry', list: 'promptHistory' },
  TEMPLATE: { typename: 'PromptTemplate', list: 'templates' },
  STYLE_PRESET: { typename: 'StylePreset', list: 'stylePresets' },
  BATCH: { typename: 'Batch', list: 'batches' },
};

/**
 * A change from another tab or program: what shows the item and its list is read again. EVERYTHING
 * (the server may have missed changes while its event connection was down) reads every list again.
 */
export const libraryChanged: UpdateResolver<LiveLists_ChangedSubscription> = (result, _args, cache) => {
  const change = result.libraryChanged;
  if (change.kind === 'EVERYTHING') {
    for (const { list } of Object.values(listPlaces)) invalidateLists(cache, list);
    return;
  }
  const place = listPlaces[change.kind];
  cache.invalidate({ __typename: place.typename, id: change.id });
  invalidateLists(cache, place.list);
};
