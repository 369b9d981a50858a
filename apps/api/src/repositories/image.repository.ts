import type { ImageFilter, ImageOperation, ImageRecord, ImageSort, ThumbnailRecord } from '@atelier/domain';
import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import type { Database } from '../db/database';
import type { DB, Image, ImageThumbnail } from '../db/db.generated';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

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
] as const;

/**
 * Every read of images carries its thumbnails, aggregated in the same query (primary-key lookups).
 * The search vector stays behind: it is only for the index.
 */
function selectImages(db: Kysely<DB> | Transaction<DB>) {
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

function groupBy<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string | null): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) groups.get(key)?.push(item);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** How many images a text search walks in list order before it asks the text index instead. */
const searchWalk = 4000;

/** Every filter but the text search, and the keyset position, as conditions on `image`. */
function filterConditions(
  eb: ExpressionBuilder<DB, 'image'>,
  ownerId: string,
  filter: ImageFilter,
  keyset: KeysetPage,
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [
    eb('image.ownerId', '=', ownerId),
    eb('image.deletedAt', 'is', null),
    ...keysetConditions('image', keyset),
  ];
  const providers = [...(filter.providers ?? []), ...(filter.provider ? [filter.provider] : [])];
  if (providers.length > 0) conditions.push(eb('image.provider', 'in', providers));
  if (filter.models?.length) conditions.push(eb('image.model', 'in', [...filter.models]));
  if (filter.operations?.length) conditions.push(eb('image.operation', 'in', [...filter.operations]));
  if (filter.startDate) conditions.push(eb('image.createdAt', '>=', filter.startDate));
  if (filter.endDate) conditions.push(eb('image.createdAt', '<', filter.endDate));
  if (filter.starred != null) conditions.push(eb('image.starred', '=', filter.starred));
  if (filter.tags?.length) {
    conditions.push(sql<SqlBool>`image.tags @> ${sql`${[...filter.tags]}::text[]`}`);
  }
  if (filter.collectionId) {
    conditions.push(
      eb(
        'image.id',
        'in',
        eb
          .selectFrom('collectionImage')
          .innerJoin('collection', 'collection.id', 'collectionImage.collectionId')
          .select('collectionImage.imageId')
          .where('collection.id', '=', filter.collectionId)
          .where('collection.ownerId', '=', ownerId),
      ),
    );
  }
  return conditions;
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

  async listForOwner(
    ownerId: string,
    filter: ImageFilter,
    sort: ImageSort,
    page: KeysetPage,
  ): Promise<ImageRecord[]> {
    // Oldest first is newest first seen from the other end: swap the cursors and the direction.
    const keyset =
      sort === 'OLDEST'
        ? { ...page, after: page.before, before: page.after, inverted: !page.inverted }
        : page;
    const direction = keysetDirection(keyset);
    if (filter.collectionId && !isUuid(filter.collectionId)) return [];
    const search = filter.search?.trim();
    if (search) return this.searchForOwner(ownerId, filter, search, keyset, page.limit);
    const rows = await selectImages(this.db)
      .where((eb) => eb.and(filterConditions(eb, ownerId, filter, keyset)))
      .orderBy('image.createdAt', direction)
      .orderBy('image.id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Text search in list order. A common word is found fastest by walking the list in order and
   * testing each image; a rare one by asking the text index for every match and sorting those.
   * The planner cannot tell which from a search's words alone (phrases especially), so: walk the
   * next `searchWalk` images first; only when that finds too few, the matches are rare enough
   * for the text index.
   */
  private async searchForOwner(
    ownerId: string,
    filter: ImageFilter,
    search: string,
    keyset: KeysetPage,
    limit: number,
  ): Promise<ImageRecord[]> {
    const direction = keysetDirection(keyset);
    const query = sql`websearch_to_tsquery('english', ${search})`;
    const walked = await this.db
      .selectFrom((db) =>
        db
          .selectFrom('image')
          .select(['image.id', 'image.createdAt', 'image.search'])
          .where((eb) => eb.and(filterConditions(eb, ownerId, filter, keyset)))
          .orderBy('image.createdAt', direction)
          .orderBy('image.id', direction)
          .limit(searchWalk)
          .as('recent'),
      )
      .select('recent.id')
      .where(sql<boolean>`recent.search @@ ${query}`)
      .orderBy('recent.createdAt', direction)
      .orderBy('recent.id', direction)
      .limit(limit)
      .execute();
    let ids = walked.map((row) => row.id);
    if (ids.length < limit) {
      // Materialized, so the planner cannot turn this back into the walk that just came up short.
      const found = await this.db
        .with(
          (cte) => cte('matches').materialized(),
          (db) =>
            db
              .selectFrom('image')
              .select(['image.id', 'image.createdAt'])
              .where((eb) => eb.and(filterConditions(eb, ownerId, filter, keyset)))
              .where(sql<boolean>`image.search @@ ${query}`),
        )
        .selectFrom('matches')
        .select('matches.id')
        .orderBy('matches.createdAt', direction)
        .orderBy('matches.id', direction)
        .limit(limit)
        .execute();
      ids = found.map((row) => row.id);
    }
    if (ids.length === 0) return [];
    const rows = await selectImages(this.db).where('image.id', 'in', ids).execute();
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
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

  /** Moves live images to the trash, all or none; null when any id is not one of the owner's live images. */
  async trash(ownerId: string, ids: readonly string[]): Promise<string[] | null> {
    return this.moveTrash(ownerId, ids, true);
  }

  /** Brings trashed images back, all or none; null when any id is not one of the owner's trashed images. */
  async restore(ownerId: string, ids: readonly string[]): Promise<string[] | null> {
    return this.moveTrash(ownerId, ids, false);
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

/** Ends a transaction early with the answer the caller should get. */
class Rollback<T> extends Error {
  constructor(readonly answer: T) {
    super('rolled back');
  }
}

function unwrapRollback<T>(error: unknown): T {
  if (error instanceof Rollback) return error.answer as T;
  throw error;
}
