import type {
  Attempt,
  ImageQuality,
  MagicPrompt,
  ProviderAvailability,
  ProviderCapabilities,
  VariationStrength,
} from '@atelier/providers';

import type { LibraryServices, TemplateUse } from './library-context';

export type * from './library-context';

/**
 * The ports the API implements for the schema. The schema never reaches a database, a queue or a
 * provider except through these.
 */
export type Role = 'ADMIN' | 'USER';
/** What a request may do: `read` everything of the viewer's, `generate` (make, change, delete), `admin`. */
export type Scope = 'read' | 'generate' | 'admin';
export const allScopes: readonly Scope[] = ['read', 'generate', 'admin'];

export interface Viewer {
  id: string;
  displayName: string;
  email: string | null;
  role: Role;
  /** The scopes of this request: a session has all its role allows; an API token, its own. */
  scopes: readonly Scope[];
  /** How the request proved who it is. Account settings (tokens, password) need a session. */
  via: 'session' | 'token';
  /** The API token used, when `via` is 'token' (for per-token rate limits). */
  tokenId: string | null;
}

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
export const terminalJobStatuses: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED'];
export type ImageOperation = 'GENERATE' | 'VARIATION' | 'ENHANCE' | 'RESTYLE' | 'EDIT' | 'IMPORT';
/** A job makes images by one operation; its images carry the same operation. */
export type JobKind = Exclude<ImageOperation, 'IMPORT'>;

export interface ErrorPayload {
  code: string;
  message: string;
  retryable: boolean;
  details: Record<string, unknown>;
}

