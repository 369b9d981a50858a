import type { ImageParamsInput } from './generation';
import type { JobRecord } from './jobs';

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
