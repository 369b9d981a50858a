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
export interface Viewer {
  id: string;
  displayName: string;
}

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
export const terminalJobStatuses: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED'];
export type ImageOperation = 'GENERATE' | 'VARIATION' | 'ENHANCE' | 'RESTYLE' | 'EDIT';
/** A job makes images by one operation; its images carry the same operation. */
export type JobKind = ImageOperation;

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

export interface SchemaServices {
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

export interface SchemaContext {
  viewer: Viewer | null;
  services: SchemaServices;
}
