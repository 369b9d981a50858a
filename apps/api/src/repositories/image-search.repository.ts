import type { ImageFilter, ImageRecord, ImageSort } from '@atelier/domain';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/db.generated';
import { selectImages, toRecord } from './image-rows';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

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
  if (filter.batchId) {
    // Served by job_batch (the batch's jobs) and image's unique (job_id, output_index).
    conditions.push(
      eb(
        'image.jobId',
        'in',
        eb
          .selectFrom('job')
          .select('job.id')
          .where('job.batchId', '=', filter.batchId)
          .where('job.ownerId', '=', ownerId),
      ),
    );
  }
  return conditions;
}

/** The gallery's search: the owner's images by filter and text, keyset-paged. */
export class ImageSearchRepository {
  constructor(private readonly db: Database) {}

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
    if (filter.batchId && !isUuid(filter.batchId)) return [];
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
}
