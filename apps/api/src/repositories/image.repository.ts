import type { ImageFilter, ImageOperation, ImageRecord, ThumbnailRecord } from '@atelier/schema/context';
import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB, Image, ImageThumbnail } from '../db/db.generated';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

export type NewImage = Omit<Insertable<Image>, 'params'> & { params: Record<string, unknown> };
export type NewThumbnail = Omit<Insertable<ImageThumbnail>, 'imageId'>;

type ImageRow = Selectable<Image> & { thumbnails: ThumbnailRecord[] | null };

/** Every read of images carries its thumbnails, aggregated in the same query (primary-key lookups). */
function selectImages(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('image')
    .selectAll('image')
    .select(
      sql<ThumbnailRecord[] | null>`(
        select json_agg(json_build_object('size', t.size, 'blobKey', t.blob_key, 'width', t.width, 'height', t.height) order by t.size)
        from image_thumbnail as t where t.image_id = image.id
      )`.as('thumbnails'),
    );
}

function toRecord(row: ImageRow): ImageRecord {
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
    starred: row.starred,
    tags: row.tags,
    createdAt: row.createdAt,
    thumbnails: row.thumbnails ?? [],
  };
}

function groupBy<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string | null): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) groups.get(key)?.push(item);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

export class ImageRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts each image with its thumbnails in one statement; an output a retried job already
   * stored is skipped (and so are its thumbnails).
   */
  async insertMany(
    trx: Transaction<DB>,
    images: { image: NewImage; thumbnails: NewThumbnail[] }[],
  ): Promise<void> {
    for (const { image, thumbnails } of images) {
      await trx
        .with('stored', (db) =>
          db
            .insertInto('image')
            .values({ ...image, params: JSON.stringify(image.params) })
            .onConflict((oc) => oc.columns(['jobId', 'outputIndex']).doNothing())
            .returning('id'),
        )
        .insertInto('imageThumbnail')
        .columns(['imageId', 'size', 'blobKey', 'width', 'height', 'bytes'])
        .expression(
          sql`select stored.id, thumb.* from stored cross join (values ${sql.join(
            thumbnails.map(
              (t) =>
                sql`(${t.size}::int, ${t.blobKey}::text, ${t.width}::int, ${t.height}::int, ${t.bytes}::int)`,
            ),
          )}) as thumb (size, blob_key, width, height, bytes)`,
        )
        .execute();
    }
  }

  async findManyForOwner(ownerId: string, ids: readonly string[]): Promise<ImageRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await selectImages(this.db)
      .where('ownerId', '=', ownerId)
      .where('id', 'in', valid)
      .where('deletedAt', 'is', null)
      .execute();
    return rows.map(toRecord);
  }

  async listForOwner(ownerId: string, filter: ImageFilter, page: KeysetPage): Promise<ImageRecord[]> {
    const direction = keysetDirection(page);
    let query = selectImages(this.db)
      .where('ownerId', '=', ownerId)
      .where('deletedAt', 'is', null)
      .where((eb) => eb.and(keysetConditions('image', page)));
    if (filter.provider) query = query.where('provider', '=', filter.provider);
    if (filter.startDate) query = query.where('createdAt', '>=', filter.startDate);
    if (filter.endDate) query = query.where('createdAt', '<', filter.endDate);
    if (filter.tags && filter.tags.length > 0) {
      query = query.where('tags', '@>', sql<string[]>`${[...filter.tags]}::text[]`);
    }
    const rows = await query
      .orderBy('createdAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toRecord);
  }

  async imagesOfJobs(ownerId: string, jobIds: readonly string[]): Promise<ImageRecord[][]> {
    const valid = jobIds.filter(isUuid);
    const rows =
      valid.length === 0
        ? []
        : await selectImages(this.db)
            .where('ownerId', '=', ownerId)
            .where('jobId', 'in', valid)
            .where('deletedAt', 'is', null)
            .orderBy('outputIndex')
            .execute();
    return groupBy(jobIds, rows.map(toRecord), (image) => image.jobId);
  }

  async childrenOf(ownerId: string, imageIds: readonly string[]): Promise<ImageRecord[][]> {
    const valid = imageIds.filter(isUuid);
    const rows =
      valid.length === 0
        ? []
        : await selectImages(this.db)
            .where('ownerId', '=', ownerId)
            .where('parentImageId', 'in', valid)
            .where('deletedAt', 'is', null)
            .orderBy('createdAt', 'desc')
            .execute();
    return groupBy(imageIds, rows.map(toRecord), (image) => image.parentImageId);
  }

  /** Deletes the image and its thumbnails; returns the blob keys they used. */
  async deleteForOwner(ownerId: string, id: string): Promise<string[] | null> {
    if (!isUuid(id)) return null;
    return this.db.transaction().execute(async (trx) => {
      const thumbs = await trx
        .selectFrom('imageThumbnail')
        .innerJoin('image', 'image.id', 'imageThumbnail.imageId')
        .select('imageThumbnail.blobKey')
        .where('image.id', '=', id)
        .where('image.ownerId', '=', ownerId)
        .execute();
      const deleted = await trx
        .deleteFrom('image')
        .where('id', '=', id)
        .where('ownerId', '=', ownerId)
        .returning('blobKey')
        .executeTakeFirst();
      if (!deleted) return null;
      return [deleted.blobKey, ...thumbs.map((thumb) => thumb.blobKey)];
    });
  }

  /** Keys among `keys` that no image or thumbnail uses any more. */
  async unreferencedBlobs(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const used = await this.db
      .selectFrom('image')
      .select('blobKey')
      .where('blobKey', 'in', [...keys])
      .union((eb) =>
        eb
          .selectFrom('imageThumbnail')
          .select('blobKey')
          .where('blobKey', 'in', [...keys]),
      )
      .execute();
    const usedKeys = new Set(used.map((row) => row.blobKey));
    return keys.filter((key) => !usedKeys.has(key));
  }

  async ownerHasBlob(ownerId: string, key: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('image')
      .select('image.id')
      .where('image.blobKey', '=', key)
      .where('image.ownerId', '=', ownerId)
      .where('image.deletedAt', 'is', null)
      .unionAll((eb) =>
        eb
          .selectFrom('imageThumbnail')
          .innerJoin('image', 'image.id', 'imageThumbnail.imageId')
          .select('image.id')
          .where('imageThumbnail.blobKey', '=', key)
          .where('image.ownerId', '=', ownerId)
          .where('image.deletedAt', 'is', null),
      )
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
