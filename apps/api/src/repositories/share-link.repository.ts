import type { ShareLinkRecord } from '@atelier/domain';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { ShareLink } from '../db/db.generated';
import { isUuid } from './keyset';

function toRecord(row: Selectable<ShareLink>): ShareLinkRecord {
  return {
    id: row.id,
    token: row.token,
    imageId: row.imageId,
    collectionId: row.collectionId,
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
    imageId: string | null;
    collectionId: string | null;
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

  async listForCollections(ownerId: string, collectionIds: readonly string[]): Promise<ShareLinkRecord[]> {
    const valid = collectionIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db
      .selectFrom('shareLink')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where('collectionId', 'in', valid)
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

  /**
   * Whether a valid link shares an image that uses the stored file `key` (original or thumbnail):
   * the linked image, or an image of the linked collection. Starts from the few images using the
   * file (both keys are indexed), so a large shared collection costs no more than a small one.
   */
  async sharesBlob(token: string, key: string): Promise<boolean> {
    const { rows } = await sql<{ shared: number }>`
      select 1 as shared
      from share_link as link
      cross join lateral (
        select image.id from image where image.blob_key = ${key} and image.deleted_at is null
        union all
        select image.id from image_thumbnail as thumb join image on image.id = thumb.image_id
        where thumb.blob_key = ${key} and image.deleted_at is null
      ) as holder
      where link.token = ${token}
        and link.revoked_at is null
        and (link.expires_at is null or link.expires_at > now())
        and (
          holder.id = link.image_id
          or exists (
            select 1 from collection_image
            where collection_image.collection_id = link.collection_id and collection_image.image_id = holder.id
          )
        )
      limit 1`.execute(this.db);
    return rows.length > 0;
  }
}
