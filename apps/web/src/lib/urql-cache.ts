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

/** The parts of an image the list updaters look at; results may carry more. */
export interface ImageLike {
  id: string;
  provider?: string;
  createdAt?: string;
  tags?: readonly string[];
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
  if (filter.provider && filter.provider !== image.provider) return false;
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
    if (!isFirstPage(args)) continue;
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
  if (!info.optimistic) cache.invalidate({ __typename: 'Image', id });
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
  Result<'createShareLink', Typed & { image?: Typed }>,
  { input: { imageId: string } }
> = (result, args, cache) => {
  const link = result.createShareLink;
  if (link?.__typename !== 'ShareLink') return;
  const image = imageKey(cache, link.image?.id ?? args.input.imageId);
  if (image) prependToList(cache, image, 'shareLinks', link);
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

export const cacheOptions = {
  schema,
  keys,
  resolvers: {
    Query: {
      images: relayPagination(),
      jobs: relayPagination(),
      users: relayPagination(),
      // Let a detail page or a job card read what a list or a subscription already cached.
      image: (_parent: Data, args: Variables, cache: Cache) => entityOrCached(cache, 'image', 'Image', args),
      job: (_parent: Data, args: Variables, cache: Cache) => entityOrCached(cache, 'job', 'Job', args),
    },
  },
  updates: {
    Mutation: {
      generateImages: queuesJob('generateImages'),
      createVariations: queuesJob('createVariations'),
      enhanceImage: queuesJob('enhanceImage'),
      restyleImage: queuesJob('restyleImage'),
      editImage: queuesJob('editImage'),
      cancelJob,
      deleteImage,
      setup: signsIn('setup'),
      signIn: signsIn('signIn'),
      signUp: signsIn('signUp'),
      signOut,
      createApiToken,
      createShareLink,
      setSignupEnabled,
      // revokeApiToken, revokeShareLink and setUserQuota answer with the entity: keyed by id, it
      // updates in place.
    },
    Subscription: { jobUpdated },
  },
  optimistic: {
    // The tile disappears at once; if the server refuses, the optimistic layer is rolled back.
    deleteImage: (args: Variables) => ({
      __typename: 'DeleteImagePayload',
      deletedImageId: args.id as string,
    }),
  },
} satisfies Partial<CacheExchangeOpts>;
