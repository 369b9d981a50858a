import { ServiceUnavailableError } from '@atelier/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseHealth } from '../../src/db/database-health';
import { createDatabase, type Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { createTestDatabase } from '../support/harness';

// Under a burst (thousands of subscriptions reloading at once) every pooled connection is busy and
// a query gives up waiting for one. That request answers SERVICE_UNAVAILABLE, but the database is
// fine: the process must not declare an outage, or /readyz fails and a load balancer drops it.
describe('a pool whose every connection is busy', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let health: DatabaseHealth;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    health = new DatabaseHealth({ logger: createLogger('silent'), probe: async () => undefined });
    db = createDatabase(database.url, { max: 1, health });
  });
  afterAll(async () => {
    health.stop();
    await db.destroy();
    await database.drop();
  });

  it('refuses the query that cannot get a connection as retryable, without declaring an outage', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await held;
    });
    const refused = await sql`select 1`.execute(db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect(refused).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(health.available).toBe(true);

    release();
    await holding;
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
  }, 20_000);
});
