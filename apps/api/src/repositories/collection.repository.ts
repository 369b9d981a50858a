import { type CollectionRecord, type ImageFilter, InvalidInputError } from '@atelier/domain';
import { type Expression, type Selectable, sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { Collection, DB } from '../db/db.generated';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

/** Below this gap between neighbours a move renumbers the collection (doubles run out of room). */
export const MIN_POSITION_GAP = 1e-6;

type Executor = Database | Transaction<DB>;

/** Dates in a saved filter are stored as ISO strings; the filter is read back with Dates again. */
function reviveFilter(stored: unknown): ImageFilter | null {
  if (stored === null || typeof stored !== 'object') return null;
  const filter = { ...(stored as Record<string, unknown>) };
  for (const key of ['startDate', 'endDate']) {
    if (typeof filter[key] === 'string') filter[key] = new Date(filter[key]);
  }
  return filter;
}

function toRecord(row: Selectable<Collection>): CollectionRecord {
  return {
    id: row.id,
    ownerId: row.ownerId,
    name: row.name,
    description: row.description,
    coverImageId: row.coverImageId,
    filter: reviveFilter(row.filter),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Opaque to clients: an image's place in a hand-made collection's order. */
export function encodePositionCursor(position: number, imageId: string): string {
  return Buffer.from(`${position}|${imageId}`).toString('base64url');
}

function decodePositionCursor(cursor: string, arg: string): { position: number; imageId: string } {
  const [position, imageId] = Buffer.from(cursor, 'base64url').toString().split('|');
  const value = Number(position);
  if (!imageId || !isUuid(imageId) || !position || !Number.isFinite(value)) {
    throw new InvalidInputError([{ path: [arg], message: `${arg} is not a cursor from this list` }]);
  }
  return { position: value, imageId };
}

function positionConditions(page: KeysetPage): Expression<SqlBool>[] {
  const row = sql`(collection_image.position, collection_image.image_id)`;
  const conditions: Expression<SqlBool>[] = [];
  if (page.after) {
    const at = decodePositionCursor(page.after, 'after');
    conditions.push(sql<SqlBool>`${row} > (${at.position}::float8, ${at.imageId}::uuid)`);
  }
  if (page.before) {
    const at = decodePositionCursor(page.before, 'before');
    conditions.push(sql<SqlBool>`${row} < (${at.position}::float8, ${at.imageId}::uuid)`);
  }
  return conditions;
}

export class CollectionRepository {
  constructor(private readonly db: Database) {}

  async insert(collection: {
    ownerId: string;
    name: string;
    description: string;
    filter: ImageFilter | null;
  }): Promise<CollectionRecord> {
    const row = await this.db
      .insertInto('collection')
      .values({
        ...collection,
        filter: collection.filter === null ? null : JSON.stringify(collection.filter),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async findManyForOwner(
    ownerId: string,
    ids: readonly string[],
    trx: Executor = this.db,
  ): Promise<CollectionRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await trx
      .selectFrom('collection')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where('id', 'in', valid)
      .execute();
    return rows.map(toRecord);
  }

  /** Most recently changed first; `search` matches names case-insensitively. */
  async listForOwner(ownerId: string, search: string | null, page: KeysetPage): Promise<CollectionRecord[]> {
    const direction = keysetDirection(page);
    let query = this.db
      .selectFrom('collection')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where((eb) => eb.and(keysetConditions('collection', page, 'updated_at')));
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where('name', 'ilike', pattern);
    }
    const rows = await query
      .orderBy('updatedAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Applies changes to one of the owner's collections and bumps `updated_at`; the row stays locked
   * until `trx` ends (so concurrent appends and moves of one collection take turns).
   */
  async update(
    ownerId: string,
    id: string,
    changes: {
      name?: string;
      description?: string;
      filter?: ImageFilter;
      coverImageId?: string | null;
    },
    trx: Executor = this.db,
  ): Promise<CollectionRecord | null> {
    if (!isUuid(id)) return null;
    const { filter, ...rest } = changes;
    const row = await trx
      .updateTable('collection')
      .set({
        ...rest,
        ...(filter !== undefined && { filter: JSON.stringify(filter) }),
        updatedAt: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.db
      .deleteFrom('collection')
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * Appends the owner's images (in the order given, skipping those already in the collection, in
   * the trash, or not the owner's) after the current last one.
   */
  async append(trx: Transaction<DB>, ownerId: string, collectionId: string, imageIds: readonly string[]) {
    if (imageIds.length === 0) return;
    await sql`
      insert into collection_image (collection_id, image_id, position)
      select ${collectionId}::uuid, image.id, last.position + given.ordinality
      from unnest(${[...imageIds]}::uuid[]) with ordinality as given (id, ordinality)
      join image on image.id = given.id and image.owner_id = ${ownerId} and image.deleted_at is null
      cross join (
        select coalesce(max(position), 0) as position from collection_image where collection_id = ${collectionId}
      ) as last
      order by given.ordinality
      on conflict do nothing`.execute(trx);
  }

  /** Appends every image a job stored to the job owner's collection (a no-op when it is gone or smart). */
  async appendJobImages(trx: Transaction<DB>, jobId: string, collectionId: string): Promise<void> {
    await sql`
      insert into collection_image (collection_id, image_id, position)
      select collection.id, image.id, last.position + row_number() over (order by image.output_index)
      from image
      join collection on collection.id = ${collectionId}::uuid and collection.owner_id = image.owner_id
        and collection.filter is null
      cross join (
        select coalesce(max(position), 0) as position from collection_image where collection_id = ${collectionId}::uuid
      ) as last
      where image.job_id = ${jobId}::uuid
      on conflict do nothing`.execute(trx);
    await trx
      .updateTable('collection')
      .set({ updatedAt: sql<Date>`now()` })
      .where('id', '=', collectionId)
      .execute();
  }

  async remove(trx: Executor, collectionId: string, imageIds: readonly string[]): Promise<void> {
    const valid = imageIds.filter(isUuid);
    if (valid.length === 0) return;
    await trx
      .deleteFrom('collectionImage')
      .where('collectionId', '=', collectionId)
      .where('imageId', 'in', valid)
      .execute();
    // A cover taken out of the collection stops being its cover: the first image shows again.
    await trx
      .updateTable('collection')
      .set({ coverImageId: null })
      .where('id', '=', collectionId)
      .where('coverImageId', 'in', valid)
      .execute();
  }

  /** Images of a hand-made collection in order (position, then image id), skipping trashed ones. */
  async page(collectionId: string, page: KeysetPage): Promise<{ imageId: string; position: number }[]> {
    const direction = page.inverted ? 'desc' : 'asc';
    return this.db
      .selectFrom('collectionImage')
      .innerJoin('image', 'image.id', 'collectionImage.imageId')
      .select(['collectionImage.imageId', 'collectionImage.position'])
      .where('collectionImage.collectionId', '=', collectionId)
      .where('image.deletedAt', 'is', null)
      .where((eb) => eb.and(positionConditions(page)))
      .orderBy('collectionImage.position', direction)
      .orderBy('collectionImage.imageId', direction)
      .limit(page.limit)
      .execute();
  }

  async positionOf(trx: Executor, collectionId: string, imageId: string): Promise<number | null> {
    if (!isUuid(imageId)) return null;
    const row = await trx
      .selectFrom('collectionImage')
      .select('position')
      .where('collectionId', '=', collectionId)
      .where('imageId', '=', imageId)
      .executeTakeFirst();
    return row?.position ?? null;
  }

  /** The first position after `after` (or the first of all when null), other than `except`'s. */
  async nextPosition(
    trx: Executor,
    collectionId: string,
    after: { position: number; imageId: string } | null,
    except: string,
  ): Promise<number | null> {
    let query = trx
      .selectFrom('collectionImage')
      .select('position')
      .where('collectionId', '=', collectionId)
      .where('imageId', '!=', except);
    if (after) {
      query = query.where(
        sql<SqlBool>`(position, image_id) > (${after.position}::float8, ${after.imageId}::uuid)`,
      );
    }
    const row = await query.orderBy('position').orderBy('imageId').limit(1).executeTakeFirst();
    return row?.position ?? null;
  }

  async setPosition(trx: Executor, collectionId: string, imageId: string, position: number): Promise<void> {
    await trx
      .updateTable('collectionImage')
      .set({ position })
      .where('collectionId', '=', collectionId)
      .where('imageId', '=', imageId)
      .execute();
  }

  /** Spreads the collection's positions out again to 1, 2, 3… keeping the order. */
  async renumber(trx: Executor, collectionId: string): Promise<void> {
    await sql`
      update collection_image set position = ordered.n
      from (
        select image_id, row_number() over (order by position, image_id) as n
        from collection_image where collection_id = ${collectionId}::uuid
      ) as ordered
      where collection_image.collection_id = ${collectionId}::uuid and collection_image.image_id = ordered.image_id`.execute(
      trx,
    );
  }

  /** Images in each hand-made collection (trashed ones not counted). */
  async counts(collectionIds: readonly string[]): Promise<Map<string, number>> {
    if (collectionIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('collectionImage')
      .innerJoin('image', 'image.id', 'collectionImage.imageId')
      .select(['collectionImage.collectionId', sql<number>`count(*)::int`.as('count')])
      .where('collectionImage.collectionId', 'in', [...collectionIds])
      .where('image.deletedAt', 'is', null)
      .groupBy('collectionImage.collectionId')
      .execute();
    return new Map(rows.map((row) => [row.collectionId, row.count]));
  }

  /** The first image (by position) of each hand-made collection. */
  async firstImages(collectionIds: readonly string[]): Promise<Map<string, string>> {
    if (collectionIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('collection')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('collectionImage')
            .innerJoin('image', 'image.id', 'collectionImage.imageId')
            .select('collectionImage.imageId')
            .whereRef('collectionImage.collectionId', '=', 'collection.id')
            .where('image.deletedAt', 'is', null)
            .orderBy('collectionImage.position')
            .orderBy('collectionImage.imageId')
            .limit(1)
            .as('first'),
        (join) => join.onTrue(),
      )
      .select(['collection.id', 'first.imageId'])
      .where('collection.id', 'in', [...collectionIds])
      .execute();
    return new Map(rows.map((row) => [row.id, row.imageId]));
  }

  /** The owner's collections holding each image (hand-made ones), most recently changed first. */
  async holding(
    ownerId: string,
    imageIds: readonly string[],
  ): Promise<(CollectionRecord & { imageId: string })[]> {
    const valid = imageIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db
      .selectFrom('collection')
      .innerJoin('collectionImage', 'collectionImage.collectionId', 'collection.id')
      .selectAll('collection')
      .select('collectionImage.imageId')
      .where('collection.ownerId', '=', ownerId)
      .where('collectionImage.imageId', 'in', valid)
      .orderBy('collection.updatedAt', 'desc')
      .execute();
    return rows.map((row) => ({ ...toRecord(row), imageId: row.imageId }));
  }
}
