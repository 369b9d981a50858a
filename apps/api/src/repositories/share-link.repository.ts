import type { ShareLinkRecord } from '@atelier/schema/context';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { ShareLink } from '../db/db.generated';
import { isUuid } from './keyset';

function toRecord(row: Selectable<ShareLink>): ShareLinkRecord {
  return {
    id: row.id,
    token: row.token,
    imageId: row.imageId!,
    hideParams: row.hideParams,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}

export class ShareLinkRepository {
  constructor(private readonly db: Database) {}

  async create(link: {
    ownerId: string;
    token: string;
    imageId: string;
    hideParams: boolean;
    expiresAt: Date | null;
  }): Promise<ShareLinkRecord> {
    return toRecord(
      await this.db.insertInto('shareLink').values(link).returningAll().executeTakeFirstOrThrow(),
    );
  }

  async listForImages(ownerId: string, imageIds: readonly string[]): Promise<ShareLinkRecord[]> {
    const valid = imageIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db
      .selectFrom('shareLink')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where('imageId', 'in', valid)
      .orderBy('createdAt', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  async revoke(ownerId: string, id: string): Promise<ShareLinkRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .updateTable('shareLink')
      .set({ revokedAt: sql`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** A link that works now (not revoked, not expired), with the owner of what it shares. */
  async findValid(token: string): Promise<(ShareLinkRecord & { ownerId: string }) | null> {
    const row = await this.db
      .selectFrom('shareLink')
      .selectAll()
      .where('token', '=', token)
      .where('revokedAt', 'is', null)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    return row ? { ...toRecord(row), ownerId: row.ownerId } : null;
  }

  /** Whether a valid link shares an image that uses the stored file `key` (original or thumbnail). */
  async sharesBlob(token: string, key: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('shareLink')
      .innerJoin('image', 'image.id', 'shareLink.imageId')
      .select('image.id')
      .where('shareLink.token', '=', token)
      .where('shareLink.revokedAt', 'is', null)
      .where((eb) =>
        eb.or([eb('shareLink.expiresAt', 'is', null), eb('shareLink.expiresAt', '>', sql<Date>`now()`)]),
      )
      .where('image.deletedAt', 'is', null)
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
      )
      .executeTakeFirst();
    return row !== undefined;
  }
}
