/**
 * Seeds a database of its own at the benchmark's scale and keeps it, to read query plans with
 * EXPLAIN: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx
 * analytics/seed-database.ts atelier_analytics` (BENCH_* as for the benchmark). Drops it first.
 */
import { sql } from 'kysely';
import { createDatabase } from '../../apps/api/src/db/database';
import { createMigratedDatabase, dropDatabase, withDatabase } from '../../apps/api/test/support/postgres';
import { scaleFromEnv, seedAnalytics } from './seed';

const name = process.argv[2];
if (!name || !process.env.DATABASE_URL) {
  throw new Error('usage: DATABASE_URL=… seed-database.ts <database name>');
}
const adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
await dropDatabase(adminUrl, name);
const url = await createMigratedDatabase(adminUrl, name);
const db = createDatabase(url);
const scale = scaleFromEnv();
const started = performance.now();
const step = (what: string) =>
  console.log(`${what} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
try {
  await seedAnalytics(db, scale, step);
  await sql`analyze`.execute(db);
  await sql`select insights_refresh(current_date - ${scale.days + 1}::int, current_date)`.execute(db);
  while (
    (await sql<{ done: number }>`select insights_keep_refresh(2000) as done`.execute(db)).rows[0]!.done > 0
  );
  await sql`analyze`.execute(db);
  step('rollup');
} finally {
  await db.destroy();
}
console.log(url);
