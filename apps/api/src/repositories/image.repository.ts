import type { ImageRecord } from '@atelier/domain';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/db.generated';
import {
  groupBy,
  type NewImage,
  type NewThumbnail,
  Rollback,
  selectImages,
  toRecord,
  unwrapRollback,
} from './image-rows';
import { isUuid } from './keyset';

export type { NewImage, NewThumbnail } from './image-rows';

/** The owner's images: storing them, reading them by id, stars and tags, and which files they use. */
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
            .values({
              ...image,
              params: JSON.stringify(image.params),
              // The template may have been deleted while the job ran; the image keeps version and values.
              ...(image.templateId && {
                templateId: sql<
                  string | null
                >`(select id from prompt_template where id = ${image.templateId})`,
              }),
            })
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

  /** The owner's images by id, trashed ones included. */
  async findAnyForOwner(ownerId: string, ids: readonly string[]): Promise<ImageRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await selectImages(this.db)
      .where('image.ownerId', '=', ownerId)
      .where('image.id', 'in', valid)
      .execute();
    return rows.map(toRecord);
  }

  /** The owner's images (not trashed) made after `since`, oldest first, at most `limit`. */
  async addedSince(ownerId: string, since: Date, limit: number): Promise<ImageRecord[]> {
    const rows = await selectImages(this.db)
      .where('image.ownerId', '=', ownerId)
      .where('image.deletedAt', 'is', null)
      .where('image.createdAt', '>', since)
      .orderBy('image.createdAt', 'asc')
      .orderBy('image.id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** Sets `starred` on a live image; null when the owner has no such image. */
  async setStarred(ownerId: string, id: string, starred: boolean): Promise<ImageRecord | null> {
    if (!isUuid(id)) return null;
    const updated = await this.db
      .updateTable('image')
      .set({ starred })
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .where('deletedAt', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return updated ? ((await this.findManyForOwner(ownerId, [id]))[0] ?? null) : null;
  }

  /** Stars or unstars every given live image, or none: null when any id is not one of the owner's. */
  async setStarredMany(
    ownerId: string,
    ids: readonly string[],
    starred: boolean,
  ): Promise<ImageRecord[] | null> {
    if (ids.length === 0 || !ids.every(isUuid)) return null;
    return this.db
      .transaction()
      .execute(async (trx) => {
        const updated = await trx
          .updateTable('image')
          .set({ starred })
          .where('ownerId', '=', ownerId)
          .where('id', 'in', [...ids])
          .where('deletedAt', 'is', null)
          .returning('id')
          .execute();
        if (updated.length !== ids.length) throw new Rollback(null);
        return selectImages(trx)
          .where('image.id', 'in', [...ids])
          .execute();
      })
      .then((rows) => rows.map(toRecord))
      .catch((error: unknown) => unwrapRollback<null>(error));
  }

  /**
   * Adds and removes tags on every given live image, or on none: null when any id is not one of
   * the owner's live images, `tooMany` when an image would carry more than `maxTags`.
   */
  async changeTags(
    ownerId: string,
    ids: readonly string[],
    change: { add: readonly string[]; remove: readonly string[]; replace?: boolean },
    maxTags: number,
  ): Promise<ImageRecord[] | null | 'tooMany'> {
    if (ids.length === 0 || !ids.every(isUuid)) return null;
    const add = sql`${[...change.add]}::text[]`;
    const remove = sql`${[...change.remove]}::text[]`;
    const base = change.replace ? sql`${add}` : sql`image.tags || ${add}`;
    return this.db
      .transaction()
      .execute(async (trx) => {
        const updated = await trx
          .updateTable('image')
          .set({
            // Keeps the order tags were first given in, once each.
            tags: sql<string[]>`(
              select coalesce(array_agg(tag order by first), '{}') from (
                select tag, min(ord) as first from unnest(${base}) with ordinality as u (tag, ord)
                where tag <> all (${remove}) group by tag
              ) as distinct_tags
            )`,
          })
          .where('ownerId', '=', ownerId)
          .where('id', 'in', [...ids])
          .where('deletedAt', 'is', null)
          .returning(['id', 'tags'])
          .execute();
        if (updated.length !== ids.length) throw new Rollback(null);
        if (updated.some((row) => row.tags.length > maxTags)) throw new Rollback('tooMany');
        return selectImages(trx)
          .where('image.id', 'in', [...ids])
          .execute();
      })
      .then((rows) => rows.map(toRecord))
      .catch((error: unknown) => unwrapRollback<null | 'tooMany'>(error));
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

  /** Whether one of the owner's images (trashed ones too: the trash shows them) uses the file. */
  async ownerHasBlob(ownerId: string, key: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('image')
      .select('image.id')
      .where('image.blobKey', '=', key)
      .where('image.ownerId', '=', ownerId)
      .unionAll((eb) =>
        eb
          .selectFrom('imageThumbnail')
          .innerJoin('image', 'image.id', 'imageThumbnail.imageId')
          .select('image.id')
          .where('imageThumbnail.blobKey', '=', key)
          .where('image.ownerId', '=', ownerId),
      )
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
