import type { ApiTokenRecord, Role, Scope } from '@atelier/domain';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { ApiToken } from '../db/db.generated';
import { isUuid } from './keyset';
import type { CredentialHolder } from './session.repository';

function toRecord(row: Selectable<ApiToken>): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export class ApiTokenRepository {
  constructor(private readonly db: Database) {}

  async create(token: {
    userId: string;
    name: string;
    prefix: string;
    tokenHash: Buffer;
    scopes: Scope[];
  }): Promise<ApiTokenRecord> {
    return toRecord(
      await this.db.insertInto('apiToken').values(token).returningAll().executeTakeFirstOrThrow(),
    );
  }

  /** A live (not revoked) token by its digest, with its owner, in one round trip. */
  async findLive(tokenHash: Buffer): Promise<(ApiTokenRecord & CredentialHolder) | null> {
    const row = await this.db
      .selectFrom('apiToken')
      .innerJoin('appUser', 'appUser.id', 'apiToken.userId')
      .selectAll('apiToken')
      .select(['appUser.displayName', 'appUser.email', 'appUser.role', 'appUser.disabledAt'])
      .where('apiToken.tokenHash', '=', tokenHash)
      .where('apiToken.revokedAt', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    return {
      ...toRecord(row),
      userId: row.userId,
      displayName: row.displayName,
      email: row.email,
      role: row.role as Role,
      disabled: row.disabledAt !== null,
    };
  }

  async listForUser(userId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db
      .selectFrom('apiToken')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  async revoke(userId: string, id: string): Promise<ApiTokenRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .updateTable('apiToken')
      .set({ revokedAt: sql`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .where('userId', '=', userId)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Records use, at most once a minute per token (a write per request would cost more than the request). */
  async touch(id: string): Promise<void> {
    await this.db
      .updateTable('apiToken')
      .set({ lastUsedAt: sql`now()` })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', sql<Date>`now() - interval '1 minute'`)]),
      )
      .execute();
  }
}
