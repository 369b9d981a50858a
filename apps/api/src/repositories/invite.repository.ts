import type { InviteRecord, Role } from '@atelier/domain';
import { type Selectable, sql } from 'kysely';
import type { Database } from '../db/database';
import type { Invite } from '../db/db.generated';
import { isUuid } from './keyset';
import { type StoredAccount, toAccount } from './user.repository';

const UNIQUE_VIOLATION = '23505';

function toRecord(row: Selectable<Invite>): InviteRecord {
  return {
    id: row.id,
    role: row.role as Role,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
  };
}

export class InviteRepository {
  constructor(private readonly db: Database) {}

  async create(invite: {
    tokenHash: Buffer;
    role: Role;
    createdBy: string;
    expiresAt: Date;
  }): Promise<InviteRecord> {
    return toRecord(
      await this.db.insertInto('invite').values(invite).returningAll().executeTakeFirstOrThrow(),
    );
  }

  /** Invites not yet used nor expired, newest first. */
  async listOpen(): Promise<InviteRecord[]> {
    const rows = await this.db
      .selectFrom('invite')
      .selectAll()
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', sql<Date>`now()`)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return rows.map(toRecord);
  }

  /** Deletes an unused invite; null when there is none by that id. */
  async revoke(id: string): Promise<InviteRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .deleteFrom('invite')
      .where('id', '=', id)
      .where('usedAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /**
   * Creates the account an invite is for and uses the invite up, in one transaction: an invite
   * signs up one account only, even when two people open the link at once.
   */
  async redeem(
    tokenHash: Buffer,
    account: { email: string; passwordHash: string; displayName: string },
  ): Promise<StoredAccount | 'invalid' | 'email-taken'> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const invite = await trx
          .updateTable('invite')
          .set({ usedAt: sql<Date>`now()` })
          .where('tokenHash', '=', tokenHash)
          .where('usedAt', 'is', null)
          .where('expiresAt', '>', sql<Date>`now()`)
          .returningAll()
          .executeTakeFirst();
        if (!invite) return 'invalid' as const;
        const row = await trx
          .insertInto('appUser')
          .values({ ...account, role: invite.role })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('invite').set({ usedBy: row.id }).where('id', '=', invite.id).execute();
        return toAccount(row);
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return 'email-taken';
      throw error;
    }
  }
}
