import type { AccountRecord, Role, Usage, Viewer } from '@atelier/domain';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { AppUser, DB } from '../db/db.generated';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';
import { writeSignupEnabled } from './setting.repository';

const UNIQUE_VIOLATION = '23505';

export interface StoredAccount extends AccountRecord {
  passwordHash: string | null;
}

export function toAccount(row: Selectable<AppUser>): StoredAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role as Role,
    createdAt: row.createdAt,
    maxConcurrentJobs: row.maxConcurrentJobs,
    maxImagesPerDay: row.maxImagesPerDay,
    disabled: row.disabledAt !== null,
    mustChangePassword: row.mustChangePassword,
    passwordHash: row.passwordHash,
  };
}

/** The limits an admin set on a person; null is no limit. */
export interface Quota {
  maxConcurrentJobs: number | null;
  maxImagesPerDay: number | null;
}

export class UserRepository {
  constructor(private readonly db: Database) {}

  /** The built-in owner of everything made before the first account existed, if still unclaimed. */
  async findLocalOwner(): Promise<Viewer | null> {
    const row = await this.db
      .selectFrom('appUser')
      .selectAll()
      .where('isLocalOwner', '=', true)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          displayName: row.displayName,
          email: null,
          role: 'ADMIN',
          scopes: ['read', 'generate', 'admin'],
          via: 'session',
          tokenId: null,
        }
      : null;
  }

  async countAccounts(): Promise<number> {
    const { count } = await this.db
      .selectFrom('appUser')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('email', 'is not', null)
      .executeTakeFirstOrThrow();
    return count;
  }

  /**
   * The first account takes over the built-in local owner, so the work made before accounts existed
   * stays with it. Only succeeds while no account exists (the email unique index and the lock
   * guard against two first accounts). `signupEnabled` is stored in the same transaction, so the
   * first account never exists without it.
   */
  async claimLocalOwner(
    account: {
      email: string;
      passwordHash: string;
      displayName: string;
    },
    settings: { signupEnabled: boolean },
  ): Promise<StoredAccount | null> {
    return this.db.transaction().execute(async (trx) => {
      await sql`lock table app_user in share row exclusive mode`.execute(trx);
      const existing = await trx
        .selectFrom('appUser')
        .select('id')
        .where('email', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      if (existing) return null;
      const owner = await trx
        .updateTable('appUser')
        .set({ ...account, role: 'ADMIN', isLocalOwner: false })
        .where('isLocalOwner', '=', true)
        .returningAll()
        .executeTakeFirst();
      const row =
        owner ??
        (await trx
          .insertInto('appUser')
          .values({ ...account, role: 'ADMIN' })
          .returningAll()
          .executeTakeFirstOrThrow());
      await writeSignupEnabled(trx, settings.signupEnabled);
      return toAccount(row);
    });
  }

  /** A new account, or null when the email is taken. */
  async create(account: {
    email: string | null;
    passwordHash: string | null;
    displayName: string;
    role?: Role;
  }): Promise<StoredAccount | null> {
    const row = await this.db
      .insertInto('appUser')
      .values({
        email: account.email,
        passwordHash: account.passwordHash,
        displayName: account.displayName,
        role: account.role ?? 'USER',
      })
      .onConflict((oc) =>
        oc
          .expression(sql`lower(email)`)
          .where('email', 'is not', null)
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async findByEmail(email: string): Promise<StoredAccount | null> {
    const row = await this.db
      .selectFrom('appUser')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async findById(id: string): Promise<StoredAccount | null> {
    if (!isUuid(id)) return null;
    const row = await this.db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async list(page: KeysetPage): Promise<StoredAccount[]> {
    // Admin lists are oldest first; the keyset helper speaks newest-first, so flip the direction.
    const direction = keysetDirection(page) === 'desc' ? 'asc' : 'desc';
    const rows = await this.db
      .selectFrom('appUser')
      .selectAll()
      .where('email', 'is not', null)
      .where((eb) =>
        eb.and(keysetConditions('app_user', { ...page, after: page.before, before: page.after })),
      )
      .orderBy('createdAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toAccount);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('appUser')
      .set({ passwordHash, mustChangePassword: false })
      .where('id', '=', id)
      .execute();
  }

  /** A password an admin chose: the person's sessions end, and they must replace it when they sign in. */
  async setTemporaryPassword(id: string, passwordHash: string): Promise<StoredAccount | null> {
    if (!isUuid(id)) return null;
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('appUser')
        .set({ passwordHash, mustChangePassword: true })
        .where('id', '=', id)
        .where('email', 'is not', null)
        .returningAll()
        .executeTakeFirst();
      if (row) await trx.deleteFrom('session').where('userId', '=', id).execute();
      return row ? toAccount(row) : null;
    });
  }

  async setQuota(id: string, quota: Quota): Promise<StoredAccount | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .updateTable('appUser')
      .set(quota)
      .where('id', '=', id)
      .where('email', 'is not', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  /**
   * A person's quota, holding their row until `trx` ends so that another submission of theirs
   * waits for this one (NO KEY UPDATE: rows that only reference the person are not held up).
   */
  async lockQuota(trx: Transaction<DB>, id: string): Promise<Quota | null> {
    if (!isUuid(id)) return null;
    const row = await trx
      .selectFrom('appUser')
      .select(['maxConcurrentJobs', 'maxImagesPerDay'])
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    return row ?? null;
  }

  /** What a quota counts, for one person: jobs queued or running, images made today or on their way. */
  async quotaUsage(trx: Transaction<DB>, id: string): Promise<Pick<Usage, 'activeJobs' | 'imagesToday'>> {
    const { rows } = await sql<Pick<Usage, 'activeJobs' | 'imagesToday'>>`
      with active as (
        select count(*)::int as jobs, coalesce(sum((j.input->>'count')::int), 0)::int as images
        from job j where j.owner_id = ${id} and j.status in ('QUEUED', 'RUNNING'))
      select active.jobs as "activeJobs",
        ((select count(*) from image i where i.owner_id = ${id}
            and i.created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc') + active.images)::int
          as "imagesToday"
      from active`.execute(trx);
    return rows[0] ?? { activeJobs: 0, imagesToday: 0 };
  }

  /** Usage per account, in the order asked: images kept, images made today (UTC) incl. those being made, jobs. */
  async usage(ids: readonly string[], db: Kysely<DB> = this.db): Promise<Usage[]> {
    const valid = ids.filter(isUuid);
    const { rows } =
      valid.length === 0
        ? { rows: [] }
        : await sql<Usage & { id: string }>`
            select u.id,
              (select count(*) from image i where i.owner_id = u.id and i.deleted_at is null)::int as images,
              ((select count(*) from image i where i.owner_id = u.id and i.created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc')
                + (select coalesce(sum((j.input->>'count')::int), 0) from job j where j.owner_id = u.id and j.status in ('QUEUED', 'RUNNING')))::int as "imagesToday",
              (select count(*) from job j where j.owner_id = u.id and j.status in ('QUEUED', 'RUNNING'))::int as "activeJobs",
              (select count(*) from job j where j.owner_id = u.id)::int as jobs
            from app_user u where u.id = any(${valid}::uuid[])`.execute(db);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      return {
        images: row?.images ?? 0,
        imagesToday: row?.imagesToday ?? 0,
        activeJobs: row?.activeJobs ?? 0,
        jobs: row?.jobs ?? 0,
      };
    });
  }

  /** A new name or email for an account: null when there is no such account. */
  async updateProfile(
    id: string,
    profile: { displayName?: string; email?: string },
  ): Promise<StoredAccount | null | 'email-taken'> {
    if (!isUuid(id)) return null;
    if (profile.displayName === undefined && profile.email === undefined) return this.findById(id);
    try {
      const row = await this.db
        .updateTable('appUser')
        .set(profile)
        .where('id', '=', id)
        .where('email', 'is not', null)
        .returningAll()
        .executeTakeFirst();
      return row ? toAccount(row) : null;
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return 'email-taken';
      throw error;
    }
  }

  async setRole(id: string, role: Role): Promise<StoredAccount | null> {
    return this.updateAccount(id, { role });
  }

  /** Disabling ends the account's sessions in the same transaction; its tokens stop while disabled. */
  async setDisabled(id: string, disabled: boolean): Promise<StoredAccount | null> {
    if (!isUuid(id)) return null;
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('appUser')
        .set({ disabledAt: disabled ? sql<Date>`coalesce(disabled_at, now())` : null })
        .where('id', '=', id)
        .where('email', 'is not', null)
        .returningAll()
        .executeTakeFirst();
      if (row && disabled) await trx.deleteFrom('session').where('userId', '=', id).execute();
      return row ? toAccount(row) : null;
    });
  }

  private async updateAccount(id: string, change: { role: Role }): Promise<StoredAccount | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .updateTable('appUser')
      .set(change)
      .where('id', '=', id)
      .where('email', 'is not', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  /** A person for tests and tools, with no password (cannot sign in). */
  async createBare(displayName: string): Promise<Viewer> {
    const row = await this.db
      .insertInto('appUser')
      .values({ displayName })
      .returning(['id', 'displayName'])
      .executeTakeFirstOrThrow();
    return { ...row, email: null, role: 'USER', scopes: ['read', 'generate'], via: 'session', tokenId: null };
  }
}
