import type { PromptHistoryRecord } from '@atelier/domain';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

const columns = ['id', 'prompt', 'negativePrompt', 'uses', 'firstUsedAt', 'lastUsedAt'] as const;

export class PromptHistoryRepository {
  constructor(private readonly db: Database) {}

  /** One row per (owner, digest): a repeat bumps `uses` and takes the latest text. */
  async record(entry: {
    ownerId: string;
    prompt: string;
    negativePrompt: string | null;
    digest: string;
  }): Promise<void> {
    await this.db
      .insertInto('promptHistory')
      .values(entry)
      .onConflict((oc) =>
        oc.columns(['ownerId', 'digest']).doUpdateSet({
          prompt: (eb) => eb.ref('excluded.prompt'),
          negativePrompt: (eb) => eb.ref('excluded.negativePrompt'),
          uses: sql`prompt_history.uses + 1`,
          lastUsedAt: sql`now()`,
        }),
      )
      .execute();
  }

  async list(ownerId: string, search: string | null, page: KeysetPage): Promise<PromptHistoryRecord[]> {
    const direction = keysetDirection(page);
    let query = this.db
      .selectFrom('promptHistory')
      .select(columns)
      .where('ownerId', '=', ownerId)
      .where((eb) => eb.and(keysetConditions('prompt_history', page, 'last_used_at')));
    const text = search?.trim();
    if (text) {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where('prompt', 'ilike', pattern);
    }
    return query.orderBy('lastUsedAt', direction).orderBy('id', direction).limit(page.limit).execute();
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.db
      .deleteFrom('promptHistory')
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async clear(ownerId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('promptHistory')
      .where('ownerId', '=', ownerId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
