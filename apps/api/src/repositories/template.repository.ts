import type { PromptTemplateRecord, PromptTemplateVersionRecord } from '@atelier/domain';
import type { VariableDeclaration } from '@atelier/prompt-template';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { PromptTemplateVersion } from '../db/db.generated';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

const columns = ['id', 'name', 'latestVersion', 'createdAt', 'updatedAt'] as const;

function toVersion(row: Selectable<PromptTemplateVersion>): PromptTemplateVersionRecord {
  return {
    templateId: row.templateId,
    version: row.version,
    body: row.body,
    variables: row.variables as unknown as VariableDeclaration[],
    createdAt: row.createdAt,
  };
}

export class TemplateRepository {
  constructor(private readonly db: Database) {}

  async findMany(ownerId: string, ids: readonly string[]): Promise<PromptTemplateRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db
      .selectFrom('promptTemplate')
      .select(columns)
      .where('ownerId', '=', ownerId)
      .where('id', 'in', valid)
      .execute();
  }

  async list(ownerId: string, page: KeysetPage): Promise<PromptTemplateRecord[]> {
    const direction = keysetDirection(page);
    return this.db
      .selectFrom('promptTemplate')
      .select(columns)
      .where('ownerId', '=', ownerId)
      .where((eb) => eb.and(keysetConditions('prompt_template', page, 'updated_at')))
      .orderBy('updatedAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
  }

  /** Versions of the owner's templates, newest first. */
  async versions(ownerId: string, templateIds: readonly string[]): Promise<PromptTemplateVersionRecord[]> {
    const valid = templateIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db
      .selectFrom('promptTemplateVersion as v')
      .innerJoin('promptTemplate as t', 't.id', 'v.templateId')
      .selectAll('v')
      .where('t.ownerId', '=', ownerId)
      .where('v.templateId', 'in', valid)
      .orderBy('v.version', 'desc')
      .execute();
    return rows.map(toVersion);
  }

  /** One version of the owner's template (the latest when `version` is null), or null. */
  async version(
    ownerId: string,
    templateId: string,
    version: number | null,
  ): Promise<PromptTemplateVersionRecord | null> {
    if (!isUuid(templateId)) return null;
    const row = await this.db
      .selectFrom('promptTemplateVersion as v')
      .innerJoin('promptTemplate as t', 't.id', 'v.templateId')
      .selectAll('v')
      .where('t.ownerId', '=', ownerId)
      .where('v.templateId', '=', templateId)
      .where('v.version', '=', version === null ? sql<number>`t.latest_version` : version)
      .executeTakeFirst();
    return row ? toVersion(row) : null;
  }

  async create(
    ownerId: string,
    input: { name: string; body: string; variables: VariableDeclaration[] },
  ): Promise<PromptTemplateRecord> {
    return this.db.transaction().execute(async (trx) => {
      const template = await trx
        .insertInto('promptTemplate')
        .values({ ownerId, name: input.name })
        .returning(columns)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('promptTemplateVersion')
        .values({
          templateId: template.id,
          version: 1,
          body: input.body,
          variables: JSON.stringify(input.variables),
        })
        .execute();
      return template;
    });
  }

  /** Renames and/or adds the next version, atomically; null when not the owner's. */
  async update(
    ownerId: string,
    id: string,
    changes: { name: string | null; version: { body: string; variables: VariableDeclaration[] } | null },
  ): Promise<PromptTemplateRecord | null> {
    if (!isUuid(id)) return null;
    return this.db.transaction().execute(async (trx) => {
      const template = await trx
        .updateTable('promptTemplate')
        .set({
          ...(changes.name !== null && { name: changes.name }),
          ...(changes.version && { latestVersion: sql`latest_version + 1` }),
          updatedAt: sql`now()`,
        })
        .where('id', '=', id)
        .where('ownerId', '=', ownerId)
        .returning(columns)
        .executeTakeFirst();
      if (!template) return null;
      if (changes.version) {
        await trx
          .insertInto('promptTemplateVersion')
          .values({
            templateId: id,
            version: template.latestVersion,
            body: changes.version.body,
            variables: JSON.stringify(changes.version.variables),
          })
          .execute();
      }
      return template;
    });
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.db
      .deleteFrom('promptTemplate')
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
