import type {
  Cache,
  CacheExchangeOpts,
  Data,
  KeyGenerator,
  UpdateResolver,
  Variables,
} from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { graphql } from '../gql';
import type {
  ImageQueryParams,
  JobStatus,
  LibraryItemKind,
  LiveLibrary_ChangedSubscription,
  UrqlCache_ImageEdgeFragment,
  UrqlCache_JobEdgeFragment,
} from '../gql/graphql';
import schema from '../gql/introspection';

/*
 * All graphcache configuration: keys, resolvers, updaters, optimistic results. The app client and
 * the test client both use `cacheOptions`, so the specs exercise exactly what the app runs.
 */

const noKey: KeyGenerator = () => null;

/** Relay edges carry no id; keying them by their node lets updaters write new edges. */
const edgeKeyByNode: KeyGenerator = (edge) => {
  const node = edge.node as { id?: unknown } | null | undefined;
  return typeof node?.id === 'string' ? node.id : null;
};

const keys: NonNullable<CacheExchangeOpts['keys']> = {
  // Value types: they live inside their parent and have no identity of their own.
  ProviderInfo: noKey,
  ProviderCapabilities: noKey,
  ProviderModel: noKey,
  SizeRule: noKey,
  StepsRule: noKey,
  EnhanceCapability: noKey,
  RestyleCapability: noKey,
  JobAttempt: noKey,
  Thumbnail: noKey,
  ImageMetadata: noKey,
  JobInput: noKey,
  JobError: noKey,
  FieldIssue: noKey,
  PageInfo: noKey,
  DeleteImagePayload: noKey,
  BaseError: noKey,
  InvalidInputError: noKey,
  NotFoundError: noKey,
  QueryImagesConnection: noKey,
  QueryJobsConnection: noKey,
  QueryImagesConnectionEdge: edgeKeyByNode,
  QueryJobsConnectionEdge: edgeKeyByNode,
  // Accounts, sharing, quotas.
  Instance: noKey,
  Usage: noKey,
  CreatedApiToken: noKey,
  ChangePasswordSuccess: noKey,
  QuotaExceededError: noKey,
  SharedImage: noKey,
  SharedThumbnail: noKey,
  QueryUsersConnection: noKey,
  QueryUsersConnectionEdge: edgeKeyByNode,
  // Collections: an image's place (edge, cursor) differs from one collection to the next.
  QueryCollectionsConnection: noKey,
  QueryCollectionsConnectionEdge: edgeKeyByNode,
  CollectionImagesConnection: noKey,
  CollectionImagesConnectionEdge: noKey,
  DeleteCollectionPayload: noKey,
  SmartCollectionError: noKey,
  SharedCollection: noKey,
  SharedCollectionImagesConnection: noKey,
  SharedCollectionImagesEdge: noKey,
  // History: bulk results and the trash.
  ImagesPayload: noKey,
  DeletedImagesPayload: noKey,
  EmptyTrashPayload: noKey,
  QueryTrashConnection: noKey,
  QueryTrashConnectionEdge: edgeKeyByNode,
  // Batches: items are places in a batch (their job is normalized by id).
  BatchCounts: noKey,
  BatchTarget: noKey,
  BatchVariableValue: noKey,
  BatchItem: noKey,
  BatchItemsConnection: noKey,
  BatchItemsConnectionEdge: noKey,
  BatchUpdate: noKey,
  QueryBatchesConnection: noKey,
  QueryBatchesConnectionEdge: edgeKeyByNode,
  // The prompt library: saved prompts, history, templates (versions never change), style presets.
  QuerySavedPromptsConnection: noKey,
  QuerySavedPromptsConnectionEdge: edgeKeyByNode,
  QueryPromptHistoryConnection: noKey,
  QueryPromptHistoryConnectionEdge: edgeKeyByNode,
  QueryTemplatesConnection: noKey,
  QueryTemplatesConnectionEdge: edgeKeyByNode,
  QueryStylePresetsConnection: noKey,
  QueryStylePresetsConnectionEdge: edgeKeyByNode,
  PromptTemplateVersion: noKey,
  TemplateVariable: noKey,
  TemplatePreview: noKey,
  ImageTemplate: noKey,
  InvalidTemplateError: noKey,
  StylePresetSettings: noKey,
  DeletedLibraryItem: noKey,
  DeletedTemplate: noKey,
  DeletedStylePreset: noKey,
  ClearedPromptHistory: noKey,
  ExportedStylePresets: noKey,
  ImportedStylePresets: noKey,
};

