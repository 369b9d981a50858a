import type { Database } from '../db/database';
import { isUuid } from './keyset';

/** Which images a download is made of: the image behind a file, a batch's images. */
export class DownloadRepository {
  constructor(private readonly db: Database) {}

  /**
   * The newest of the owner's images that uses the file at `key` (as its original or a thumbnail),
   * live ones only or within one collection when asked: the one a download is named after.
   */
  async imageUsingFile(
    ownerId: string,
    key: string,
    within: { liveOnly: boolean; collectionId: string | null },
  ): Promise<string | null> {
    const { collectionId } = within;
    let query = this.db
      .selectFrom('image')
      .select('image.id')
      .where('image.ownerId', '=', ownerId)
      .where((eb) =>
        eb.or([
          eb('image.blobKey', '=', key),
          eb.exists(
            eb
              .selectFrom('imageThumbnail')
              .select('imageThumbnail.imageId')
              .whereRef('imageThumbnail.imageId', '=', 'image.id')
              .where('imageThumbnail.blobKey', '=', key),
          ),
        ]),
      );
    if (within.liveOnly) query = query.where('image.deletedAt', 'is', null);
    if (collectionId !== null) {
      if (!isUuid(collectionId)) return null;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('collectionImage')
            .select('collectionImage.imageId')
            .whereRef('collectionImage.imageId', '=', 'image.id')
            .where('collectionImage.collectionId', '=', collectionId),
        ),
      );
    }
    const row = await query.orderBy('image.createdAt', 'desc').limit(1).executeTakeFirst();
    return row?.id ?? null;
  }

  /** The owner's live images made by the batch, in the batch's order; at most `limit`. */
  async batchImageIds(ownerId: string, batchId: string, limit: number): Promise<string[]> {
    if (!isUuid(batchId)) return [];
    const rows = await this.db
      .selectFrom('image')
      .innerJoin('job', 'job.id', 'image.jobId')
      .select('image.id')
      .where('job.batchId', '=', batchId)
      .where('job.ownerId', '=', ownerId)
      .where('image.ownerId', '=', ownerId)
      .where('image.deletedAt', 'is', null)
      .orderBy('job.batchIndex', 'asc')
      .orderBy('image.createdAt', 'asc')
      .orderBy('image.id', 'asc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }
}
