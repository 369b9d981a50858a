import type { Cache, OptimisticMutationResolver, UpdateResolver, Variables } from '@urql/exchange-graphcache';
import { graphql } from '../../gql';
import type { UrqlCache_SavedPromptEdgeFragment } from '../../gql/graphql';
import { collectionKey } from './collections';
import { cachedConnections, edgesOf } from './connections';
import { imageKey } from './images';

/*
 * Small changes a person can make offline. Each has an optimistic answer, so graphcache shows it at
 * once and, while offline, queues it durably (offlineExchange keeps the queue in IndexedDB) and
 * sends it in order when the network returns. What would spend money (generate, vary, enhance,
 * restyle, edit, batch) has no optimistic answer and is never queued.
 */

const UrqlCache_SavedPromptEdge = graphql(`
  fragment UrqlCache_SavedPromptEdge on QuerySavedPromptsConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

/** Ids the device makes up for things created offline; the server's ids replace them on replay. */
export const OFFLINE_ID_PREFIX = 'offline-';

const now = () => new Date().toISOString();

const setImageTags: OptimisticMutationResolver = (args) => ({
  __typename: 'Image',
  id: args.id as string,
  tags: args.tags as string[],
});

const addImagesToCollection: OptimisticMutationResolver = (args, cache) => {
  const key = collectionKey(cache, args.id as string);
  const count = key ? cache.resolve(key, 'imageCount') : null;
  return {
    __typename: 'Collection',
    id: args.id as string,
    name: key ? cache.resolve(key, 'name') : null,
    imageCount: typeof count === 'number' ? count + (args.imageIds as string[]).length : null,
    updatedAt: now(),
  };
};

const savePrompt: OptimisticMutationResolver = (args) => {
  const input = args.input as Record<string, unknown>;
  return {
    __typename: 'SavedPrompt',
    id: `${OFFLINE_ID_PREFIX}${crypto.randomUUID()}`,
    title: input.title as string,
    prompt: input.prompt as string,
    negativePrompt: (input.negativePrompt as string | undefined) ?? null,
    tags: (input.tags as string[] | undefined) ?? [],
    notes: (input.notes as string | undefined) ?? null,
    updatedAt: now(),
  };
};

/** The new version of a template as the server will store it: the next number, the new body. */
const updateTemplate: OptimisticMutationResolver = (args, cache) => {
  const input = args.input as { id: string; name?: string; body?: string; variables?: unknown[] };
  const key = cache.keyOfEntity({ __typename: 'PromptTemplate', id: input.id });
  const latest = key ? (cache.resolve(key, 'latestVersion') as number | null) : null;
  const latestKey = key ? (cache.resolve(key, 'latest') as string | null) : null;
  const version = (latest ?? 0) + (input.body !== undefined || input.variables !== undefined ? 1 : 0);
  return {
    __typename: 'PromptTemplate',
    id: input.id,
    name: input.name ?? (key ? cache.resolve(key, 'name') : null),
    latestVersion: version,
    updatedAt: now(),
    latest: {
      __typename: 'PromptTemplateVersion',
      version,
      body: input.body ?? (latestKey ? cache.resolve(latestKey, 'body') : ''),
      variables: (input.variables ?? (latestKey ? cache.resolve(latestKey, 'variables') : [])) as unknown[],
    },
  };
};

export const offlineOptimistic = { setImageTags, addImagesToCollection, savePrompt, updateTemplate };

/** A prompt saved offline shows at the top of the unfiltered saved-prompt list until the server's replaces it. */
export function showSavedPromptOffline(cache: Cache, prompt: { id: string }): void {
  for (const { args, connection } of cachedConnections(cache, 'savedPrompts')) {
    if (args?.after || args?.search || args?.tag) continue;
    const edge = {
      __typename: 'QuerySavedPromptsConnectionEdge',
      cursor: prompt.id,
      node: { __typename: 'SavedPrompt', id: prompt.id },
    };
    cache.writeFragment(UrqlCache_SavedPromptEdge, edge as UrqlCache_SavedPromptEdgeFragment);
    const key = cache.keyOfEntity(edge);
    if (key) cache.link(connection, 'edges', [key, ...edgesOf(cache, connection)]);
  }
}

/** An image added to a collection offline lists that collection at once (the image page shows it). */
export function showInCollectionOffline(cache: Cache, args: Variables): void {
  const collection = collectionKey(cache, args.id as string);
  if (!collection) return;
  for (const id of args.imageIds as string[]) {
    const image = imageKey(cache, id);
    const current = image ? cache.resolve(image, 'collections') : null;
    if (image && Array.isArray(current) && !current.includes(collection)) {
      cache.link(image, 'collections', [...(current as string[]), collection]);
    }
  }
}

/**
 * Runs `updater` for the server's answer only; an optimistic answer runs `whileOptimistic`
 * instead (lists are not invalidated offline, where they could not be read again).
 */
export function unlessOptimistic<R extends UpdateResolver>(
  updater: R,
  whileOptimistic: UpdateResolver = () => {},
): UpdateResolver {
  return (result, args, cache, info) =>
    info.optimistic ? whileOptimistic(result, args, cache, info) : updater(result, args, cache, info);
}
