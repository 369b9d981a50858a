import { type Kysely, sql } from 'kysely';

/**
 * Insights: where a job came from (web, API, MCP, batch), image events the app did not keep
 * (downloads, share-link opens), and a daily rollup of jobs kept by a deferred trigger on job (so it
 * sees the images stored in the same transaction) and healed by the insights-rollup cron task.
 * Speed is kept as histograms (48 log buckets, ×1.3 from 20 ms) so p50/p95 survive summing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table job add column origin text not null default 'WEB'
      check (origin in ('WEB', 'API', 'MCP', 'BATCH'));
    create index job_created on job (created_at);
    create index image_job on image (job_id) where job_id is not null;
    create index image_created on image (created_at);
    -- Insights reads a person's images of a range, trashed ones too (the gallery's indexes skip them).
    create index image_owner_created_all on image (owner_id, created_at);

    create table image_event (
      image_id uuid not null references image (id) on delete cascade,
      owner_id uuid not null references app_user (id) on delete cascade,
      kind text not null check (kind in ('DOWNLOAD', 'SHARE_OPEN')),
      at timestamptz not null default now()
    );
    create index image_event_image on image_event (image_id, kind);

    create table insights_daily (
      owner_id uuid not null references app_user (id) on delete cascade,
      day date not null,
      provider text not null,
      model text not null,
      operation text not null,
      origin text not null,
      preset_id text not null,
      template_id text not null,
      first_provider text not null,
      error_code text not null,
      jobs int not null,
      images int not null,
      succeeded int not null,
      failed int not null,
      canceled int not null,
      cost_usd numeric not null,
      retries int not null,
      fallbacks int not null,
      queue_ms_sum double precision not null,
      provider_ms_sum double precision not null,
      total_ms_sum double precision not null,
      queue_hist int[] not null,
      provider_hist int[] not null,
      total_hist int[] not null,
      primary key (owner_id, day, provider, model, operation, origin, preset_id, template_id, first_provider, error_code)
    );
    create index insights_daily_day on insights_daily (day);

    -- One bucket for one duration: bucket 0 holds ≤ 20 ms, bucket b (b ≥ 1) (20·1.3^(b-1), 20·1.3^b].
    create function insights_bucket(ms double precision) returns int
      language sql immutable parallel safe
      as $$ select case when ms is null then null when ms <= 20 then 0
                        else least(47, ceil(ln(ms / 20) / ln(1.3))::int) end $$;

    create function insights_hist(ms double precision[]) returns int[]
      language sql immutable parallel safe
      as $$ select array_agg((select count(*) from unnest(ms) m where insights_bucket(m) = b)::int order by b)
            from generate_series(0, 47) b $$;

    create function insights_hist_add(a int[], b int[]) returns int[]
      language sql immutable parallel safe
      as $$ select case when a is null then b when b is null then a
                        else array(select x + y from unnest(a, b) t(x, y)) end $$;
    create aggregate insights_hist_sum(int[]) (sfunc = insights_hist_add, stype = int[], combinefunc = insights_hist_add, parallel = safe);

    -- One row per ended job with the keys and measures the rollup sums.
    create view insights_job_fact as
    select
      j.id as job_id,
      j.owner_id,
      (j.created_at at time zone 'UTC')::date as day,
      j.created_at,
      coalesce(j.attempts -> -1 ->> 'provider', j.provider) as provider,
      coalesce(j.attempts -> -1 ->> 'model', j.input ->> 'model', '') as model,
      j.kind as operation,
      j.origin,
      coalesce(j.input ->> 'presetId', '') as preset_id,
      coalesce(j.input -> 'template' ->> 'id', '') as template_id,
      coalesce(j.attempts -> 0 ->> 'provider', j.input ->> 'provider', j.provider) as first_provider,
      case when j.status = 'FAILED' then coalesce(j.error ->> 'code', 'UNKNOWN') else '' end as error_code,
      j.status,
      (select count(*) from image i where i.job_id = j.id)::int as images,
      a.cost_usd,
      a.retries,
      a.fallbacks,
      a.provider_ms,
      extract(epoch from (j.started_at - j.created_at)) * 1000 as queue_ms,
      extract(epoch from (j.finished_at - j.created_at)) * 1000 as total_ms,
      j.batch_id
    from job j
    cross join lateral (
      select
        coalesce(sum((e.a ->> 'costUsd')::numeric), 0) as cost_usd,
        count(*) filter (where e.n > 1 and e.a ->> 'provider' = e.prev)::int as retries,
        count(*) filter (where e.n > 1 and e.a ->> 'provider' <> e.prev)::int as fallbacks,
        sum((e.a ->> 'latencyMs')::double precision) as provider_ms
      from (
        select x.a, x.n, lag(x.a ->> 'provider') over (order by x.n) as prev
        from jsonb_array_elements(j.attempts) with ordinality x(a, n)
      ) e
    ) a
    where j.status in ('SUCCEEDED', 'FAILED', 'CANCELED');

    -- Recomputes the rollup of whole days (all owners, or one) from the raw rows.
    create function insights_refresh(first_day date, last_day date, only_owner uuid default null) returns void
      language plpgsql as $$
      begin
        delete from insights_daily
        where day between first_day and last_day and (only_owner is null or owner_id = only_owner);
        insert into insights_daily
        select owner_id, day, provider, model, operation, origin, preset_id, template_id, first_provider, error_code,
          count(*)::int, sum(images)::int,
          count(*) filter (where status = 'SUCCEEDED')::int,
          count(*) filter (where status = 'FAILED')::int,
          count(*) filter (where status = 'CANCELED')::int,
          sum(cost_usd), sum(retries)::int, sum(fallbacks)::int,
          coalesce(sum(queue_ms), 0), coalesce(sum(provider_ms), 0), coalesce(sum(total_ms), 0),
          insights_hist(array_agg(queue_ms)), insights_hist(array_agg(provider_ms)), insights_hist(array_agg(total_ms))
        from insights_job_fact
        where created_at >= first_day::timestamp at time zone 'UTC'
          and created_at < (last_day + 1)::timestamp at time zone 'UTC'
          and (only_owner is null or owner_id = only_owner)
        group by owner_id, day, provider, model, operation, origin, preset_id, template_id, first_provider, error_code
        -- The cron task and a job's end may refresh the same day at once: the later one wins.
        on conflict (owner_id, day, provider, model, operation, origin, preset_id, template_id, first_provider, error_code)
        do update set jobs = excluded.jobs, images = excluded.images, succeeded = excluded.succeeded, failed = excluded.failed, canceled = excluded.canceled, cost_usd = excluded.cost_usd, retries = excluded.retries, fallbacks = excluded.fallbacks, queue_ms_sum = excluded.queue_ms_sum, provider_ms_sum = excluded.provider_ms_sum, total_ms_sum = excluded.total_ms_sum, queue_hist = excluded.queue_hist, provider_hist = excluded.provider_hist, total_hist = excluded.total_hist;
      end $$;

    create function insights_job_ended() returns trigger
      language plpgsql as $$
      declare d date := (new.created_at at time zone 'UTC')::date;
      begin
        -- Serializes refreshes of one person's day; other people and days go on in parallel.
        perform pg_advisory_xact_lock(hashtext('insights'), hashtext(new.owner_id::text || d::text));
        perform insights_refresh(d, d, new.owner_id);
        return null;
      end $$;

    create constraint trigger insights_job_ended
      after update on job deferrable initially deferred
      for each row when (new.status in ('SUCCEEDED', 'FAILED', 'CANCELED'))
      execute function insights_job_ended();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger insights_job_ended on job;
    drop function insights_job_ended();
    drop function insights_refresh(date, date, uuid);
    drop view insights_job_fact;
    drop aggregate insights_hist_sum(int[]);
    drop function insights_hist_add(int[], int[]);
    drop function insights_hist(double precision[]);
    drop function insights_bucket(double precision);
    drop table insights_daily;
    drop table image_event;
    drop index image_owner_created_all;
    drop index image_created;
    drop index image_job;
    drop index job_created;
    alter table job drop column origin;
  `.execute(db);
}
