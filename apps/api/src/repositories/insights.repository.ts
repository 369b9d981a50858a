import type { InsightsFilter } from '@atelier/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database';

/** Which rows an Insights query reads: one person's (ownerId) or everyone's (null), and when. */
export interface InsightsWindow {
  ownerId: string | null;
  from: Date;
  until: Date;
  filter: InsightsFilter;
  /**
   * Read the daily rollup (whole UTC days from `from`'s to `until`'s) rather than every job; the
   * service asks for it on long ranges without a collection filter.
   */
  rollup: boolean;
}

/** Summed histograms of one group: 48 buckets, see the insights migration. */
export interface Histograms {
  queueHist: number[] | null;
  providerHist: number[] | null;
  totalHist: number[] | null;
}

export interface JobFigures {
  volume: { day: string; provider: string; operation: string; jobs: number; images: number }[];
  speed: ({ provider: string; model: string; jobs: number } & Histograms)[];
  speedOverTime: { day: string; provider: string; totalHist: number[] | null }[];
  reliability: {
    provider: string;
    model: string;
    jobs: number;
    succeeded: number;
    failed: number;
    canceled: number;
    retries: number;
    fallbacks: number;
  }[];
  failures: { code: string; count: number }[];
  fallbackFinishers: { firstProvider: string; finishedBy: string; jobs: number }[];
  cost: { day: string; provider: string; model: string; costUsd: number; images: number }[];
  totals: { costUsd: number; images: number };
  /** Spend from the start of the month until now, with the same filters. */
  monthUsd: number;
  costByPerson: { userId: string; name: string; costUsd: number; images: number }[];
}

export interface KeepCountsRow {
  images: number;
  starred: number;
  tagged: number;
  collected: number;
  downloaded: number;
  shared: number;
  reused: number;
  trashed: number;
  kept: number;
}

export interface ImageFigures {
  keep: (KeepCountsRow & { dimension: string; key: string; label: string })[];
  topPrompts: { prompt: string; uses: number; images: number; kept: number }[];
  topTemplates: { id: string; name: string; uses: number; images: number; kept: number }[];
  topPresets: { id: string; name: string; uses: number; images: number; kept: number }[];
  batches: {
    batchId: string;
    provider: string;
    jobs: number;
    totalP50Ms: number | null;
    costUsd: number;
    images: number;
    kept: number;
  }[];
}

const list = (values: readonly string[]) => sql`${sql.val(values)}::text[]`;

/** Buckets of each speed histogram (see the insights migration). */
const BUCKETS = 48;

/**
 * The bucket-wise sum of a histogram column over a group, as one int[]: 48 native `sum`s of
 * subscripts, several times faster than a SQL-function aggregate over the arrays.
 */
const histSum = (column: string) =>
  sql.raw(
    `array[${Array.from({ length: BUCKETS }, (_, b) => `sum(${column}[${b + 1}])`).join(', ')}]::int[]`,
  );

/** Every Insights figure, in SQL: job figures from the daily rollup (or raw), image figures raw. */
export class InsightsRepository {
  constructor(private readonly db: Database) {}

