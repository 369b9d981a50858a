import type { Role } from '@atelier/domain';
import { sql } from 'kysely';
import type { Database } from '../db/database';

/** The person behind a credential, read in the same query as the credential itself. */
export interface CredentialHolder {
  userId: string;
  displayName: string;
  email: string | null;
  role: Role;
  disabled: boolean;
}

export interface SessionRow extends CredentialHolder {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export class SessionRepository {
  constructor(private readonly db: Database) {}

  async create(tokenHash: Buffer, userId: string, expiresAt: Date, userAgent: string | null): Promise<void> {
    await this.db
      .insertInto('session')
      .values({ tokenHash, userId, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null })
      .execute();
  }

  /**
   * The session with its person, if it exists and has neither expired nor sat idle past
   * `idleSeconds`. One round trip: this runs before every signed-in request.
   */
  async findLive(tokenHash: Buffer, idleSeconds: number): Promise<SessionRow | null> {
    const row = await this.db
      .selectFrom('session')
      .innerJoin('appUser', 'appUser.id', 'session.userId')
      .select(['session.userId', 'session.createdAt', 'session.lastSeenAt', 'session.expiresAt'])
      .select(['appUser.displayName', 'appUser.email', 'appUser.role', 'appUser.disabledAt'])
      .where('session.tokenHash', '=', tokenHash)
      .where('session.expiresAt', '>', sql<Date>`now()`)
      .where('session.lastSeenAt', '>', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
      .executeTakeFirst();
    if (!row) return null;
    const { disabledAt, role, ...rest } = row;
    return { ...rest, role: role as Role, disabled: disabledAt !== null };
  }

  async touch(tokenHash: Buffer): Promise<void> {
    await this.db
      .updateTable('session')
      .set({ lastSeenAt: sql`now()` })
      .where('tokenHash', '=', tokenHash)
      .execute();
  }

  async delete(tokenHash: Buffer): Promise<void> {
    await this.db.deleteFrom('session').where('tokenHash', '=', tokenHash).execute();
  }

  /** Signs a person out everywhere, except the session given. */
  async deleteForUser(userId: string, except: Buffer | null): Promise<void> {
    let query = this.db.deleteFrom('session').where('userId', '=', userId);
    if (except) query = query.where('tokenHash', '<>', except);
    await query.execute();
  }
}
