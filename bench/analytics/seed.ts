import { type Kysely, sql } from 'kysely';

export interface AnalyticsScale {
  people: number;
  jobs: number;
  images: number;
  days: number;
}

/** The scale: 100 people, 1,200,000 jobs (3,000,000 attempts), 1,000,000 images, 180 days. */
export function scaleFromEnv(env: NodeJS.ProcessEnv = process.env): AnalyticsScale {
  return {
    people: Number(env.BENCH_PEOPLE ?? 100),
    jobs: Number(env.BENCH_JOBS ?? 1_200_000),
    images: Number(env.BENCH_IMAGES ?? 1_000_000),
    days: Number(env.BENCH_DAYS ?? 180),
  };
}

/**
 * Seeds people, ended jobs with their attempts, images and keep signals with set-based SQL
 * (generate_series), spread over `days` up to now; `step` is told as each part is done.
 */
export async function seedAnalytics(
  db: Kysely<any>,
  scale: AnalyticsScale,
  step: (what: string) => void = () => undefined,
): Promise<void> {
  await sql`insert into app_user (display_name) select 'person ' || g from generate_series(2, ${scale.people}) g`.execute(
    db,
  );
  // Attempts per job: 1…4 (2.5 on average); three or more move from the first provider to another.
  await sql`
    insert into job (owner_id, kind, provider, input, status, attempts, error, origin, created_at, started_at, finished_at)
    select u.ids[1 + g % ${scale.people}], k.kind, p.last, jsonb_build_object('prompt', 'prompt ' || (g % 5000), 'provider', p.first, 'model', p.model),
      s.status, a.attempts,
      case when s.status = 'FAILED' then jsonb_build_object('code', (array['API_ERROR', 'RATE_LIMIT', 'CONTENT_FILTER', 'STORAGE_ERROR'])[1 + g % 4]) end,
      (array['WEB', 'WEB', 'WEB', 'WEB', 'WEB', 'WEB', 'WEB', 'API', 'MCP', 'BATCH'])[1 + (g / 11) % 10],
      t.created, t.created + make_interval(secs => (g % 7) * 0.3), t.created + make_interval(secs => 2 + (g % 61))
    from generate_series(1, ${scale.jobs}) g
    cross join (select array_agg(id order by created_at, id) as ids from app_user) u
    cross join lateral (select now() - make_interval(secs => ((g::bigint * 7919) % ${scale.jobs})::float8 / ${scale.jobs} * ${scale.days} * 86400) as created) t
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
    from (select j.*, abs(hashtext(j.id::text)) as h from job j where status = 'SUCCEEDED' limit ${scale.images}) j`.execute(
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
  step('keep signals');
}