const UrqlCache_ImageEdge = graphql(`
  fragment UrqlCache_ImageEdge on QueryImagesConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

const UrqlCache_JobEdge = graphql(`
  fragment UrqlCache_JobEdge on QueryJobsConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

const UrqlCache_BatchEdge = graphql(`
  fragment UrqlCache_BatchEdge on QueryBatchesConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

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

interface JobLike {
  __typename?: string;
  id: string;
  status: JobStatus;
  images?: readonly ImageLike[] | null;
  /** The image a variation, enhance, restyle or edit job works on. */
  input?: { sourceImage?: { id: string } | null } | null;
}

/** Whether a new image belongs in a list fetched with `filter` (mirrors the server's filter). */
export function imageMatchesFilter(image: ImageLike, filter: ImageQueryParams | null | undefined): boolean {
  if (!filter) return true;
  // Text search and collections are the server's to decide: see `placeLiveImage`.
  if (filter.search?.trim() || filter.collectionId) return false;
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

function isFirstPage(args: Variables | null): args is Variables {
  return !!args && args.after == null && args.before == null && args.last == null;
}

/** Every cached field `Query.<fieldName>` with its arguments and the key of the connection it holds. */
function cachedConnections(cache: Cache, fieldName: string) {
  const found: { args: Variables | null; connection: string }[] = [];
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== fieldName) continue;
    const connection = cache.resolve('Query', field.fieldKey);
    if (typeof connection === 'string') found.push({ args: field.arguments, connection });
  }
  return found;
}

function edgesOf(cache: Cache, connection: string): string[] {
  const edges = cache.resolve(connection, 'edges');
  return Array.isArray(edges)
    ? (edges as unknown[]).filter((edge): edge is string => typeof edge === 'string')
    : [];
}

function nodeOf(cache: Cache, edge: string): unknown {
  return cache.resolve(edge, 'node');
}

/** Puts `nodes` at the top of a connection's first page, skipping any it already has. */
function prependEdges(
  cache: Cache,
  connection: string,
  typename: 'Image' | 'Job',
  nodes: readonly { id: string }[],
): void {
  const edges = edgesOf(cache, connection);
  const present = new Set(edges.map((edge) => nodeOf(cache, edge)));
  const added: string[] = [];
  for (const node of nodes) {
    if (present.has(cache.keyOfEntity({ __typename: typename, id: node.id }))) continue;
    // The cursor is never used to page from (pageInfo is), so the id stands in until a refetch.
    const edge = { cursor: node.id, node: { __typename: typename, id: node.id } };
    if (typename === 'Image') {
      cache.writeFragment(UrqlCache_ImageEdge, {
        __typename: 'QueryImagesConnectionEdge',
        ...edge,
      } as UrqlCache_ImageEdgeFragment);
      added.push(cache.keyOfEntity({ __typename: 'QueryImagesConnectionEdge', ...edge }) ?? '');
    } else {
      cache.writeFragment(UrqlCache_JobEdge, {
        __typename: 'QueryJobsConnectionEdge',
        ...edge,
      } as UrqlCache_JobEdgeFragment);
      added.push(cache.keyOfEntity({ __typename: 'QueryJobsConnectionEdge', ...edge }) ?? '');
    }
  }
  const keysAdded = added.filter(Boolean);
  if (keysAdded.length > 0) cache.link(connection, 'edges', [...keysAdded, ...edges]);
}

function removeEdges(cache: Cache, connection: string, nodeKey: string | null): void {
  const edges = edgesOf(cache, connection);
  const kept = edges.filter((edge) => nodeOf(cache, edge) !== nodeKey);
  if (kept.length !== edges.length) cache.link(connection, 'edges', kept);
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

function imageKey(cache: Cache, id: string): string | null {
  return cache.keyOfEntity({ __typename: 'Image', id });
}

function linkedKeys(cache: Cache, entity: string, field: string): string[] | null {
  const value = cache.resolve(entity, field);
  return Array.isArray(value)
    ? (value as unknown[]).filter((key): key is string => typeof key === 'string')
    : null;
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

/** A job sits in exactly the cached job lists whose `statuses` admit its current status. */
export function placeJob(cache: Cache, job: JobLike): void {
  const key = cache.keyOfEntity({ __typename: 'Job', id: job.id });
  for (const { args, connection } of cachedConnections(cache, 'jobs')) {
    const statuses = args?.statuses as JobStatus[] | null | undefined;
    const belongs = !statuses || statuses.includes(job.status);
    if (!belongs) removeEdges(cache, connection, key);
    else if (isFirstPage(args)) prependEdges(cache, connection, 'Job', [job]);
  }
}

type Result<Field extends string, Value> = Partial<Record<Field, Value | null>>;

type JobMutation = 'generateImages' | 'createVariations' | 'enhanceImage' | 'restyleImage' | 'editImage';

/** Every mutation that queues a job: the job is listed as active at once, before any event. */
function queuesJob(field: JobMutation): UpdateResolver<Result<JobMutation, JobLike>> {
  return (result, _args, cache) => {
    const outcome = result[field];
    if (outcome?.__typename === 'Job') placeJob(cache, outcome);
  };
}

const cancelJob: UpdateResolver<Result<'cancelJob', JobLike>> = (result, _args, cache) => {
  const outcome = result.cancelJob;
  if (outcome?.__typename === 'Job') placeJob(cache, outcome);
};

const deleteImage: UpdateResolver<
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

const jobUpdated: UpdateResolver<Result<'jobUpdated', JobLike>> = (result, _args, cache) => {
  const job = result.jobUpdated;
  if (!job) return;
  placeJob(cache, job);
  if (job.status === 'SUCCEEDED' && job.images) {
    prependImages(cache, job.images);
    const source = job.input?.sourceImage?.id;
    if (source) addChildren(cache, source, job.images);
  }
};

/** A new batch goes on top of every cached first page of `batches` (newest first). */
const createBatch: UpdateResolver<Result<'createBatch', Typed>> = (result, _args, cache) => {
  const batch = result.createBatch;
  if (batch?.__typename !== 'Batch' || !batch.id) return;
  const key = cache.keyOfEntity({ __typename: 'Batch', id: batch.id });
  for (const { args, connection } of cachedConnections(cache, 'batches')) {
    if (!isFirstPage(args)) continue;
    const edges = edgesOf(cache, connection);
    if (edges.some((edge) => nodeOf(cache, edge) === key)) continue;
    const edge = {
      __typename: 'QueryBatchesConnectionEdge',
      cursor: batch.id,
      node: { __typename: 'Batch', id: batch.id },
    };
    cache.writeFragment(UrqlCache_BatchEdge, edge);
    const edgeKey = cache.keyOfEntity(edge);
    if (edgeKey) cache.link(connection, 'edges', [edgeKey, ...edges]);
  }
};

/** An item job of a batch changed: it is normalized by id; new images join the gallery lists. */
const batchUpdated: UpdateResolver<Result<'batchUpdated', { job?: JobLike | null }>> = (
  result,
  _args,
  cache,
) => {
  const job = result.batchUpdated?.job;
  if (!job) return;
  placeJob(cache, job);
  if (job.status === 'SUCCEEDED' && job.images) prependImages(cache, job.images);
};

/** Forgets every cached `Query.<fieldName>` list, so whoever shows one refetches it. */
function invalidateLists(
  cache: Cache,
  fieldName: string,
  which: (args: Variables | null) => boolean = () => true,
) {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === fieldName && which(field.arguments)) {
      cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
    }
  }
}

/** Lists whose membership only the server can judge (text search, collections) or that end with new images. */
function serverDecides(args: Variables | null): boolean {
  const filter = args?.filter as ImageQueryParams | null | undefined;
  return args?.sort === 'OLDEST' || !!filter?.search?.trim() || !!filter?.collectionId;
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

const imageAdded: UpdateResolver<Result<'imageAdded', ImageLike>> = (result, _args, cache) => {
  if (result.imageAdded) placeLiveImage(cache, result.imageAdded);
};

// Where each kind of library item lives in the cache: its type, and the list that shows it.
const libraryPlaces: Record<Exclude<LibraryItemKind, 'EVERYTHING'>, { typename: string; list: string }> = {
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
const libraryChanged: UpdateResolver<LiveLibrary_ChangedSubscription> = (result, _args, cache) => {
  const change = result.libraryChanged;
  if (change.kind === 'EVERYTHING') {
    for (const { list } of Object.values(libraryPlaces)) invalidateLists(cache, list);
    return;
  }
  const place = libraryPlaces[change.kind];
  cache.invalidate({ __typename: place.typename, id: change.id });
  invalidateLists(cache, place.list);
};

const imageUpdated: UpdateResolver<Result<'imageUpdated', ImageLike>> = (result, _args, cache) => {
  if (result.imageUpdated) reconcileImage(cache, result.imageUpdated);
};

const setImageStarred: UpdateResolver<Result<'setImageStarred', ImageLike & { __typename?: string }>> = (
  result,
  _args,
  cache,
) => {
  const image = result.setImageStarred;
  if (image?.__typename === 'Image') reconcileImage(cache, image);
};

const setImageTags: UpdateResolver<Result<'setImageTags', ImageLike & { __typename?: string }>> = (
  result,
  _args,
  cache,
) => {
  const image = result.setImageTags;
  if (image?.__typename === 'Image') reconcileImage(cache, image);
};

type ImagesPayloadLike = { __typename?: string; images?: readonly ImageLike[] };
type DeletedPayloadLike = { __typename?: string; deletedImageIds?: readonly string[] };

function eachImage(
  field: 'tagImages' | 'restoreImages',
): UpdateResolver<Result<typeof field, ImagesPayloadLike>> {
  return (result, _args, cache) => {
    const outcome = result[field];
    if (outcome?.__typename !== 'ImagesPayload') return;
    for (const image of outcome.images ?? []) reconcileImage(cache, { ...image, deletedAt: null });
  };
}

const deleteImages: UpdateResolver<Result<'deleteImages', DeletedPayloadLike>> = (result, _args, cache) => {
  const outcome = result.deleteImages;
  if (outcome?.__typename !== 'DeletedImagesPayload') return;
  for (const id of outcome.deletedImageIds ?? []) removeImage(cache, id);
  invalidateLists(cache, 'trash');
};

const deleteImagesForever: UpdateResolver<Result<'deleteImagesForever', DeletedPayloadLike>> = (
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

const emptyTrash: UpdateResolver<Result<'emptyTrash', { deletedCount?: number }>> = (
  result,
  _args,
  cache,
) => {
  if (result.emptyTrash) invalidateLists(cache, 'trash');
};

const UrqlCache_CollectionEdge = graphql(`
  fragment UrqlCache_CollectionEdge on QueryCollectionsConnectionEdge {
    cursor
    node {
      id
    }
  }
`);

function collectionKey(cache: Cache, id: string): string | null {
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

const createCollection: UpdateResolver<Result<'createCollection', Typed & { name?: string }>> = (
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

const deleteCollection: UpdateResolver<
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

const addImagesToCollection: UpdateResolver<
  Result<'addImagesToCollection', Typed>,
  { id: string; imageIds: string[] }
> = (result, args, cache) => {
  if (result.addImagesToCollection?.__typename !== 'Collection') return;
  refreshCollectionImages(cache, args.id, args.imageIds);
};

const removeImagesFromCollection: UpdateResolver<
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

const moveCollectionImage: UpdateResolver<
  Result<'moveCollectionImage', Typed>,
  { id: string; imageId: string; afterImageId?: string | null }
> = (result, args, cache) => {
  if (result.moveCollectionImage?.__typename !== 'Collection') return;
  moveInCollection(cache, args.id, args.imageId, args.afterImageId ?? null);
};

/** A smart collection's new search finds other images: its pages load again. */
const updateCollection: UpdateResolver<
  Result<'updateCollection', Typed>,
  { input: { id: string; filter?: unknown } }
> = (result, args, cache) => {
  if (result.updateCollection?.__typename === 'Collection' && args.input.filter) {
    refreshCollectionImages(cache, args.input.id, []);
  }
};

const UrqlCache_Instance = graphql(`
  query UrqlCache_Instance {
    instance {
      needsSetup
      signupEnabled
    }
  }
`);

/** `instance` has no id: it is changed through the query that holds it, when cached. */
function updateInstance(cache: Cache, changes: { needsSetup?: boolean; signupEnabled?: boolean }): void {
  cache.updateQuery({ query: UrqlCache_Instance }, (data) =>
    data ? { ...data, instance: { ...data.instance, ...changes } } : data,
  );
}

interface Typed {
  __typename?: string;
  id?: string;
}

/** Who `viewer` is from now on: the account just signed in (or set up), or nobody. */
function linkViewer(cache: Cache, account: Typed | null): void {
  cache.link('Query', 'viewer', account ? cache.keyOfEntity(account as Data) : null);
}

/** Sign-in, sign-up and setup answer with the account: it is the viewer now. */
function signsIn(field: 'signIn' | 'signUp' | 'setup'): UpdateResolver<Result<typeof field, Typed>> {
  return (result, _args, cache) => {
    const outcome = result[field];
    if (outcome?.__typename !== 'Account') return;
    linkViewer(cache, outcome);
    if (field === 'setup') updateInstance(cache, { needsSetup: false });
  };
}

const signOut: UpdateResolver<Result<'signOut', boolean>> = (result, _args, cache) => {
  if (result.signOut) linkViewer(cache, null);
};

/** Puts `entity` first in a cached list field, unless it is there already (unknown lists stay unknown). */
function prependToList(cache: Cache, parent: string, field: string, entity: Typed): void {
  const key = cache.keyOfEntity(entity as Data);
  const list = linkedKeys(cache, parent, field);
  if (!key || !list || list.includes(key)) return;
  cache.link(parent, field, [key, ...list]);
}

const createApiToken: UpdateResolver<Result<'createApiToken', { __typename?: string; token?: Typed }>> = (
  result,
  _args,
  cache,
) => {
  const outcome = result.createApiToken;
  if (outcome?.__typename === 'CreatedApiToken' && outcome.token) {
    prependToList(cache, 'Query', 'apiTokens', outcome.token);
  }
};

const createShareLink: UpdateResolver<
  Result<'createShareLink', Typed & { image?: Typed | null; collection?: Typed | null }>,
  { input: { imageId?: string | null; collectionId?: string | null } }
> = (result, args, cache) => {
  const link = result.createShareLink;
  if (link?.__typename !== 'ShareLink') return;
  const collectionId = link.collection?.id ?? args.input.collectionId;
  const imageId = link.image?.id ?? args.input.imageId;
  const target = collectionId
    ? collectionKey(cache, collectionId)
    : imageId
      ? imageKey(cache, imageId)
      : null;
  if (target) prependToList(cache, target, 'shareLinks', link);
};

const setSignupEnabled: UpdateResolver<Result<'setSignupEnabled', boolean>> = (result, _args, cache) => {
  if (typeof result.setSignupEnabled === 'boolean') {
    updateInstance(cache, { signupEnabled: result.setSignupEnabled });
  }
};

/**
 * What the server said for `Query.<field>(id)` if it was asked (null stays null: no refetch loop),
 * otherwise the entity by id, so data from lists and subscriptions is read without a request.
 */
function entityOrCached(cache: Cache, field: string, typename: string, args: Variables) {
  const cached = cache.resolve('Query', field, args);
  return cached !== undefined ? cached : { __typename: typename, id: args.id as string };
}

/**
 * Library lists are ordered by last change and filtered by search on the server: after a write,
 * refetch them rather than guess where a row goes. A deleted row also leaves the cache.
 */
function refreshesLists(fields: readonly string[], deletedType?: string): UpdateResolver {
  return (result, _args, cache) => {
    const outcome = Object.values(result)[0] as { __typename?: string; deletedId?: string } | null;
    if (deletedType && outcome?.deletedId) {
      cache.invalidate({ __typename: deletedType, id: outcome.deletedId });
    }
    for (const field of fields) invalidateLists(cache, field);
  };
}

/** A job that takes a prompt also adds it to the prompt history. */
function alsoRecordsPrompt(updater: UpdateResolver): UpdateResolver {
  return (result, args, cache, info) => {
    updater(result, args, cache, info);
    invalidateLists(cache, 'promptHistory');
  };
}

export const cacheOptions = {
  schema,
  keys,
  resolvers: {
    Query: {
      images: relayPagination(),
      jobs: relayPagination(),
      users: relayPagination(),
      trash: relayPagination(),
      batches: relayPagination(),
      collections: relayPagination(),
      savedPrompts: relayPagination(),
      promptHistory: relayPagination(),
      templates: relayPagination(),
      stylePresets: relayPagination(),
      template: (_parent: Data, args: Variables, cache: Cache) =>
        entityOrCached(cache, 'template', 'PromptTemplate', args),
      stylePreset: (_parent: Data, args: Variables, cache: Cache) =>
        entityOrCached(cache, 'stylePreset', 'StylePreset', args),
      // Let a detail page or a job card read what a list or a subscription already cached.
      image: (_parent: Data, args: Variables, cache: Cache) => entityOrCached(cache, 'image', 'Image', args),
      job: (_parent: Data, args: Variables, cache: Cache) => entityOrCached(cache, 'job', 'Job', args),
      batch: (_parent: Data, args: Variables, cache: Cache) => entityOrCached(cache, 'batch', 'Batch', args),
      collection: (_parent: Data, args: Variables, cache: Cache) =>
        entityOrCached(cache, 'collection', 'Collection', args),
    },
    Collection: { images: relayPagination() },
  },
  updates: {
    Mutation: {
      generateImages: alsoRecordsPrompt(queuesJob('generateImages')),
      createVariations: alsoRecordsPrompt(queuesJob('createVariations')),
      enhanceImage: queuesJob('enhanceImage'),
      restyleImage: alsoRecordsPrompt(queuesJob('restyleImage')),
      editImage: alsoRecordsPrompt(queuesJob('editImage')),
      cancelJob,
      deleteImage,
      setImageStarred,
      setImageTags,
      tagImages: eachImage('tagImages'),
      deleteImages,
      restoreImages: eachImage('restoreImages'),
      deleteImagesForever,
      emptyTrash,
      setup: signsIn('setup'),
      signIn: signsIn('signIn'),
      signUp: signsIn('signUp'),
      signOut,
      createApiToken,
      createShareLink,
      setSignupEnabled,
      createBatch,
      createCollection,
      updateCollection,
      deleteCollection,
      addImagesToCollection,
      removeImagesFromCollection,
      moveCollectionImage,
      savePrompt: refreshesLists(['savedPrompts']),
      updateSavedPrompt: refreshesLists(['savedPrompts']),
      deleteSavedPrompt: refreshesLists(['savedPrompts'], 'SavedPrompt'),
      deletePromptHistoryEntry: refreshesLists(['promptHistory'], 'PromptHistoryEntry'),
      clearPromptHistory: refreshesLists(['promptHistory']),
      createTemplate: refreshesLists(['templates']),
      updateTemplate: refreshesLists(['templates']),
      deleteTemplate: refreshesLists(['templates'], 'PromptTemplate'),
      createStylePreset: refreshesLists(['stylePresets']),
      updateStylePreset: refreshesLists(['stylePresets']),
      duplicateStylePreset: refreshesLists(['stylePresets']),
      importStylePresets: refreshesLists(['stylePresets']),
      deleteStylePreset: refreshesLists(['stylePresets'], 'StylePreset'),
      // cancelBatch and retryFailedBatchItems answer with the batch and its items: updated in place.
      // revokeApiToken, revokeShareLink and setUserQuota answer with the entity: keyed by id, it
      // updates in place.
    },
    Subscription: { imageAdded, imageUpdated, jobUpdated, batchUpdated, libraryChanged },
  },
  optimistic: {
    // Reordering is instant; the updater moves the tile, and a refusal rolls it back.
    moveCollectionImage: (args: Variables) => ({ __typename: 'Collection', id: args.id as string }),
    // The star flips at once; the server's answer (or a rollback) follows.
    setImageStarred: (args: Variables) => ({
      __typename: 'Image',
      id: args.id as string,
      starred: args.starred as boolean,
    }),
    // The tile disappears at once; if the server refuses, the optimistic layer is rolled back.
    deleteImage: (args: Variables) => ({
      __typename: 'DeleteImagePayload',
      deletedImageId: args.id as string,
    }),
  },
} satisfies Partial<CacheExchangeOpts>;
