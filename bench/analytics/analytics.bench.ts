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

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100);
const JOBS = Number(process.env.BENCH_JOBS ?? 1_200_000);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 1_000_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 180);
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
    await sql`insert into app_user (display_name) select 'person ' || g from generate_series(2, ${PEOPLE}) g`.execute(
      db,
    );
    // Attempts per job: 1…4 (2.5 on average); three or more move from the first provider to another.
    await sql`
      insert into job (owner_id, kind, provider, input, status, attempts, error, origin, created_at, started_at, finished_at)
      select u.ids[1 + g % ${PEOPLE}], k.kind, p.last, jsonb_build_object('prompt', 'prompt ' || (g % 5000), 'provider', p.first, 'model', p.model),
        s.status, a.attempts,
        case when s.status = 'FAILED' then jsonb_build_object('code', (array['API_ERROR', 'RATE_LIMIT', 'CONTENT_FILTER', 'STORAGE_ERROR'])[1 + g % 4]) end,
        (array['WEB', 'WEB', 'WEB', 'WEB', 'WEB', 'WEB', 'WEB', 'API', 'MCP', 'BATCH'])[1 + (g / 11) % 10],
        t.created, t.created + make_interval(secs => (g % 7) * 0.3), t.created + make_interval(secs => 2 + (g % 61))
      from generate_series(1, ${JOBS}) g
      cross join (select array_agg(id order by created_at, id) as ids from app_user) u
      cross join lateral (select now() - make_interval(secs => ((g::bigint * 7919) % ${JOBS})::float8 / ${JOBS} * ${DAYS} * 86400) as created) t
      cross join lateral (select (array['GENERATE', 'GENERATE', 'GENERATE', 'GENERATE', 'GENERATE', 'GENERATE', 'VARIATION', 'EDIT', 'ENHANCE', 'GENERATE'])[1 + (g / 3) % 10] as kind) k
      cross join lateral (select case when g % 20 = 0 then 'FAILED' when g % 50 = 1 then 'CANCELED' else 'SUCCEEDED' end as status) s
      cross join lateral (
        select (array['local', 'flux', 'ideogram'])[1 + (g / 7) % 3] as first,
               case when g % 4 = 3 then (array['local', 'flux', 'ideogram'])[1 + (g / 7 + 1) % 3] else (array['local', 'flux', 'ideogram'])[1 + (g / 7) % 3] end as last,
               (array['procedural-v1', 'flux-dev', 'V_3'])[1 + (g / 7) % 3] as model
      ) p
      cross join lateral (
        select jsonb_agg(jsonb_build_object(
          'provider', case when n >= 4 then p.last else p.first end, 'model', p.model,
          'outcome', case when n = 1 + g % 4 then 'SUCCEEDED' else 'RATE_LIMIT' end,
          'latencyMs', 500 + (g * n) % 9000, 'costUsd', case when p.first = 'local' then 0 else 0.04 end,
          'startedAt', t.created, 'finishedAt', t.created, 'message', null, 'withheld', 0) order by n) as attempts
        from generate_series(1, 1 + g % 4) n
      ) a`.execute(db);
    step('jobs');
    await sql`
      insert into image (owner_id, job_id, blob_key, width, height, mime, bytes, prompt, provider, model, seed, tags, starred, deleted_at, created_at, operation)
      select j.owner_id, j.id, md5(j.id::text) || '.png', 1024, 1024, 'image/png', 200000, j.input ->> 'prompt', j.provider,
        j.input ->> 'model', 1, case when h % 15 = 0 then array['kept'] else array[]::text[] end, h % 10 = 0,
        case when h % 25 = 0 then j.created_at end, j.created_at, j.kind
      from (select j.*, abs(hashtext(j.id::text)) as h from job j where status = 'SUCCEEDED' limit ${IMAGES}) j`.execute(
      db,
    );
    step('images');
    await sql`
      insert into collection (owner_id, name) select id, 'favourites' from app_user;
      insert into collection_image (collection_id, image_id, position)
      select c.id, i.id, row_number() over (partition by c.id) from image i join collection c on c.owner_id = i.owner_id
      where abs(hashtext(i.id::text)) % 20 = 0;
      insert into image_event (image_id, owner_id, kind)
      select id, owner_id, 'DOWNLOAD' from image where abs(hashtext(id::text)) % 33 = 0;
      insert into share_link (owner_id, image_id, token)
      select owner_id, id, md5(id::text) from image where abs(hashtext(id::text)) % 97 = 0;
    `.execute(db);
    const seedMs = performance.now() - seeded;
    step('keep signals');
    await sql`analyze`.execute(db);
    const rolled = performance.now();
    await sql`select insights_refresh(current_date - ${DAYS + 1}::int, current_date)`.execute(db);
    await sql`analyze insights_daily`.execute(db);
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
        goal: scope === 'PERSON' ? '≤ 50' : '≤ 200',
      });
    }
    const c = counts.rows[0]!;
    printTable(
      `insights (30 days) over HTTP: ${c.jobs.toLocaleString()} jobs, ${c.images.toLocaleString()} images, ` +
        `${c.attempts.toLocaleString()} attempts, ${PEOPLE} people, ${DAYS} days; seeded in ${(seedMs / 1000).toFixed(1)} s, ` +
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
