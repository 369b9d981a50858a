import { type Kysely, sql } from 'kysely';

const KEYS = 'day, provider, model, operation, origin, preset_id, template_id, first_provider, error_code';

/** `column = <table>.column + excluded.column` for each summed measure: adds one job's part. */
const adding = (table: string) =>
  [
    ...[
      'jobs',
      'images',
      'succeeded',
      'failed',
      'canceled',
      'cost_usd',
      'retries',
      'fallbacks',
      'queue_ms_sum',
      'provider_ms_sum',
      'total_ms_sum',
    ].map((c) => `${c} = ${table}.${c} + excluded.${c}`),
    ...['queue_hist', 'provider_hist', 'total_hist'].map(
      (c) => `${c} = insights_hist_add(${table}.${c}, excluded.${c})`,
    ),
  ].join(', ');

/**
 * Insights, faster and incremental:
 * - a job's end adds its own part to its day's rollup row (counts, cost, one histogram bucket per
 *   measure) instead of recomputing the person's whole day;
 * - `insights_daily_all`, the same rollup without the person, so the admin's whole-instance view
 *   reads a few thousand rows rather than every person's;
 * - the recompute (the cron task's repair of late edits) holds the day's lock: job ends of that
 *   day wait for it, so a job is counted by the recompute or added after it, never both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table insights_daily_all (
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
      primary key (${sql.raw(KEYS)})
    );
    insert into insights_daily_all
    select ${sql.raw(KEYS)}, sum(jobs), sum(images), sum(succeeded), sum(failed), sum(canceled), sum(cost_usd),
      sum(retries), sum(fallbacks), sum(queue_ms_sum), sum(provider_ms_sum), sum(total_ms_sum),
      insights_hist_sum(queue_hist), insights_hist_sum(provider_hist), insights_hist_sum(total_hist)
    from insights_daily group by ${sql.raw(KEYS)};

    -- The lock of one UTC day's rollup rows: shared by job ends, exclusive for a recompute.
    create function insights_day_lock_key(d date) returns int
      language sql immutable parallel safe as $$ select d - date '2000-01-01' $$;

    drop function insights_refresh(date, date, uuid);
    -- Recomputes whole days of both rollups from the raw rows. Call it for one day per transaction
    -- (the cron task does): it holds each day's lock until the transaction ends.
    create function insights_refresh(first_day date, last_day date) returns void
      language plpgsql as $$
      declare d date;
      begin
        for d in select g::date from generate_series(first_day, last_day, interval '1 day') g loop
          perform pg_advisory_xact_lock(hashtext('insights_daily'), insights_day_lock_key(d));
        end loop;
        delete from insights_daily where day between first_day and last_day;
        insert into insights_daily
        select owner_id, ${sql.raw(KEYS)},
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
        group by owner_id, ${sql.raw(KEYS)};
        delete from insights_daily_all where day between first_day and last_day;
        insert into insights_daily_all
        select ${sql.raw(KEYS)}, sum(jobs), sum(images), sum(succeeded), sum(failed), sum(canceled), sum(cost_usd),
          sum(retries), sum(fallbacks), sum(queue_ms_sum), sum(provider_ms_sum), sum(total_ms_sum),
          insights_hist_sum(queue_hist), insights_hist_sum(provider_hist), insights_hist_sum(total_hist)
        from insights_daily where day between first_day and last_day
        group by ${sql.raw(KEYS)};
      end $$;

    -- Adds one ended job to its day's row of both rollups: O(1), whatever the day holds already.
    create or replace function insights_job_ended() returns trigger
      language plpgsql as $$
      begin
        perform pg_advisory_xact_lock_shared(hashtext('insights_daily'),
          insights_day_lock_key((new.created_at at time zone 'UTC')::date));
        with one as (
          select owner_id, ${sql.raw(KEYS)}, 1 as jobs, images, (status = 'SUCCEEDED')::int as succeeded,
            (status = 'FAILED')::int as failed, (status = 'CANCELED')::int as canceled, cost_usd, retries, fallbacks,
            coalesce(queue_ms, 0) as queue_ms_sum, coalesce(provider_ms, 0) as provider_ms_sum,
            coalesce(total_ms, 0) as total_ms_sum, insights_hist(array[queue_ms]) as queue_hist,
            insights_hist(array[provider_ms]) as provider_hist, insights_hist(array[total_ms]) as total_hist
          from insights_job_fact where job_id = new.id
        ), person as (
          insert into insights_daily select * from one
          on conflict (owner_id, ${sql.raw(KEYS)}) do update set ${sql.raw(adding('insights_daily'))}
        )
        insert into insights_daily_all
        select ${sql.raw(KEYS)}, jobs, images, succeeded, failed, canceled, cost_usd, retries, fallbacks,
          queue_ms_sum, provider_ms_sum, total_ms_sum, queue_hist, provider_hist, total_hist
        from one
        on conflict (${sql.raw(KEYS)}) do update set ${sql.raw(adding('insights_daily_all'))};
        return null;
      end $$;

    -- Only the update that ends a job adds it (an ended job's later updates must not count it again).
    drop trigger insights_job_ended on job;
    create constraint trigger insights_job_ended
      after update of status on job deferrable initially deferred
      for each row when (old.status not in ('SUCCEEDED', 'FAILED', 'CANCELED')
                         and new.status in ('SUCCEEDED', 'FAILED', 'CANCELED'))
      execute function insights_job_ended();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger insights_job_ended on job;
    drop function insights_refresh(date, date);
    drop table insights_daily_all;
    drop function insights_day_lock_key(date);
    create function insights_refresh(first_day date, last_day date, only_owner uuid default null) returns void
      language plpgsql as $$
      begin
        delete from insights_daily
        where day between first_day and last_day and (only_owner is null or owner_id = only_owner);
        insert into insights_daily
        select owner_id, ${sql.raw(KEYS)},
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
        group by owner_id, ${sql.raw(KEYS)}
        on conflict (owner_id, ${sql.raw(KEYS)})
        do update set jobs = excluded.jobs, images = excluded.images, succeeded = excluded.succeeded, failed = excluded.failed, canceled = excluded.canceled, cost_usd = excluded.cost_usd, retries = excluded.retries, fallbacks = excluded.fallbacks, queue_ms_sum = excluded.queue_ms_sum, provider_ms_sum = excluded.provider_ms_sum, total_ms_sum = excluded.total_ms_sum, queue_hist = excluded.queue_hist, provider_hist = excluded.provider_hist, total_hist = excluded.total_hist;
      end $$;
    create or replace function insights_job_ended() returns trigger
      language plpgsql as $$
      declare d date := (new.created_at at time zone 'UTC')::date;
      begin
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
