import type { ImageRecord } from '@atelier/domain';
import { type Expression, type ExpressionBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/db.generated';
import { Rollback, selectImages, toRecord, unwrapRollback } from './image-rows';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

/** The trash: moving images in and out of it, and deleting them for good. */
export class ImageTrashRepository {
  constructor(private readonly db: Database) {}

  /** Trashed images, most recently deleted first, keyset-paged on (deleted_at, id). */
  async trashForOwner(ownerId: string, page: KeysetPage): Promise<ImageRecord[]> {
    const direction = keysetDirection(page);
    const rows = await selectImages(this.db)
      .where('image.ownerId', '=', ownerId)
      .where('image.deletedAt', 'is not', null)
      .where((eb) => eb.and(keysetConditions('image', page, 'deleted_at')))
      .orderBy('image.deletedAt', direction)
      .orderBy('image.id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toRecord);
  }

  /** Moves live images to the trash, all or none; null when any id is not one of the owner's live images. */
  async trash(ownerId: string, ids: readonly string[]): Promise<string[] | null> {
    return this.moveTrash(ownerId, ids, true);
  }

  /** Brings trashed images back, all or none; null when any id is not one of the owner's trashed images. */
  async restore(ownerId: string, ids: readonly string[]): Promise<string[] | null> {
    return this.moveTrash(ownerId, ids, false);
  }

  /** Brings every trashed image of the owner back; the ids restored. */
  async restoreAll(ownerId: string): Promise<string[]> {
    const restored = await this.db
      .updateTable('image')
      .set({ deletedAt: null })
      .where('ownerId', '=', ownerId)
      .where('deletedAt', 'is not', null)
      .returning('id')
      .execute();
    return restored.map((row) => row.id);
  }

  private async moveTrash(
    ownerId: string,
    ids: readonly string[],
    toTrash: boolean,
  ): Promise<string[] | null> {
    if (ids.length === 0 || !ids.every(isUuid)) return null;
    return this.db
      .transaction()
      .execute(async (trx) => {
        const moved = await trx
          .updateTable('image')
          .set({ deletedAt: toTrash ? sql`now()` : null })
          .where('ownerId', '=', ownerId)
          .where('id', 'in', [...ids])
          .where('deletedAt', toTrash ? 'is' : 'is not', null)
          .returning('id')
          .execute();
        if (moved.length !== ids.length) throw new Rollback(null);
        return moved.map((row) => row.id);
      })
      .catch((error: unknown) => unwrapRollback<null>(error));
  }

  /**
   * Deletes the owner's images (trashed or not), all or none, with their thumbnails; returns the
   * blob keys they used, or null when any id is not one of the owner's images.
   */
  async deleteForever(ownerId: string, ids: readonly string[]): Promise<string[] | null> {
    if (ids.length === 0 || !ids.every(isUuid)) return null;
    return this.db
      .transaction()
      .execute(async (trx) => {
        const keys = await this.deleteReturningKeys(trx, (eb) =>
          eb.and([eb('image.ownerId', '=', ownerId), eb('image.id', 'in', [...ids])]),
        );
        if (keys.deleted !== ids.length) throw new Rollback(null);
        return keys.blobKeys;
      })
      .catch((error: unknown) => unwrapRollback<null>(error));
  }

  /** Deletes everything in the owner's trash; returns how many images and the blob keys they used. */
  async emptyTrash(ownerId: string): Promise<{ deleted: number; blobKeys: string[] }> {
    return this.db
      .transaction()
      .execute((trx) =>
        this.deleteReturningKeys(trx, (eb) =>
          eb.and([eb('image.ownerId', '=', ownerId), eb('image.deletedAt', 'is not', null)]),
        ),
      );
  }

  /** Deletes up to `limit` images trashed before `cutoff` (anyone's); returns the blob keys they used. */
  async purgeTrashedBefore(cutoff: Date, limit: number): Promise<{ deleted: number; blobKeys: string[] }> {
    return this.db
      .transaction()
      .execute((trx) =>
        this.deleteReturningKeys(trx, (eb) =>
          eb(
            'image.id',
            'in',
            eb
              .selectFrom('image')
              .select('image.id')
              .where('image.deletedAt', '<', cutoff)
              .limit(limit)
              .forUpdate()
              .skipLocked(),
          ),
        ),
      );
  }

  private async deleteReturningKeys(
    trx: Transaction<DB>,
    which: (eb: ExpressionBuilder<DB, 'image'>) => Expression<SqlBool>,
  ): Promise<{ deleted: number; blobKeys: string[] }> {
    const deleted = await trx
      .with('gone', (db) => db.deleteFrom('image').where(which).returning(['id', 'blobKey']))
      .selectFrom('gone')
      .select((eb) => [
        'gone.id',
        'gone.blobKey',
        eb
          .selectFrom('imageThumbnail')
          .select(sql<string[]>`coalesce(array_agg(blob_key), '{}')`.as('keys'))
          .whereRef('imageThumbnail.imageId', '=', 'gone.id')
          .as('thumbnailKeys'),
      ])
      .execute();
    const blobKeys = deleted.flatMap((row) => [row.blobKey, ...(row.thumbnailKeys ?? [])]);
    return { deleted: deleted.length, blobKeys: [...new Set(blobKeys)] };
  }
}
