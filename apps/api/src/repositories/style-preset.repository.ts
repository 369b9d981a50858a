import type { StylePresetInput, StylePresetRecord, StylePresetSettings } from '@atelier/domain';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { StylePreset } from '../db/db.generated';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';

function toRecord(row: Selectable<StylePreset>): StylePresetRecord {
  return {
    id: row.id,
    ownerId: row.ownerId,
    name: row.name,
    description: row.description,
    settings: row.settings as unknown as StylePresetSettings,
    previewImageId: row.previewImageId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Starter presets (owner null) are visible to everyone and never written through here. */
export class StylePresetRepository {
  constructor(private readonly db: Database) {}

  private visibleTo(ownerId: string) {
    return this.db
      .selectFrom('stylePreset')
      .selectAll()
      .where((eb) => eb.or([eb('ownerId', '=', ownerId), eb('ownerId', 'is', null)]));
  }

  async findMany(ownerId: string, ids: readonly string[]): Promise<StylePresetRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return (await this.visibleTo(ownerId).where('id', 'in', valid).execute()).map(toRecord);
  }

  async list(ownerId: string, page: KeysetPage): Promise<StylePresetRecord[]> {
    const direction = keysetDirection(page);
    const rows = await this.visibleTo(ownerId)
      .where((eb) => eb.and(keysetConditions('style_preset', page, 'updated_at')))
      .orderBy('updatedAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toRecord);
  }

  /** The owner's own presets (not the starters), in list order; all of them when `ids` is null. */
  async own(ownerId: string, ids: readonly string[] | null): Promise<StylePresetRecord[]> {
    let query = this.db.selectFrom('stylePreset').selectAll().where('ownerId', '=', ownerId);
    if (ids) {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      query = query.where('id', 'in', valid);
    }
    return (await query.orderBy('updatedAt', 'desc').orderBy('id', 'desc').execute()).map(toRecord);
  }

  async insertMany(ownerId: string, presets: readonly StylePresetInput[]): Promise<StylePresetRecord[]> {
    if (presets.length === 0) return [];
    const rows = await this.db
      .insertInto('stylePreset')
      .values(
        presets.map((preset) => ({
          ownerId,
          name: preset.name,
          description: preset.description,
          settings: JSON.stringify(preset.settings),
          previewImageId: preset.previewImageId,
        })),
      )
      .returningAll()
      .execute();
    return rows.map(toRecord);
  }

  async update(
    ownerId: string,
    id: string,
    changes: Partial<StylePresetInput>,
  ): Promise<StylePresetRecord | null> {
    if (!isUuid(id)) return null;
    const { settings, ...rest } = changes;
    const row = await this.db
      .updateTable('stylePreset')
      .set({
        ...rest,
        ...(settings && { settings: JSON.stringify(settings) }),
        updatedAt: sql`now()`,
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
      .deleteFrom('stylePreset')
      .where('id', '=', id)
      .where('ownerId', '=', ownerId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
