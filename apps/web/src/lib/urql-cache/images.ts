import type { Cache, UpdateResolver, Variables } from '@urql/exchange-graphcache';
import type { ImageQueryParams } from '../../gql/graphql';
import {
  cachedConnections,
  edgesOf,
  invalidateLists,
  isFirstPage,
  linkedKeys,
  nodeOf,
  prependEdges,
  removeEdges,
  type Result,
} from './connections';

/* The gallery lists, an image's lineage and the trash. */

/** The parts of an image the list updaters look at; results may carry more. */
export interface ImageLike {
  id: string;
  provider?: string;
  model?: string;
  operation?: string;
  createdAt?: string;
  tags?: readonly string[];
  starred?: boolean;
  deletedAt?: string | null;
}

/** Whether a new image belongs in a list fetched with `filter` (mirrors the server's filter). */
export function imageMatchesFilter(image: ImageLike, filter: ImageQueryParams | null | undefined): boolean {
  if (!filter) return true;
  // Text search, collections and batches are the server's to decide: see `placeLiveImage`.
  if (filter.search?.trim() || filter.collectionId || filter.batchId) return false;
  if (filter.provider && filter.provider !== image.provider) return false;
  if (filter.providers?.length && !filter.providers.includes(image.provider ?? '')) return false;
  if (filter.models?.length && !filter.models.includes(image.model ?? '')) return false;
  if (filter.operations?.length && !filter.operations.some((op) => op === image.operation)) return false;
  if (filter.starred != null && filter.starred !== (image.starred ?? false)) return false;
  const created = image.createdAt ? Date.parse(image.createdAt) : Number.NaN;
  if (filter.startDate && !(created >= Date.parse(filter.startDate))) return false;
  if (filter.endDate && !(created < Date.parse(filter.endDate))) return false;
  if (filter.tags?.length && !filter.tags.every((tag) => image.tags?.includes(tag))) return false;
  return true;
}

/** New images go on top of every cached gallery list whose filter they match. */
export function prependImages(cache: Cache, images: readonly ImageLike[]): void {
  if (images.length === 0) return;
  for (const { args, connection } of cachedConnections(cache, 'images')) {
    if (!isFirstPage(args) || args.sort === 'OLDEST') continue;
    const filter = args.filter as ImageQueryParams | null | undefined;
    const matching = images.filter((image) => imageMatchesFilter(image, filter));
    prependEdges(cache, connection, 'Image', matching);
  }
}

export function imageKey(cache: Cache, id: string): string | null {
  return cache.keyOfEntity({ __typename: 'Image', id });
}

/**
 * Lineage: new images made from `parentId` go on top of its `children` (newest first) when that
 * list is cached, and each points back to it as `parent`.
 */
export function addChildren(cache: Cache, parentId: string, images: readonly ImageLike[]): void {
  const parent = imageKey(cache, parentId);
  if (!parent || images.length === 0) return;
  const added: string[] = [];
  for (const image of images) {
    const child = imageKey(cache, image.id);
    if (!child) continue;
    cache.link(child, 'parent', parent);
    added.push(child);
  }
  const children = linkedKeys(cache, parent, 'children');
  // Unknown children stay unknown: the detail page asks for them when it needs them.
  if (!children) return;
  const fresh = added.filter((key) => !children.includes(key));
  if (fresh.length > 0) cache.link(parent, 'children', [...fresh, ...children]);
}

export function removeImage(cache: Cache, imageId: string): void {
  const key = imageKey(cache, imageId);
  for (const { connection } of cachedConnections(cache, 'images')) removeEdges(cache, connection, key);
  if (!key) return;
  const parent = cache.resolve(key, 'parent');
  if (typeof parent !== 'string') return;
  const siblings = linkedKeys(cache, parent, 'children');
  if (siblings?.includes(key)) {
    cache.link(
      parent,
      'children',
      siblings.filter((sibling) => sibling !== key),
    );
  }
}

/** Lists whose membership only the server can judge (text search, collections, batches) or that end with new images. */
function serverDecides(args: Variables | null): boolean {
  const filter = args?.filter as ImageQueryParams | null | undefined;
  return args?.sort === 'OLDEST' || !!filter?.search?.trim() || !!filter?.collectionId || !!filter?.batchId;
}

/** A new image (from `imageAdded`): on top of the lists it matches; lists the server must judge refetch. */
export function placeLiveImage(cache: Cache, image: ImageLike): void {
  prependImages(cache, [image]);
  invalidateLists(cache, 'images', serverDecides);
}

/**
 * A starred, tagged, trashed or restored image: out of the cached lists it no longer matches, into
 * the trash lists or out of them; lists it may now belong in refetch (its place depends on order).
 */