  async jobFigures(window: InsightsWindow, monthStart: Date): Promise<JobFigures> {
    const src = this.jobSource(window);
    const month = this.jobSource({
      ...window,
      from: monthStart,
      until: new Date(Math.max(window.until.getTime(), Date.now())),
      rollup: !window.filter.collectionId,
    });
    const rows = await this.withoutJit(sql<{ figures: JobFigures }>`
      with src as materialized (${src})
      select json_build_object(
        'volume', (select coalesce(json_agg(v order by v.day, v.provider, v.operation), '[]') from (
          select day::text as day, provider, operation, sum(jobs)::int as jobs, sum(images)::int as images
          from src group by day, provider, operation) v),
        'speed', (select coalesce(json_agg(s order by s.provider, s.model), '[]') from (
          select provider, model, sum(jobs)::int as jobs, ${histSum('queue_hist')} as "queueHist",
            ${histSum('provider_hist')} as "providerHist", ${histSum('total_hist')} as "totalHist"
          from src group by provider, model) s),
        'speedOverTime', (select coalesce(json_agg(s order by s.day, s.provider), '[]') from (
          select day::text as day, provider, ${histSum('total_hist')} as "totalHist"
          from src group by day, provider) s),
        'reliability', (select coalesce(json_agg(r order by r.provider, r.model), '[]') from (
          select provider, model, sum(jobs)::int as jobs, sum(succeeded)::int as succeeded,
            sum(failed)::int as failed, sum(canceled)::int as canceled, sum(retries)::int as retries,
            sum(fallbacks)::int as fallbacks
          from src group by provider, model) r),
        'failures', (select coalesce(json_agg(f order by f.count desc, f.code), '[]') from (
          select error_code as code, sum(failed)::int as count
          from src where error_code <> '' group by error_code) f),
        'fallbackFinishers', (select coalesce(json_agg(f order by f.jobs desc, f."firstProvider", f."finishedBy"), '[]') from (
          select first_provider as "firstProvider", provider as "finishedBy", sum(succeeded)::int as jobs
          from src where first_provider <> provider and succeeded > 0 group by first_provider, provider) f),
        'cost', (select coalesce(json_agg(c order by c.day, c.provider, c.model), '[]') from (
          select day::text as day, provider, model, sum(cost_usd)::float8 as "costUsd", sum(images)::int as images
          from src group by day, provider, model) c),
        'totals', (select json_build_object('costUsd', coalesce(sum(cost_usd), 0)::float8, 'images', coalesce(sum(images), 0)::int) from src),
        'costByPerson', ${
          window.ownerId === null
            ? sql`(select coalesce(json_agg(p order by p."costUsd" desc, p.name), '[]') from (
                select u.id as "userId", u.display_name as name, p.cost_usd::float8 as "costUsd", p.images::int as images
                from (${this.perPerson(window)}) p join app_user u on u.id = p.owner_id) p)`
            : sql`'[]'::json`
        },
        'monthUsd', (select coalesce(sum(cost_usd), 0)::float8 from (${month}) m)
      ) as figures
    `);
    return rows[0]!.figures;
  }

