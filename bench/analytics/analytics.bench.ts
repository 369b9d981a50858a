/**
 * Claim: Insights for 30 days answer with server p99 ≤ 50 ms for a person and ≤ 200 ms for the
 * admin's whole instance, at 1,000,000 images, 1,200,000 jobs and 3,000,000 attempts over 180 days
 * for 100 people. Seeds with set-based SQL (generate_series), fills the daily rollup from the raw
 * rows, then times `insights` over HTTP against the same SQL run straight from the repository.
 * Smaller runs: BENCH_PEOPLE, BENCH_JOBS, BENCH_IMAGES, BENCH_DAYS (attempts are 2.5 per job).
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { startBenchStack, timedRequest } from '../support/stack';
import { printTable, summarize } from '../support/stats';
import { scaleFromEnv, seedAnalytics } from './seed';

const scale = scaleFromEnv();
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const WARMUP = 10;

const Insights = `query($scope: InsightsScope) {
  insights(range: { preset: LAST_30_DAYS }, scope: $scope) {
    volume { day provider operation jobs images }
    speed { provider model jobs queueWaitP50Ms queueWaitP95Ms providerP50Ms providerP95Ms totalP50Ms totalP95Ms }
    speedOverTime { day provider totalP50Ms totalP95Ms }
    reliability { provider model jobs succeeded failed canceled successRate retries fallbacks }
    failures { code count }
    fallbackFinishers { firstProvider finishedBy jobs }
    cost { day provider model costUsd images }
    costSummary { totalUsd perImageUsd monthToDateUsd projectedMonthUsd }
    costByPerson { userId name costUsd images }
    keepRate { dimension key label images starred tagged collected downloaded shared reused trashed keepRate }
    topPrompts { prompt uses keepRate }
    topTemplates { id name uses keepRate }
    topPresets { id name uses keepRate }
    batchComparisons { batchId provider jobs totalP50Ms costUsd keepRate }
  }
}`;

async function main() {
  const stack = await startBenchStack({ worker: false });
  const db = stack.app.db;
  try {
    const seeded = performance.now();
    const step = (what: string) =>
      console.log(`  ${what} at ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    await seedAnalytics(db, scale, step);
    const seedMs = performance.now() - seeded;
    await sql`analyze`.execute(db);
    const rolled = performance.now();
    await sql`select insights_refresh(current_date - ${scale.days + 1}::int, current_date)`.execute(db);
    while ((await stack.app.repositories.insights.refreshKeep(2000)) > 0);
    // As between two runs of the rollup task with people at work: today's keep signals are read raw.
    await sql`
      insert into insights_keep_dirty (owner_id, day)
      select distinct owner_id, current_date from image where created_at >= current_date::timestamp at time zone 'UTC'
      on conflict do nothing`.execute(db);
    await sql`analyze`.execute(db);
    const rollupMs = performance.now() - rolled;
    step('rollup');
    const counts = await sql<{ jobs: number; images: number; attempts: number; rollup: number }>`
      select (select count(*) from job)::int as jobs, (select count(*) from image)::int as images,
        (select sum(jsonb_array_length(attempts)) from job)::int as attempts,
        (select count(*) from insights_daily)::int as rollup`.execute(db);

    const rows = [];
    const headers = { authorization: stack.authorization };
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    for (const scope of ['PERSON', 'INSTANCE'] as const) {
      const server: number[] = [];
      const client: number[] = [];
      for (let i = 0; i < WARMUP; i++) await timedRequest(stack.server.url, headers, Insights, { scope });
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const { data, serverMs } = await timedRequest(stack.server.url, headers, Insights, { scope });
        client.push(performance.now() - started);
        server.push(serverMs);
        if (!data.insights || data.insights.volume.length === 0) throw new Error(`${scope}: no figures`);
      }
      const raw: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const until = new Date();
        const window = {
          ownerId: scope === 'PERSON' ? stack.owner.id : null,
          from: new Date(until.getTime() - 30 * 86_400_000),
          until,
          filter: {
            providers: null,
            models: null,
            operations: null,
            presetIds: null,
            templateIds: null,
            collectionId: null,
            origins: null,
          },
          rollup: true,
        };
        const started = performance.now();
        await Promise.all([
          stack.app.repositories.insights.jobFigures(window, monthStart),
          stack.app.repositories.insights.imageFigures(window),
        ]);
        raw.push(performance.now() - started);
      }
      const s = summarize(server);
      const c = summarize(client);
      const r = summarize(raw);
      rows.push({
        scope,
        'server p50 ms': s.p50,
        'server p99 ms': s.p99,
        'client p99 ms': c.p99,
        'raw SQL p50 ms': r.p50,
        'raw SQL p99 ms': r.p99,
        'p50 ×raw': s.p50 / r.p50,
        'p99 ×raw': s.p99 / r.p99,
        'goal (server p99)': scope === 'PERSON' ? '≤ 50' : '≤ 200',
      });
    }
    const c = counts.rows[0]!;
    printTable(
      `insights (30 days) over HTTP: ${c.jobs.toLocaleString()} jobs, ${c.images.toLocaleString()} images, ` +
        `${c.attempts.toLocaleString()} attempts, ${scale.people} people, ${scale.days} days; seeded in ${(seedMs / 1000).toFixed(1)} s, ` +
        `rollup (${c.rollup.toLocaleString()} rows) in ${(rollupMs / 1000).toFixed(1)} s`,
      rows,
    );
    console.log(
      `load average (1, 5, 15 min): ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    await stack.close();
  }
}

await main();