export function reconcileImage(cache: Cache, image: ImageLike): void {
  const key = imageKey(cache, image.id);
  if (image.deletedAt) {
    removeImage(cache, image.id);
    invalidateLists(cache, 'trash');
    return;
  }
  for (const { connection } of cachedConnections(cache, 'trash')) removeEdges(cache, connection, key);
  for (const { args, connection } of cachedConnections(cache, 'images')) {
    const filter = args?.filter as ImageQueryParams | null | undefined;
    const listed = edgesOf(cache, connection).some((edge) => nodeOf(cache, edge) === key);
    const current = { ...image, ...readImageFacts(cache, key) };
    if (listed && filter && !serverDecides(args) && !imageMatchesFilter(current, filter)) {
      removeEdges(cache, connection, key);
    } else if (!listed && (!filter || imageMatchesFilter(current, filter) || serverDecides(args))) {
      cache.invalidate('Query', 'images', args ?? undefined);
    }
  }
}

/** What the cache knows of an image that its filters look at. */
function readImageFacts(cache: Cache, key: string | null): Partial<ImageLike> {
  if (!key) return {};
  const facts: Partial<ImageLike> = {};
  for (const field of ['provider', 'model', 'operation', 'createdAt', 'starred', 'tags'] as const) {
    const value = cache.resolve(key, field);
    if (value !== undefined && value !== null) (facts as Record<string, unknown>)[field] = value;
  }
  return facts;
}

export const imageAdded: UpdateResolver<Result<'imageAdded', ImageLike>> = (result, _args, cache) => {
  if (result.imageAdded) placeLiveImage(cache, result.imageAdded);
};

export const imageUpdated: UpdateResolver<Result<'imageUpdated', ImageLike>> = (result, _args, cache) => {
  if (result.imageUpdated) reconcileImage(cache, result.imageUpdated);
};

export const setImageStarred: UpdateResolver<
  Result<'setImageStarred', ImageLike & { __typename?: string }>
> = (result, _args, cache) => {
  const image = result.setImageStarred;
  if (image?.__typename === 'Image') reconcileImage(cache, image);
};

export const setImageTags: UpdateResolver<Result<'setImageTags', ImageLike & { __typename?: string }>> = (
  result,
  _args,
  cache,
) => {
  const image = result.setImageTags;
  if (image?.__typename === 'Image') reconcileImage(cache, image);
};

type ImagesPayloadLike = { __typename?: string; images?: readonly ImageLike[] };

type DeletedPayloadLike = { __typename?: string; deletedImageIds?: readonly string[] };

export function eachImage(
  field: 'tagImages' | 'restoreImages' | 'setImagesStarred' | 'restoreTrash',
): UpdateResolver<Result<typeof field, ImagesPayloadLike>> {
  return (result, _args, cache) => {
    const outcome = result[field];
    if (outcome?.__typename !== 'ImagesPayload') return;
    for (const image of outcome.images ?? []) reconcileImage(cache, { ...image, deletedAt: null });
  };
}

export const deleteImage: UpdateResolver<
  Result<'deleteImage', { __typename?: string; deletedImageId?: string }>,
  { id: string }
> = (result, args, cache, info) => {
  const outcome = result.deleteImage;
  if (outcome?.__typename !== 'DeleteImagePayload') return;
  const id = outcome.deletedImageId ?? args.id;
  removeImage(cache, id);
  // Only once the server agrees: readers still holding it (a job's results) then refetch.
  if (!info.optimistic) {
    cache.invalidate({ __typename: 'Image', id });
    // It is in the trash now.
    invalidateLists(cache, 'trash');
  }
};

export const deleteImages: UpdateResolver<Result<'deleteImages', DeletedPayloadLike>> = (
  result,
  _args,
  cache,
) => {
  const outcome = result.deleteImages;
  if (outcome?.__typename !== 'DeletedImagesPayload') return;
  for (const id of outcome.deletedImageIds ?? []) removeImage(cache, id);
  invalidateLists(cache, 'trash');
};

export const deleteImagesForever: UpdateResolver<Result<'deleteImagesForever', DeletedPayloadLike>> = (
  result,
  _args,
  cache,
) => {
  const outcome = result.deleteImagesForever;
  if (outcome?.__typename !== 'DeletedImagesPayload') return;
  for (const id of outcome.deletedImageIds ?? []) {
    const key = imageKey(cache, id);
    for (const { connection } of cachedConnections(cache, 'trash')) removeEdges(cache, connection, key);
    removeImage(cache, id);
  }
};

export const emptyTrash: UpdateResolver<Result<'emptyTrash', { deletedCount?: number }>> = (
  result,
  _args,
  cache,
) => {
  if (result.emptyTrash) invalidateLists(cache, 'trash');
};