  /**
   * Keep rate, top lists and compare batches. Over the rollup: the keep rollup of clean (person,
   * day) pairs plus the raw images of dirty ones (see the insights-keep migration); otherwise the
   * raw images of the range.
   */
  async imageFigures(window: InsightsWindow): Promise<ImageFigures> {
    const owner = (alias: string) =>
      window.ownerId === null ? sql`` : sql`and ${sql.ref(`${alias}.owner_id`)} = ${window.ownerId}`;
    const filter = (alias: string) => this.imageFilter(window.filter, alias);
    const counts = sql`count(distinct job_id)::int as jobs, count(*)::int as images,
      count(*) filter (where starred)::int as starred, count(*) filter (where tagged)::int as tagged,
      count(*) filter (where collected)::int as collected, count(*) filter (where downloaded)::int as downloaded,
      count(*) filter (where shared)::int as shared, count(*) filter (where reused)::int as reused,
      count(*) filter (where trashed)::int as trashed, count(*) filter (where kept)::int as kept`;
    const dims = sql`provider, model, preset_id, template_id`;
    const fromRollup = (table: string, columns: RawBuilder<unknown>) =>
      window.ownerId === null
        ? sql`select ${columns} from ${sql.table(table)} k where ${this.days(window, 'k')} ${filter('k')}`
        : sql`
          select ${columns} from ${sql.table(table)} k
          where ${this.days(window, 'k')} ${owner('k')} ${filter('k')}
            and not exists (select 1 from dirty d where d.owner_id = k.owner_id and d.day = k.day)`;
    const keepColumns = sql`${dims}, jobs, images, starred, tagged, collected, downloaded, shared, reused, trashed, kept`;
    const with_ = window.rollup
      ? sql`
        dirty as materialized (
          select distinct owner_id, day from insights_keep_dirty k where ${this.days(window, 'k')} ${owner('k')}
            -- The whole instance reads the rollup as the task left it: up to 10 minutes behind.
            ${window.ownerId === null ? sql`and false` : sql``}
        ),
        fresh as materialized (
          select f.* from insights_image_facts(insights_images_of(
            (select array_agg(owner_id) from dirty), (select array_agg(day) from dirty))) f
          where true ${filter('f')}
        ),
        keep_rows as (
          ${fromRollup(window.ownerId === null ? 'insights_keep_daily_all' : 'insights_keep_daily', keepColumns)}
          union all
          select ${dims}, ${counts} from fresh group by ${dims}
        ),
        prompt_rows as not materialized (
          ${fromRollup('insights_prompt_daily', sql`prompt_hash, prompt, jobs, images, kept`)}
          union all
          select hashtextextended(prompt, 0), prompt, count(distinct job_id)::int, count(*)::int,
            count(*) filter (where kept)::int
          from fresh group by prompt
        )`
      : sql`
        fresh as materialized (
          select f.* from insights_image_facts(array(
            select i.id from image i
            where i.created_at >= ${window.from} and i.created_at < ${window.until} ${owner('i')} ${this.collection(window.filter, 'i.id')}
          )) f
          where true ${filter('f')}
        ),
        keep_rows as (select ${dims}, ${counts} from fresh group by ${dims}),
        prompt_rows as (
          select hashtextextended(prompt, 0) as prompt_hash, prompt, count(distinct job_id)::int as jobs,
            count(*)::int as images, count(*) filter (where kept)::int as kept
          from fresh group by prompt
        )`;
    const rows = await this.withoutJit(sql<{ figures: ImageFigures }>`
      with ${with_}
      select json_build_object(
        'keep', (select coalesce(json_agg(k order by k.dimension, k.images desc, k.key), '[]') from (
          select case when grouping(provider) = 0 then 'PROVIDER' when grouping(model) = 0 then 'MODEL'
                      when grouping(preset_id) = 0 then 'PRESET' else 'TEMPLATE' end as dimension,
            coalesce(provider, model, preset_id, template_id) as key,
            sum(images)::int as images, sum(starred)::int as starred, sum(tagged)::int as tagged,
            sum(collected)::int as collected, sum(downloaded)::int as downloaded, sum(shared)::int as shared,
            sum(reused)::int as reused, sum(trashed)::int as trashed, sum(kept)::int as kept
          from keep_rows
          group by grouping sets ((provider), (model), (preset_id), (template_id))
          having coalesce(provider, model, preset_id, template_id) is not null) k),
        'topPrompts', (select coalesce(json_agg(p order by p.uses desc, p.prompt), '[]') from (
          -- Grouped by the prompt's hash (a bigint: far cheaper than the text); the text of the ten.
          select (select r.prompt from prompt_rows r where r.prompt_hash = t.prompt_hash limit 1) as prompt,
            t.uses, t.images, t.kept
          from (
            select prompt_hash, sum(jobs)::int as uses, sum(images)::int as images, sum(kept)::int as kept
            from prompt_rows group by prompt_hash order by uses desc, images desc, prompt_hash limit 10
          ) t) p),
        'topTemplates', (select coalesce(json_agg(t order by t.uses desc, t.name), '[]') from (
          select k.template_id as id, min(t.name) as name, sum(k.jobs)::int as uses,
            sum(k.images)::int as images, sum(k.kept)::int as kept
          from keep_rows k join prompt_template t on t.id::text = k.template_id
          group by k.template_id order by uses desc, name limit 10) t),
        'topPresets', (select coalesce(json_agg(t order by t.uses desc, t.name), '[]') from (
          select k.preset_id as id, min(p.name) as name, sum(k.jobs)::int as uses,
            sum(k.images)::int as images, sum(k.kept)::int as kept
          from keep_rows k join style_preset p on p.id::text = k.preset_id
          group by k.preset_id order by uses desc, name limit 10) t),
        'batches', (${this.compareBatches(window)})
      ) as figures
    `);
    return rows[0]!.figures;
  }

