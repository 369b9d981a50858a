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
    const { rows } = await sql<{ figures: JobFigures }>`
      with src as materialized (${src})
      select json_build_object(
        'volume', (select coalesce(json_agg(v order by v.day, v.provider, v.operation), '[]') from (
          select day::text as day, provider, operation, sum(jobs)::int as jobs, sum(images)::int as images
          from src group by day, provider, operation) v),
        'speed', (select coalesce(json_agg(s order by s.provider, s.model), '[]') from (
          select provider, model, sum(jobs)::int as jobs, insights_hist_sum(queue_hist) as "queueHist",
            insights_hist_sum(provider_hist) as "providerHist", insights_hist_sum(total_hist) as "totalHist"
          from src group by provider, model) s),
        'speedOverTime', (select coalesce(json_agg(s order by s.day, s.provider), '[]') from (
          select day::text as day, provider, insights_hist_sum(total_hist) as "totalHist"
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
                select u.id as "userId", u.display_name as name, sum(src.cost_usd)::float8 as "costUsd",
                  sum(src.images)::int as images
                from src join app_user u on u.id = src.owner_id group by u.id, u.display_name) p)`
            : sql`'[]'::json`
        },
        'monthUsd', (select coalesce(sum(cost_usd), 0)::float8 from (${month}) m)
      ) as figures
    `.execute(this.db);
    return rows[0]!.figures;
  }

  async imageFigures(window: InsightsWindow): Promise<ImageFigures> {
    const { rows } = await sql<{ figures: ImageFigures }>`
      with img as materialized (
        select i.id, i.job_id, i.provider, i.model, i.prompt, i.template_id, j.input ->> 'presetId' as preset_id,
          j.batch_id, i.deleted_at is not null as trashed,
          i.starred, cardinality(i.tags) > 0 as tagged,
          exists (select 1 from collection_image ci where ci.image_id = i.id) as collected,
          exists (select 1 from image_event e where e.image_id = i.id and e.kind = 'DOWNLOAD') as downloaded,
          exists (select 1 from share_link l where l.image_id = i.id)
            or exists (select 1 from image_event e where e.image_id = i.id and e.kind = 'SHARE_OPEN') as shared,
          exists (select 1 from image c where c.parent_image_id = i.id and c.parent_image_id is not null) as reused
        from image i
        -- A job's images come after it, within a day in practice: bounding the join reads a range, not every job.
        left join job j on j.id = i.job_id and j.created_at >= ${window.from}::timestamptz - interval '1 day'
          and j.created_at < ${window.until}
        where i.created_at >= ${window.from} and i.created_at < ${window.until}
          and i.operation <> 'IMPORT'
          ${window.ownerId === null ? sql`` : sql`and i.owner_id = ${window.ownerId}`}
          ${this.imageFilter(window.filter)}
      ),
      flagged as (
        select img.*, not trashed and (starred or tagged or collected or downloaded or shared or reused) as kept
        from img
      )
      select json_build_object(
        'keep', (select coalesce(json_agg(k order by k.dimension, k.images desc, k.key), '[]') from (
          select case when grouping(provider) = 0 then 'PROVIDER' when grouping(model) = 0 then 'MODEL'
                      when grouping(preset_id) = 0 then 'PRESET' else 'TEMPLATE' end as dimension,
            coalesce(provider, model, preset_id, template_id::text) as key,
            count(*)::int as images, count(*) filter (where starred)::int as starred,
            count(*) filter (where tagged)::int as tagged, count(*) filter (where collected)::int as collected,
            count(*) filter (where downloaded)::int as downloaded, count(*) filter (where shared)::int as shared,
            count(*) filter (where reused)::int as reused, count(*) filter (where trashed)::int as trashed,
            count(*) filter (where kept)::int as kept
          from flagged
          group by grouping sets ((provider), (model), (preset_id), (template_id))
          having coalesce(provider, model, preset_id, template_id::text) is not null) k),
        'topPrompts', (select coalesce(json_agg(p order by p.uses desc, p.prompt), '[]') from (
          select prompt, count(distinct job_id)::int as uses, count(*)::int as images, count(*) filter (where kept)::int as kept
          from flagged group by prompt order by uses desc, prompt limit 10) p),
        'topTemplates', (select coalesce(json_agg(t order by t.uses desc, t.name), '[]') from (
          select f.template_id as id, min(t.name) as name, count(distinct f.job_id)::int as uses,
            count(*)::int as images, count(*) filter (where f.kept)::int as kept
          from flagged f join prompt_template t on t.id = f.template_id
          group by f.template_id order by uses desc, name limit 10) t),
        'topPresets', (select coalesce(json_agg(t order by t.uses desc, t.name), '[]') from (
          select f.preset_id as id, min(p.name) as name, count(distinct f.job_id)::int as uses,
            count(*)::int as images, count(*) filter (where f.kept)::int as kept
          from flagged f join style_preset p on p.id::text = f.preset_id
          group by f.preset_id order by uses desc, name limit 10) t),
        'batches', (select coalesce(json_agg(b order by b."batchId", b.provider), '[]') from (
          select j.batch_id as "batchId", coalesce(j.attempts -> -1 ->> 'provider', j.provider) as provider,
            count(*)::int as jobs,
            percentile_cont(0.5) within group (order by extract(epoch from (j.finished_at - j.created_at)) * 1000) as "totalP50Ms",
            coalesce(sum((select sum((a ->> 'costUsd')::numeric) from jsonb_array_elements(j.attempts) a)), 0)::float8 as "costUsd",
            coalesce(sum(k.images), 0)::int as images, coalesce(sum(k.kept), 0)::int as kept
          from batch b
          join job j on j.batch_id = b.id and j.status in ('SUCCEEDED', 'FAILED', 'CANCELED')
          left join lateral (
            select count(*) as images, count(*) filter (where kept) as kept from flagged f where f.job_id = j.id
          ) k on true
          where b.kind = 'COMPARE' and b.created_at >= ${window.from} and b.created_at < ${window.until}
            ${window.ownerId === null ? sql`` : sql`and b.owner_id = ${window.ownerId}`}
          group by j.batch_id, 2) b)
      ) as figures
    `.execute(this.db);
    return rows[0]!.figures;
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

  /** Recomputes the daily rollup of whole UTC days from the raw rows (the cron task's healing). */
  async refreshDays(firstDay: string, lastDay: string): Promise<void> {
    await sql`select insights_refresh(${firstDay}::date, ${lastDay}::date)`.execute(this.db);
  }

  /** Rows with the daily rollup's columns: the rollup itself, or every matching ended job. */
  private jobSource(window: InsightsWindow): RawBuilder<unknown> {
    const owner = window.ownerId === null ? sql`` : sql`and owner_id = ${window.ownerId}`;
    const filter = this.jobFilter(window.filter);
    if (window.rollup) {
      return sql`
        select * from insights_daily
        where day between (${window.from}::timestamptz at time zone 'UTC')::date
          and (${window.until}::timestamptz at time zone 'UTC')::date ${owner} ${filter}`;
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

  private imageFilter(filter: InsightsFilter): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [];
    if (filter.providers) parts.push(sql`and i.provider = any(${list(filter.providers)})`);
    if (filter.models) parts.push(sql`and i.model = any(${list(filter.models)})`);
    if (filter.operations) parts.push(sql`and i.operation = any(${list(filter.operations)})`);
    if (filter.presetIds) parts.push(sql`and j.input ->> 'presetId' = any(${list(filter.presetIds)})`);
    if (filter.templateIds) parts.push(sql`and i.template_id::text = any(${list(filter.templateIds)})`);
    if (filter.origins) parts.push(sql`and j.origin = any(${list(filter.origins)})`);
    if (filter.collectionId) {
      parts.push(
        sql`and exists (select 1 from collection_image ci where ci.image_id = i.id and ci.collection_id = ${filter.collectionId})`,
      );
    }
    return parts.length === 0 ? sql`` : sql.join(parts, sql` `);
  }
}
