import { sql } from 'kysely';
import type { Database } from '../db/database';

/** How many failures in a row lock sign-in, from one client and from all clients together. */
export interface SignInLockPolicy {
  perClient: number;
  everywhere: number;
}

/** Every client's failures for one email, counted together. */
const EVERYWHERE = '*';

/**
 * Failed sign-ins by email (as typed, lower-cased) and client address. From its threshold on, each
 * further failure locks for a doubling time (30 s, 1 min… at most 1 h); an hour without failures
 * starts the count again.
 */
export class SignInFailureRepository {
  constructor(private readonly db: Database) {}

  /** Until when sign-in for `email` from `client` is locked, or null when it is not. */
  async lockedUntil(email: string, client: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('signInFailure')
      .select((eb) => eb.fn.max('lockedUntil').as('until'))
      .where('email', '=', email.toLowerCase())
      .where('client', 'in', [client, EVERYWHERE])
      .where('lockedUntil', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return row?.until ?? null;
  }

  async fail(email: string, client: string, policy: SignInLockPolicy): Promise<void> {
    const key = email.toLowerCase();
    await this.db.transaction().execute(async (trx) => {
      await sql`
        insert into sign_in_failure as f (email, client, failures)
        values (${key}, ${client}, 1), (${key}, ${EVERYWHERE}, 1)
        on conflict (email, client) do update set
          failures = case when f.updated_at < now() - interval '1 hour' then 1 else f.failures + 1 end,
          updated_at = now()`.execute(trx);
      await sql`
        update sign_in_failure set locked_until = now() + least(interval '1 hour',
          interval '30 seconds' * power(2, failures - case when client = ${EVERYWHERE}
            then ${policy.everywhere}::int else ${policy.perClient}::int end))
        where email = ${key} and failures >= case when client = ${EVERYWHERE}
          then ${policy.everywhere}::int else ${policy.perClient}::int end`.execute(trx);
      // Each failure also forgets a few counts no one has added to for a day.
      await sql`
        delete from sign_in_failure where (email, client) in (
          select email, client from sign_in_failure
          where updated_at < now() - interval '1 day' limit 10)`.execute(trx);
    });
  }

  /** A right password: this client's count and the count over all clients start again. */
  async clear(email: string, client: string): Promise<void> {
    await this.db
      .deleteFrom('signInFailure')
      .where('email', '=', email.toLowerCase())
      .where('client', 'in', [client, EVERYWHERE])
      .execute();
  }
}