  /** Compare batches made in the window, per provider that finished their jobs (few rows: raw). */
  private compareBatches(window: InsightsWindow): RawBuilder<unknown> {
    return sql`select coalesce(json_agg(b order by b."batchId", b.provider), '[]') from (
      select j.batch_id as "batchId", coalesce(j.attempts -> -1 ->> 'provider', j.provider) as provider,
        count(*)::int as jobs,
        percentile_cont(0.5) within group (order by extract(epoch from (j.finished_at - j.created_at)) * 1000) as "totalP50Ms",
        coalesce(sum((select sum((a ->> 'costUsd')::numeric) from jsonb_array_elements(j.attempts) a)), 0)::float8 as "costUsd",
        coalesce(sum(k.images), 0)::int as images, coalesce(sum(k.kept), 0)::int as kept
      from batch b
      join job j on j.batch_id = b.id and j.status in ('SUCCEEDED', 'FAILED', 'CANCELED')
      cross join lateral (
        select count(*) as images, count(*) filter (where f.kept) as kept
        from insights_image_facts(array(select i.id from image i where i.job_id = j.id)) f
        where true ${this.imageFilter(window.filter, 'f')}
      ) k
      where b.kind = 'COMPARE' and b.created_at >= ${window.from} and b.created_at < ${window.until}
        ${window.ownerId === null ? sql`` : sql`and b.owner_id = ${window.ownerId}`}
      group by j.batch_id, 2) b`;
  }

