import type { EditOperation } from '@atelier/image-edits';

export type ImageOperation =
  | 'GENERATE'
  | 'VARIATION'
  | 'ENHANCE'
  | 'RESTYLE'
  | 'EDIT'
  | 'IMPORT'
  /** Cropped, rotated or adjusted in the editor (no provider: sharp on the original). */
  | 'ADJUST'
  /** The canvas expanded, the new area filled by a provider. */
  | 'OUTPAINT';

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
  /** The editor's operation list an ADJUST image was made with, applied to its parent; else null. */
  editOperations?: EditOperation[] | null;
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

/** An uploaded file (the fetch API's File), as yoga hands it over. */
export interface Upload {
  name: string;
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Bytes already in memory as an Upload (a mask made or decoded on the server). */
export function uploadOf(bytes: Uint8Array, name: string, type = 'image/png'): Upload {
  return { name, type, size: bytes.length, arrayBuffer: async () => Uint8Array.from(bytes).buffer };
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
  /** Only images made by this batch of the owner's. */
  batchId?: string | null;
  operations?: readonly ImageOperation[] | null;
}

export type ImageSort = 'NEWEST' | 'OLDEST';

/** What NOTIFY carries about an image: its id and what happened, never the image itself. */
export interface ImageEvent {
  imageId: string;
  change: 'ADDED' | 'UPDATED';
}

/** Save the editor's operation list: a new image made from `imageId` on a worker. */
export interface ApplyImageEditsInput {
  imageId: string;
  operations: EditOperation[];
}
