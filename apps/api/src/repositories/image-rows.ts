import type { ImageOperation, ImageRecord, ThumbnailRecord } from '@atelier/domain';
import type { EditOperation } from '@atelier/image-edits';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB, Image, ImageThumbnail } from '../db/db.generated';

export type NewImage = Omit<Insertable<Image>, 'params'> & { params: Record<string, unknown> };
export type NewThumbnail = Omit<Insertable<ImageThumbnail>, 'imageId'>;

type ImageRow = Omit<Selectable<Image>, 'search'> & { thumbnails: ThumbnailRecord[] | null };

const imageColumns = [
  'image.id',
  'image.ownerId',
  'image.jobId',
  'image.outputIndex',
  'image.blobKey',
  'image.width',
  'image.height',
  'image.mime',
  'image.bytes',
  'image.thumbhash',
  'image.prompt',
  'image.negativePrompt',
  'image.style',
  'image.seed',
  'image.provider',
  'image.model',
  'image.params',
  'image.parentImageId',
  'image.operation',
  'image.starred',
  'image.tags',
  'image.createdAt',
  'image.deletedAt',
  'image.templateId',
  'image.templateVersion',
  'image.templateValues',
  'image.editOperations',
] as const;

/**
 * Every read of images carries its thumbnails, aggregated in the same query (primary-key lookups).
 * The search vector stays behind: it is only for the index.
 */
export function selectImages(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('image')
    .select(imageColumns)
    .select(
      sql<ThumbnailRecord[] | null>`(
        select json_agg(json_build_object('size', t.size, 'blobKey', t.blob_key, 'width', t.width, 'height', t.height) order by t.size)
        from image_thumbnail as t where t.image_id = image.id
      )`.as('thumbnails'),
    );
}

export function toRecord(row: ImageRow): ImageRecord {
  return {
    id: row.id,
    ownerId: row.ownerId,
    jobId: row.jobId,
    blobKey: row.blobKey,
    width: row.width,
    height: row.height,
    mime: row.mime,
    bytes: row.bytes,
    thumbhash: row.thumbhash,
    prompt: row.prompt,
    negativePrompt: row.negativePrompt,
    style: row.style,
    seed: row.seed,
    provider: row.provider,
    model: row.model,
    params: row.params as Record<string, unknown>,
    parentImageId: row.parentImageId,
    operation: row.operation as ImageOperation,
    editOperations: row.editOperations as EditOperation[] | null,
    starred: row.starred,
    tags: row.tags,
    createdAt: row.createdAt,
    deletedAt: row.deletedAt,
    thumbnails: row.thumbnails ?? [],
    template:
      row.templateVersion === null
        ? null
        : {
            id: row.templateId,
            version: row.templateVersion,
            values: (row.templateValues ?? {}) as Record<string, unknown>,
          },
  };
}

export function groupBy<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string | null): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) groups.get(key)?.push(item);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Ends a transaction early with the answer the caller should get. */
export class Rollback<T> extends Error {
  constructor(readonly answer: T) {
    super('rolled back');
  }
}

export function unwrapRollback<T>(error: unknown): T {
  if (error instanceof Rollback) return error.answer as T;
  throw error;
}