  /**
   * Runs an Insights query with PostgreSQL's JIT off: the planner's estimate of the compare-batch
   * join (batch_id is null on almost every job) is in the millions, which triggers JIT compiling of
   * the whole statement (1–6 s at the benchmark's scale) for a query that runs in milliseconds.
   */
  private async withoutJit<T>(query: RawBuilder<T>): Promise<T[]> {
    return this.db.transaction().execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      return (await query.execute(trx)).rows;
    });
  }

  /** Labels of the preset and template keys of keep-rate rows (only the ones asked for). */
  async names(presetIds: readonly string[], templateIds: readonly string[]) {
    const { rows } = await sql<{ kind: string; id: string; name: string }>`
      select 'PRESET' as kind, id::text as id, name from style_preset where id::text = any(${list(presetIds)})
      union all
      select 'TEMPLATE', id::text, name from prompt_template where id::text = any(${list(templateIds)})
    `.execute(this.db);
    return rows;
  }

  /**
   * Recomputes the daily rollups of whole UTC days from the raw rows (the cron task's repair of
   * late edits), one day per transaction: job ends of that day wait for it, others go on.
   */
  async refreshDays(firstDay: string, lastDay: string): Promise<void> {
    for (let day = new Date(`${firstDay}T00:00:00Z`); day <= new Date(`${lastDay}T00:00:00Z`);) {
      await sql`select insights_refresh(${day.toISOString().slice(0, 10)}::date, ${day.toISOString().slice(0, 10)}::date)`.execute(
        this.db,
      );
      day = new Date(day.getTime() + 86_400_000);
    }
  }

  /**
   * Rolls up the keep signals of up to `maxPairs` (person, day) pairs something changed in since
   * their last roll-up; how many it did (0: none left).
   */
  async refreshKeep(maxPairs: number): Promise<number> {
    const { rows } = await sql<{ done: number }>`select insights_keep_refresh(${maxPairs}) as done`.execute(
      this.db,
    );
    return rows[0]!.done;
  }

  /**
   * Rows with the daily rollup's columns: the rollup itself (one person's rows, or for the whole
   * instance the rollup without people), or every matching ended job.
   */
  private jobSource(window: InsightsWindow): RawBuilder<unknown> {
    const owner = window.ownerId === null ? sql`` : sql`and owner_id = ${window.ownerId}`;
    const filter = this.jobFilter(window.filter);
    if (window.rollup) {
      return sql`
        select * from ${window.ownerId === null ? sql`insights_daily_all` : sql`insights_daily`}
        where ${this.days(window)} ${owner} ${filter}`;
    }
    const collection = window.filter.collectionId
      ? sql`and job_id in (select i.job_id from collection_image ci join image i on i.id = ci.image_id
                           where ci.collection_id = ${window.filter.collectionId} and i.job_id is not null)`
      : sql``;
    return sql`
      select owner_id, day, provider, model, operation, origin, preset_id, template_id, first_provider, error_code,
        1 as jobs, images, (status = 'SUCCEEDED')::int as succeeded, (status = 'FAILED')::int as failed,
        (status = 'CANCELED')::int as canceled, cost_usd, retries, fallbacks,
        insights_hist(array[queue_ms]) as queue_hist, insights_hist(array[provider_ms]) as provider_hist,
        insights_hist(array[total_ms]) as total_hist
      from insights_job_fact
      where created_at >= ${window.from} and created_at < ${window.until} ${owner} ${filter} ${collection}`;
  }

  /**
   * Spend and images per person (the admin's view): from the people's rollup, or from `src` (the
   * raw rows of the query it is part of).
   */
  private perPerson(window: InsightsWindow): RawBuilder<unknown> {
    const rows = window.rollup
      ? sql`(select * from insights_daily where ${this.days(window)} ${this.jobFilter(window.filter)})`
      : sql`src`;
    return sql`select owner_id, sum(cost_usd) as cost_usd, sum(images) as images from ${rows} r group by owner_id`;
  }

  /** The whole UTC days a rollup read covers. */
  private days(window: InsightsWindow, alias?: string): RawBuilder<unknown> {
    return sql`${alias ? sql.ref(`${alias}.day`) : sql.ref('day')} between (${window.from}::timestamptz at time zone 'UTC')::date
      and (${window.until}::timestamptz at time zone 'UTC')::date`;
  }

  private jobFilter(filter: InsightsFilter): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [];
    if (filter.providers) parts.push(sql`and provider = any(${list(filter.providers)})`);
    if (filter.models) parts.push(sql`and model = any(${list(filter.models)})`);
    if (filter.operations) parts.push(sql`and operation = any(${list(filter.operations)})`);
    if (filter.presetIds) parts.push(sql`and preset_id = any(${list(filter.presetIds)})`);
    if (filter.templateIds) parts.push(sql`and template_id = any(${list(filter.templateIds)})`);
    if (filter.origins) parts.push(sql`and origin = any(${list(filter.origins)})`);
    return parts.length === 0 ? sql`` : sql.join(parts, sql` `);
  }

  /** Filters on the columns the image facts and the keep rollups share (`alias`.provider, …). */
  private imageFilter(filter: InsightsFilter, alias: string): RawBuilder<unknown> {
    const col = (name: string) => sql.ref(`${alias}.${name}`);
    const parts: RawBuilder<unknown>[] = [];
    if (filter.providers) parts.push(sql`and ${col('provider')} = any(${list(filter.providers)})`);
    if (filter.models) parts.push(sql`and ${col('model')} = any(${list(filter.models)})`);
    if (filter.operations) parts.push(sql`and ${col('operation')} = any(${list(filter.operations)})`);
    if (filter.presetIds) parts.push(sql`and ${col('preset_id')} = any(${list(filter.presetIds)})`);
    if (filter.templateIds) parts.push(sql`and ${col('template_id')} = any(${list(filter.templateIds)})`);
    if (filter.origins) parts.push(sql`and ${col('origin')} = any(${list(filter.origins)})`);
    parts.push(this.collection(filter, `${alias}.image_id`));
    return sql.join(parts, sql` `);
  }

  /** The collection filter on an image id column (nothing without one). */
  private collection(filter: InsightsFilter, imageId: string): RawBuilder<unknown> {
    if (!filter.collectionId) return sql``;
    return sql`and exists (select 1 from collection_image ci where ci.image_id = ${sql.ref(imageId)}
      and ci.collection_id = ${filter.collectionId})`;
  }
}
