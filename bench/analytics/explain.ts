/**
 * Prints EXPLAIN ANALYZE of each query the Insights repository issues for 30 days (one person,
 * then the whole instance), on a database seeded by seed-database.ts:
 * `node --import tsx analytics/explain.ts postgres://…/atelier_analytics [job|image|time]` (time: p50 of
 * 20 runs of each instead).
 */
import { CamelCasePlugin, Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import type { DB } from '../../apps/api/src/db/db.generated';
import { createPool } from '../../apps/api/src/db/database';
import { InsightsRepository } from '../../apps/api/src/repositories/insights.repository';

const [url, only] = process.argv.slice(2);
if (!url) throw new Error('usage: explain.ts <database url> [job|image|time]');
const pool = createPool(url, 2);
const seen: CompiledQuery[] = [];
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  plugins: [new CamelCasePlugin()],
  log: (event) => {
    // Only the queries themselves, not the transaction around them (begin, set local, commit).
    if (event.level === 'query' && /^\s*(with|select)\b/i.test(event.query.sql)) seen.push(event.query);
  },
});
const insights = new InsightsRepository(db);
const { rows } = await pool.query<{ id: string }>(
  `select owner_id as id from image group by owner_id order by count(*) desc limit 1`,
);
const until = new Date();
const now = until;
const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
const filter = {
  providers: null,
  models: null,
  operations: null,
  presetIds: null,
  templateIds: null,
  collectionId: null,
  origins: null,
};
try {
  for (const ownerId of [rows[0]!.id, null]) {
    const window = {
      ownerId,
      from: new Date(until.getTime() - 30 * 86_400_000),
      until,
      filter,
      rollup: true,
    };
    if (only === 'time') {
      for (const part of ['jobFigures', 'imageFigures'] as const) {
        const times: number[] = [];
        for (let i = 0; i < 20; i++) {
          const started = performance.now();
          await (part === 'jobFigures'
            ? insights.jobFigures(window, monthStart)
            : insights.imageFigures(window));
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        console.log(
          `${ownerId ? 'PERSON' : 'INSTANCE'} ${part}: p50 ${times[10]!.toFixed(1)} ms, max ${times[19]!.toFixed(1)} ms`,
        );
      }
      continue;
    }
    seen.length = 0;
    if (only !== 'image') await insights.jobFigures(window, monthStart);
    if (only !== 'job') await insights.imageFigures(window);
    const client = await pool.connect();
    // As the repository runs them (see its noJit).
    await client.query('set jit = off');
    for (const query of seen) {
      const plan = await client.query(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]);
      console.log(`\n=== ${ownerId ? 'PERSON' : 'INSTANCE'} ===\n${query.sql.slice(0, 200)}…`);
      for (const row of plan.rows) console.log(row['QUERY PLAN']);
    }
    client.release();
  }
} finally {
  await db.destroy();
}
