import type { Cache, UpdateResolver } from '@urql/exchange-graphcache';
import { graphql } from '../../gql';
import {
  cachedConnections,
  edgesOf,
  isFirstPage,
  nodeOf,
  removeEdges,
  type Result,
  type Typed,
} from './connections';
import { imageKey } from './images';

const UrqlCache_CollectionEdge = graphql(`
  fragment UrqlCache_CollectionEdge on QueryCollectionsConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

export function collectionKey(cache: Cache, id: string): string | null {
  return cache.keyOfEntity({ __typename: 'Collection', id });
}

/** Every cached page of a collection's `images` (one per page arguments). */
function collectionImagePages(cache: Cache, id: string): string[] {
  const key = collectionKey(cache, id);
  if (!key) return [];
  return cache
    .inspectFields(key)
    .filter((field) => field.fieldName === 'images')
    .map((field) => cache.resolve(key, field.fieldKey))
    .filter((connection): connection is string => typeof connection === 'string');
}

/** Makes the collection's image pages (and each image's `collections`) load again when next read. */
function refreshCollectionImages(cache: Cache, id: string, imageIds: readonly string[]): void {
  const key = collectionKey(cache, id);
  if (key) {
    for (const field of cache.inspectFields(key)) {
      if (field.fieldName === 'images' || field.fieldName === 'cover') {
        cache.invalidate(key, field.fieldName, field.arguments ?? undefined);
      }
    }
  }
  for (const imageId of imageIds) {
    const image = imageKey(cache, imageId);
    if (image) cache.invalidate(image, 'collections');
  }
}

/**
 * Puts `imageId` right after `afterImageId` (first when null) on every cached page that holds
 * both; the server makes the same move, so the optimistic order and the real one agree.
 */
export function moveInCollection(
  cache: Cache,
  collectionId: string,
  imageId: string,
  afterImageId: string | null,
): void {
  const moved = imageKey(cache, imageId);
  const after = afterImageId ? imageKey(cache, afterImageId) : null;
  for (const connection of collectionImagePages(cache, collectionId)) {
    const edges = edgesOf(cache, connection);
    const edge = edges.find((candidate) => nodeOf(cache, candidate) === moved);
    if (!edge) continue;
    const rest = edges.filter((candidate) => candidate !== edge);
    const at = after === null ? 0 : rest.findIndex((candidate) => nodeOf(cache, candidate) === after) + 1;
    if (after !== null && at === 0) continue;
    cache.link(connection, 'edges', [...rest.slice(0, at), edge, ...rest.slice(at)]);
  }
}

export const createCollection: UpdateResolver<Result<'createCollection', Typed & { name?: string }>> = (
  result,
  _args,
  cache,
) => {
  const collection = result.createCollection;
  if (collection?.__typename !== 'Collection' || !collection.id) return;
  const key = collectionKey(cache, collection.id);
  for (const { args, connection } of cachedConnections(cache, 'collections')) {
    if (!isFirstPage(args)) continue;
    // A list searched by name only gets it when the name matches (the server's test: contains).
    const search = typeof args.search === 'string' ? args.search.trim().toLowerCase() : '';
    if (search && !collection.name?.toLowerCase().includes(search)) continue;
    const edges = edgesOf(cache, connection);
    if (edges.some((edge) => nodeOf(cache, edge) === key)) continue;
    const edge = {
      __typename: 'QueryCollectionsConnectionEdge',
      cursor: collection.id,
      node: { __typename: 'Collection', id: collection.id },
    };
    cache.writeFragment(UrqlCache_CollectionEdge, edge);
    const edgeKey = cache.keyOfEntity(edge);
    if (edgeKey) cache.link(connection, 'edges', [edgeKey, ...edges]);
  }
};

export const deleteCollection: UpdateResolver<
  Result<'deleteCollection', { __typename?: string; deletedCollectionId?: string }>,
  { id: string }
> = (result, args, cache, info) => {
  const outcome = result.deleteCollection;
  if (outcome?.__typename !== 'DeleteCollectionPayload') return;
  const id = outcome.deletedCollectionId ?? args.id;
  const key = collectionKey(cache, id);
  for (const { connection } of cachedConnections(cache, 'collections')) removeEdges(cache, connection, key);
  // Images list the collections they are in: those lists load again without it.
  if (!info.optimistic) cache.invalidate({ __typename: 'Collection', id });
};

export const addImagesToCollection: UpdateResolver<
  Result<'addImagesToCollection', Typed>,
  { id: string; imageIds: string[] }
> = (result, args, cache) => {
  if (result.addImagesToCollection?.__typename !== 'Collection') return;
  refreshCollectionImages(cache, args.id, args.imageIds);
};

export const removeImagesFromCollection: UpdateResolver<
  Result<'removeImagesFromCollection', Typed>,
  { id: string; imageIds: string[] }
> = (result, args, cache) => {
  if (result.removeImagesFromCollection?.__typename !== 'Collection') return;
  const removed = new Set(args.imageIds.map((id) => imageKey(cache, id)));
  for (const connection of collectionImagePages(cache, args.id)) {
    const edges = edgesOf(cache, connection);
    const kept = edges.filter((edge) => !removed.has(nodeOf(cache, edge) as string | null));
    if (kept.length !== edges.length) cache.link(connection, 'edges', kept);
  }
  for (const imageId of args.imageIds) {
    const image = imageKey(cache, imageId);
    if (image) cache.invalidate(image, 'collections');
  }
};

export const moveCollectionImage: UpdateResolver<
  Result<'moveCollectionImage', Typed>,
  { id: string; imageId: string; afterImageId?: string | null }
> = (result, args, cache) => {
  if (result.moveCollectionImage?.__typename !== 'Collection') return;
  moveInCollection(cache, args.id, args.imageId, args.afterImageId ?? null);
};

/** A smart collection's new search finds other images: its pages load again. */
export const updateCollection: UpdateResolver<
  Result<'updateCollection', Typed>,
  { input: { id: string; filter?: unknown } }
> = (result, args, cache) => {
  if (result.updateCollection?.__typename === 'Collection' && args.input.filter) {
    refreshCollectionImages(cache, args.input.id, []);
  }
};
