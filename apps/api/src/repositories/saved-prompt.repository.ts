import type { SavedPromptInput, SavedPromptRecord } from '@atelier/domain';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { SavedPrompt } from '../db/db.generated';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

const columns = [
  'id',
  'title',
  'prompt',
  'negativePrompt',
  'tags',
  'notes',
  'createdAt',
  'updatedAt',
] as const;

type Row = Pick<Selectable<SavedPrompt>, (typeof columns)[number]>;

function toRecord(row: Row): SavedPromptRecord {
  return { ...row };
}

export class SavedPromptRepository {
  constructor(private readonly db: Database) {}

  async list(
    ownerId: string,
    filter: { search: string | null; tag: string | null },
    page: KeysetPage,
  ): Promise<SavedPromptRecord[]> {
    const direction = keysetDirection(page);
    let query = this.db
      .selectFrom('savedPrompt')
      .select(columns)
      .where('ownerId', '=', ownerId)
      .where((eb) => eb.and(keysetConditions('saved_prompt', page, 'updated_at')));
    const search = filter.search?.trim();
    if (search) query = query.where(sql<boolean>`search @@ websearch_to_tsquery('english', ${search})`);
    if (filter.tag) query = query.where(sql<boolean>`tags @> array[${filter.tag}]::text[]`);
    const rows = await query
      .orderBy('updatedAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toRecord);
  }

  async findForOwner(ownerId: string, id: string): Promise<SavedPromptRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .selectFrom('savedPrompt')
      .select(columns)
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async insert(ownerId: string, input: SavedPromptInput): Promise<SavedPromptRecord> {
    const row = await this.db
      .insertInto('savedPrompt')
      .values({ ownerId, ...input })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async update(
    ownerId: string,
    id: string,
    changes: Partial<SavedPromptInput>,
  ): Promise<SavedPromptRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .updateTable('savedPrompt')
      .set({ ...changes, updatedAt: sql`now()` })
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .returning(columns)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.db
      .deleteFrom('savedPrompt')
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