export interface JobRecord {
  id: string;
  ownerId: string;
  kind: JobKind;
  status: JobStatus;
  stage: string | null;
  progress: number;
  seq: number;
  provider: string;
  input: JobInput;
  attempts: Attempt[];
  error: ErrorPayload | null;
  preview: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

export interface ImageRecord {
  id: string;
  ownerId: string;
  jobId: string | null;
  blobKey: string;
  width: number;
  height: number;
  mime: string;
  bytes: number;
  thumbhash: string | null;
  prompt: string;
  negativePrompt: string | null;
  style: string | null;
  seed: number | null;
  provider: string;
  model: string;
  params: Record<string, unknown>;
  parentImageId: string | null;
  operation: ImageOperation;
  starred: boolean;
  tags: string[];
  createdAt: Date;
  /** When it went to the trash; null while in the gallery. */
  deletedAt: Date | null;
  /** WebP renditions, smallest first (read with the image, in the same query). */
  thumbnails: ThumbnailRecord[];
  /** The template it was made from; `id` null once the template was deleted. */
  template?: { id: string | null; version: number; values: Record<string, unknown> } | null;
}

export interface ThumbnailRecord {
  size: number;
  blobKey: string;
  width: number;
  height: number;
}

/** Parameters shared by every operation that makes new pictures; null means the provider's default. */
export interface ImageParamsInput {
  provider: string | null;
  model: string | null;
  count: number;
  width: number | null;
  height: number | null;
  aspectRatio: string | null;
  quality: ImageQuality | null;
  style: string | null;
  negativePrompt: string | null;
  seed: number | null;
  steps: number | null;
  magicPrompt: MagicPrompt | null;
  /** Providers to try, in order, when the chosen one fails in a way another might not. */
  fallbackProviders: string[] | null;
}

export interface GenerateImagesInput extends ImageParamsInput {
  prompt: string;
  provider: string;
  /** Make the prompt from this template (the service expands it; `prompt` is then ignored). */
  template?: { id: string; version: number | null; values: Record<string, string> } | null;
  /** Apply this style preset: its prefix/suffix around the prompt, its settings under explicit fields. */
  presetId?: string | null;
  /** Append the new images to this hand-made collection of the viewer's. */
  collectionId?: string | null;
}

export interface CreateVariationsInput extends ImageParamsInput {
  imageId: string;
  strength: VariationStrength;
  prompt: string | null;
}

export interface EnhanceImageInput {
  imageId: string;
  scale: number;
  provider: string | null;
  fallbackProviders: string[] | null;
}

export interface RestyleImageInput extends ImageParamsInput {
  imageId: string;
  styleText: string | null;
  styleReferenceImageId: string | null;
  prompt: string | null;
}

/** An uploaded file (the fetch API's File), as yoga hands it over. */
export interface Upload {
  name: string;
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface EditImageInput extends ImageParamsInput {
  imageId: string;
  prompt: string;
  /** White where to change, black where to keep; either uploaded or one of the viewer's images. */
  mask: Upload | null;
  maskImageId: string | null;
}

/** Everything a job needs to run, resolved and stored on the job (so a retry runs the same thing). */
export interface JobInput {
  prompt: string;
  provider: string;
  model: string | null;
  count: number;
  width: number | null;
  height: number | null;
  aspectRatio: string | null;
  quality: ImageQuality | null;
  style: string | null;
  negativePrompt: string | null;
  seed: number | null;
  steps: number | null;
  magicPrompt: MagicPrompt | null;
  fallbackProviders: string[];
  sourceImageId: string | null;
  strength: VariationStrength | null;
  scale: number | null;
  styleText: string | null;
  styleReferenceImageId: string | null;
  maskBlobKey: string | null;
  /** The viewer's (hand-made) collection the job's images are appended to when stored. */
  collectionId?: string | null;
  /** The template the prompt was expanded from; recorded on every image made. */
  template?: TemplateUse | null;
}

export interface ImageFilter {
  /** Words to find in the prompt (web search syntax: "quoted phrase", or, -not). */
  search?: string | null;
  provider?: string | null;
  providers?: readonly string[] | null;
  models?: readonly string[] | null;
  startDate?: Date | null;
  endDate?: Date | null;
  tags?: readonly string[] | null;
  starred?: boolean | null;
  collectionId?: string | null;
  operations?: readonly ImageOperation[] | null;
}

export type ImageSort = 'NEWEST' | 'OLDEST';

/** What NOTIFY carries about an image: its id and what happened, never the image itself. */
export interface ImageEvent {
  imageId: string;
  change: 'ADDED' | 'UPDATED';
}

export type LibraryItemKind =
  | 'COLLECTION'
  | 'SAVED_PROMPT'
  | 'PROMPT_HISTORY'
  | 'TEMPLATE'
  | 'STYLE_PRESET'
  | 'BATCH'
  /** Changes may have been missed (the server lost its event connection): read everything again. */
  | 'EVERYTHING';

/** What NOTIFY carries about a change in someone's library: which item, never the item itself. */
export interface LibraryEvent {
  kind: LibraryItemKind;
  itemId: string;
  removed: boolean;
}

/** Keyset page request: `after`/`before` are opaque cursors, `inverted` walks backwards. */
export interface PageRequest {
  after?: string | null;
  before?: string | null;
  limit: number;
  inverted: boolean;
}

export interface ProviderInfo {
  id: string;
  displayName: string;
  description: string;
  capabilities: ProviderCapabilities;
  availability: ProviderAvailability;
}

/** What NOTIFY carries: enough to decide whether to read the job, never the job itself. */
export interface JobEvent {
  jobId: string;
  seq: number;
  status: JobStatus;
  /** The batch the job is an item of, if any. */
  batchId?: string | null;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface AccountRecord {
  id: string;
  email: string | null;
  displayName: string;
  role: Role;
  createdAt: Date;
  maxConcurrentJobs: number | null;
  maxImagesPerDay: number | null;
  disabled: boolean;
}

export interface Usage {
  images: number;
  imagesToday: number;
  activeJobs: number;
  jobs: number;
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ShareLinkRecord {
  id: string;
  token: string;
  /** What it shares: one image, or one collection. */
  imageId: string | null;
  collectionId: string | null;
  hideParams: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What a share link shows: the image, without its prompt and parameters when the owner hid them. */
export interface SharedImageRecord {
  link: ShareLinkRecord;
  image: ImageRecord;
  /** Its place in a shared collection's page. */
  cursor?: string;
}

/** A collection: hand-made (ordered images) or smart (a saved search, `filter` set). */
export interface CollectionRecord {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  coverImageId: string | null;
  /** The saved `images` filter of a smart collection; null for a hand-made one. */
  filter: ImageFilter | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An image in a collection's order: hand-made collections page by position, smart ones by time. */
export interface CollectionImageRecord extends ImageRecord {
  position: number | null;
}

/** What a collection share link shows. */
export interface SharedCollectionRecord {
  link: ShareLinkRecord;
  collection: CollectionRecord;
}

export interface CollectionChanges {
  name?: string;
  description?: string;
  filter?: ImageFilter;
  /** null clears the explicit cover (the first image is shown). */
  coverImageId?: string | null;
}

export type BatchKind = 'PROMPTS' | 'MATRIX' | 'COMPARE';

/** One prompt of a prompt-list batch (a line, or a CSV row). */
export interface BatchPromptInput {
  prompt: string;
  negativePrompt: string | null;
  seed: number | null;
}

export interface BatchTarget {
  provider: string;
  model: string | null;
}

export interface CreateBatchInput {
  title: string | null;
  prompts: BatchPromptInput[] | null;
  matrix: {
    templateId: string;
    version: number | null;
    values: { name: string; options: string[] }[];
  } | null;
  compare: { prompt: string; targets: BatchTarget[] } | null;
  /** Shared by every item; `provider` null means local (compare items take their target's). */
  params: ImageParamsInput;
  collectionId: string | null;
  newCollectionName: string | null;
}

export interface BatchCounts {
  total: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  canceled: number;
}

export interface BatchRecord {
  id: string;
  ownerId: string;
  kind: BatchKind;
  title: string;
  collectionId: string | null;
  createdAt: Date;
  canceledAt: Date | null;
  counts: BatchCounts;
  /** From 0 to 1: finished items count whole, running ones by their progress. */
  progress: number;
}

/** An item of a batch: its place, what it varies, and its latest job (a retry replaces a failed one). */
export interface BatchItemRecord {
  index: number;
  prompt: string;
  target: BatchTarget | null;
  values: Record<string, string> | null;
  job: JobRecord;
}

export interface BatchEventRecord {
  batch: BatchRecord;
  /** The item job that changed; null for the first event (the state now). */
  job: JobRecord | null;
}

export interface SchemaServices extends LibraryServices {
  accounts: {
    instance(): Promise<{ needsSetup: boolean; signupEnabled: boolean }>;
    setup(input: Credentials & { displayName: string }, session: SessionControl): Promise<Viewer>;
    signUp(input: Credentials & { displayName: string }, session: SessionControl): Promise<Viewer>;
    signIn(input: Credentials, session: SessionControl): Promise<Viewer>;
    signOut(session: SessionControl): Promise<void>;
    changePassword(
      viewer: Viewer,
      input: { currentPassword: string; newPassword: string },
      session: SessionControl,
    ): Promise<void>;
    account(viewer: Viewer): Promise<AccountRecord>;
    usage(userIds: readonly string[]): Promise<Usage[]>;
    tokens(viewer: Viewer): Promise<ApiTokenRecord[]>;
    createToken(
      viewer: Viewer,
      input: { name: string; scopes: Scope[] },
    ): Promise<{ secret: string; token: ApiTokenRecord }>;
    revokeToken(viewer: Viewer, id: string): Promise<ApiTokenRecord>;
  };
  admin: {
    users(viewer: Viewer, page: PageRequest): Promise<AccountRecord[]>;
    cursorOf(account: AccountRecord): string;
    setQuota(
      viewer: Viewer,
      userId: string,
      quota: { maxConcurrentJobs: number | null; maxImagesPerDay: number | null },
    ): Promise<AccountRecord>;
    setSignupEnabled(viewer: Viewer, enabled: boolean): Promise<boolean>;
  };
  sharing: {
    /** A link to one image (`imageId`) or one collection (`collectionId`): exactly one of them. */
    create(
      viewer: Viewer,
      input: {
        imageId: string | null;
        collectionId: string | null;
        expiresAt: Date | null;
        hideParams: boolean;
      },
    ): Promise<ShareLinkRecord>;
    revoke(viewer: Viewer, id: string): Promise<ShareLinkRecord>;
    linksOf(viewer: Viewer, imageIds: readonly string[]): Promise<ShareLinkRecord[][]>;
    linksOfCollections(viewer: Viewer, collectionIds: readonly string[]): Promise<ShareLinkRecord[][]>;
    /** The shared image behind a valid link, or null (unknown, expired, revoked, or a collection link). */
    open(token: string): Promise<SharedImageRecord | null>;
    /** The shared collection behind a valid link, or null (unknown, expired, revoked, or an image link). */
    openCollection(token: string): Promise<SharedCollectionRecord | null>;
  };
  collections: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(CollectionRecord | null)[]>;
    list(viewer: Viewer, search: string | null, page: PageRequest): Promise<CollectionRecord[]>;
    cursorOf(collection: CollectionRecord): string;
    create(
      viewer: Viewer,
      input: { name: string; description: string; filter: ImageFilter | null },
    ): Promise<CollectionRecord>;
    update(viewer: Viewer, id: string, changes: CollectionChanges): Promise<CollectionRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    addImages(viewer: Viewer, id: string, imageIds: readonly string[]): Promise<CollectionRecord>;
    removeImages(viewer: Viewer, id: string, imageIds: readonly string[]): Promise<CollectionRecord>;
    moveImage(
      viewer: Viewer,
      id: string,
      imageId: string,
      afterImageId: string | null,
    ): Promise<CollectionRecord>;
    /** The images in the collection's order (owner's view: `ownerId` is the collection's owner). */
    images(
      ownerId: string,
      collection: CollectionRecord,
      page: PageRequest,
    ): Promise<CollectionImageRecord[]>;
    imageCursorOf(collection: CollectionRecord, image: CollectionImageRecord): string;
    /** Number of images in hand-made collections; null for smart ones (a live search). */
    imageCounts(viewer: Viewer, collections: readonly CollectionRecord[]): Promise<(number | null)[]>;
    covers(ownerId: string, collections: readonly CollectionRecord[]): Promise<(ImageRecord | null)[]>;
    /** The viewer's collections each image is in. */
    collectionsOf(viewer: Viewer, imageIds: readonly string[]): Promise<CollectionRecord[][]>;
  };
  imports: {
    importImage(viewer: Viewer, file: Upload): Promise<ImageRecord>;
    importImageFromUrl(viewer: Viewer, url: string): Promise<ImageRecord>;
  };
  providers: {
    list(): ProviderInfo[];
  };
  library: {
    watch(viewer: Viewer): AsyncIterable<LibraryEvent>;
  };
  images: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(ImageRecord | null)[]>;
    list(viewer: Viewer, filter: ImageFilter, sort: ImageSort, page: PageRequest): Promise<ImageRecord[]>;
    cursorOf(image: ImageRecord): string;
    /** Moves the image to the trash. */
    delete(viewer: Viewer, id: string): Promise<void>;
    setStarred(viewer: Viewer, id: string, starred: boolean): Promise<ImageRecord>;
    setTags(viewer: Viewer, id: string, tags: readonly string[]): Promise<ImageRecord>;
    /** All-or-nothing bulk edits of the viewer's images (NOT_FOUND when any id is not theirs). */
    tagMany(
      viewer: Viewer,
      ids: readonly string[],
      change: { add: readonly string[]; remove: readonly string[] },
    ): Promise<ImageRecord[]>;
    trashMany(viewer: Viewer, ids: readonly string[]): Promise<string[]>;
    restoreMany(viewer: Viewer, ids: readonly string[]): Promise<ImageRecord[]>;
    deleteForever(viewer: Viewer, ids: readonly string[]): Promise<string[]>;
    emptyTrash(viewer: Viewer): Promise<number>;
    /** Trashed images, most recently deleted first. */
    trash(viewer: Viewer, page: PageRequest): Promise<ImageRecord[]>;
    trashCursorOf(image: ImageRecord): string;
    /** When a trashed image will be purged with its files. */
    purgeAt(image: ImageRecord): Date | null;
    /**
     * The viewer's images as they are added, or as they change (a trashed one has `deletedAt`).
     * With `since`, added images made after it come first (a client resuming after a disconnect).
     */
    watch(viewer: Viewer, change: ImageEvent['change'], since?: Date | null): AsyncIterable<ImageRecord>;
    /** Images made from this one (variations, enhancements, restyles, edits), newest first. */
    childrenOf(viewer: Viewer, imageIds: readonly string[]): Promise<ImageRecord[][]>;
    fileUrl(blobKey: string): string;
  };
  jobs: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(JobRecord | null)[]>;
    list(viewer: Viewer, statuses: readonly JobStatus[] | null, page: PageRequest): Promise<JobRecord[]>;
    cursorOf(job: JobRecord): string;
    /** One list per job id, in the same order. */
    imagesOf(viewer: Viewer, jobIds: readonly string[]): Promise<ImageRecord[][]>;
    queuePosition(viewer: Viewer, job: JobRecord): Promise<number | null>;
    cancel(viewer: Viewer, id: string): Promise<JobRecord>;
    watch(viewer: Viewer, id: string, afterSeq: number): AsyncIterable<JobRecord>;
  };
  batches: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(BatchRecord | null)[]>;
    list(viewer: Viewer, page: PageRequest): Promise<BatchRecord[]>;
    cursorOf(batch: BatchRecord): string;
    /** One page of items, in the order given. */
    items(viewer: Viewer, batchId: string, page: PageRequest): Promise<BatchItemRecord[]>;
    itemCursorOf(item: BatchItemRecord): string;
    create(viewer: Viewer, input: CreateBatchInput): Promise<BatchRecord>;
    cancel(viewer: Viewer, id: string): Promise<BatchRecord>;
    retryFailed(viewer: Viewer, id: string): Promise<BatchRecord>;
    watch(viewer: Viewer, id: string): AsyncIterable<BatchEventRecord>;
  };
  generation: {
    generate(viewer: Viewer, input: GenerateImagesInput): Promise<JobRecord>;
    createVariations(viewer: Viewer, input: CreateVariationsInput): Promise<JobRecord>;
    enhance(viewer: Viewer, input: EnhanceImageInput): Promise<JobRecord>;
    restyle(viewer: Viewer, input: RestyleImageInput): Promise<JobRecord>;
    edit(viewer: Viewer, input: EditImageInput): Promise<JobRecord>;
  };
}

/** The browser session of this request: sign-in sets its cookie, sign-out clears it. */
export interface SessionControl {
  start(token: string, expiresAt: Date): void;
  end(): void;
  /** The session token sent with this request, if any. */
  current(): string | null;
  userAgent: string | null;
  /** Who is calling, for per-client limits on sign-in: the peer address. */
  clientAddress: string | null;
}

export interface SchemaContext {
  viewer: Viewer | null;
  services: SchemaServices;
  session: SessionControl;
}
