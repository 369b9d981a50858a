import type {
  Attempt,
  ImageQuality,
  MagicPrompt,
  ProviderAvailability,
  ProviderCapabilities,
  VariationStrength,
} from '@atelier/providers';

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
  /** WebP renditions, smallest first (read with the image, in the same query). */
  thumbnails: ThumbnailRecord[];
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
}

export interface ImageFilter {
  provider?: string | null;
  startDate?: Date | null;
  endDate?: Date | null;
  tags?: readonly string[] | null;
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
  imageId: string;
  hideParams: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What a share link shows: the image, without its prompt and parameters when the owner hid them. */
export interface SharedImageRecord {
  link: ShareLinkRecord;
  image: ImageRecord;
}

export interface SchemaServices {
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
    create(
      viewer: Viewer,
      input: { imageId: string; expiresAt: Date | null; hideParams: boolean },
    ): Promise<ShareLinkRecord>;
    revoke(viewer: Viewer, id: string): Promise<ShareLinkRecord>;
    linksOf(viewer: Viewer, imageIds: readonly string[]): Promise<ShareLinkRecord[][]>;
    /** The shared image behind a valid link, or null (unknown, expired or revoked). */
    open(token: string): Promise<SharedImageRecord | null>;
  };
  imports: {
    importImage(viewer: Viewer, file: Upload): Promise<ImageRecord>;
    importImageFromUrl(viewer: Viewer, url: string): Promise<ImageRecord>;
  };
  providers: {
    list(): ProviderInfo[];
  };
  images: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(ImageRecord | null)[]>;
    list(viewer: Viewer, filter: ImageFilter, page: PageRequest): Promise<ImageRecord[]>;
    cursorOf(image: ImageRecord): string;
    delete(viewer: Viewer, id: string): Promise<void>;
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
