import type { EditOperation } from '@atelier/image-edits';
import type { ImageOperation } from './images';
import type { Attempt, ImageQuality, MagicPrompt, VariationStrength } from './providers';
import type { TemplateUse } from './templates';

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
export const terminalJobStatuses: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED'];
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
  /**
   * A worker's run still holds the job. Only a CANCELED job can be held after it ended: its run
   * has yet to record the calls it made and keep the images it had finished.
   */
  held: boolean;
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
  /** The style preset applied (Insights groups by it). */
  presetId?: string | null;
  /** The template the prompt was expanded from; recorded on every image made. */
  template?: TemplateUse | null;
  /** An OUTPAINT job's margins around the source, in its pixels. */
  margins?: { top: number; right: number; bottom: number; left: number } | null;
  /** An ADJUST job's operation list, applied to the source image; recorded on the image made. */
  editOperations?: EditOperation[] | null;
}

/** What NOTIFY carries: enough to decide whether to read the job, never the job itself. */
export interface JobEvent {
  jobId: string;
  seq: number;
  status: JobStatus;
  /** The batch the job is an item of, if any. */
  batchId?: string | null;
}
