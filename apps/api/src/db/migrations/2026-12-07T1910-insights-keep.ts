import { type Kysely, sql } from 'kysely';

const DIMS = 'provider, model, operation, origin, preset_id, template_id';

/** Marks the (owner, UTC day) of each image of `rows` (a query with image ids as `id`) for recompute. */
const markImages = (rows: string) => `
  insert into insights_keep_dirty (owner_id, day)
  select distinct i.owner_id, (i.created_at at time zone 'UTC')::date
  from image i where i.id in (${rows})
    -- Rows going away with their person mark nothing.
    and exists (select 1 from app_user u where u.id = i.owner_id)
`;

/**
 * Insights' keep rate, rolled up: an image's keep signals (star, tags, collections, downloads,
 * share links and their opens, re-use, trash) change any time after it is made, so the rollup is
 * kept by person and UTC day of the image and recomputed where something changed:
 * - statement triggers on image, collection_image, image_event and share_link mark the (person,
 *   day) of each image touched as dirty (an insert per statement and pair, no lock);
 * - Insights reads the rollup for clean pairs and the raw images of dirty ones (today, mostly);
 * - the insights-rollup task recomputes dirty pairs and clears them.
 * insights_prompt_daily is the same by prompt, for the top prompts; insights_keep_daily_all the
 * same without the person, for the admin's whole instance, which reads the rollups as the task
 * left them (up to 10 minutes behind).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per change (not per pair): marking takes no lock, so changes never wait on each other.
    create table insights_keep_dirty (
      owner_id uuid not null references app_user (id) on delete cascade,
      day date not null
    );
    create index insights_keep_dirty_pair on insights_keep_dirty (owner_id, day);

    -- The images of ids that Insights counts (imports are not made here), each with its keep
    -- signals. Each signal is one index lookup of all the ids at once, whether 40 ids or 40,000.
    create function insights_image_facts(ids uuid[]) returns table (
      image_id uuid, owner_id uuid, day date, created_at timestamptz, job_id uuid, provider text, model text,
      operation text, origin text, preset_id text, template_id text, prompt text, batch_id uuid,
      trashed boolean, starred boolean, tagged boolean, collected boolean, downloaded boolean, shared boolean,
      reused boolean, kept boolean
    ) language sql stable as $$
      with collected as (select distinct ci.image_id from collection_image ci where ci.image_id = any(ids)),
      downloaded as (
        select distinct e.image_id from image_event e where e.kind = 'DOWNLOAD' and e.image_id = any(ids)
      ),
      shared as (
        select l.image_id from share_link l where l.image_id = any(ids)
        union select e.image_id from image_event e where e.kind = 'SHARE_OPEN' and e.image_id = any(ids)
      ),
      reused as (select distinct c.parent_image_id as image_id from image c where c.parent_image_id = any(ids))
      select i.id, i.owner_id, (i.created_at at time zone 'UTC')::date, i.created_at, i.job_id, i.provider, i.model,
        i.operation, j.origin, j.input ->> 'presetId', i.template_id::text, i.prompt, j.batch_id,
        i.deleted_at is not null, i.starred, cardinality(i.tags) > 0, s.collected, s.downloaded, s.shared, s.reused,
        i.deleted_at is null and (i.starred or cardinality(i.tags) > 0 or s.collected or s.downloaded or s.shared or s.reused)
      from image i
      left join job j on j.id = i.job_id
      cross join lateral (
        select i.id in (select image_id from collected) as collected,
          i.id in (select image_id from downloaded) as downloaded,
          i.id in (select image_id from shared) as shared,
          i.id in (select image_id from reused) as reused
      ) s
      where i.id = any(ids) and i.operation <> 'IMPORT'
    $$;

    -- Ids of the images of (person, day) pairs.
    create function insights_images_of(owners uuid[], days date[]) returns uuid[]
      language sql stable as $$
        select coalesce(array_agg(i.id), '{}') from unnest(owners, days) p(owner_id, day)
        join image i on i.owner_id = p.owner_id and i.created_at >= p.day::timestamp at time zone 'UTC'
          and i.created_at < (p.day + 1)::timestamp at time zone 'UTC'
      $$;

    create table insights_keep_daily (
      owner_id uuid not null references app_user (id) on delete cascade,
      day date not null,
      provider text not null,
      model text not null,
      operation text not null,
      origin text,
      preset_id text,
      template_id text,
      jobs int not null,
      images int not null,
      starred int not null,
      tagged int not null,
      collected int not null,
      downloaded int not null,
      shared int not null,
      reused int not null,
      trashed int not null,
      kept int not null
    );
    create index insights_keep_daily_owner_day on insights_keep_daily (owner_id, day);
    create index insights_keep_daily_day on insights_keep_daily (day);

    -- The same without the person, for the admin's whole instance (a few thousand rows a month).
    create table insights_keep_daily_all (
      day date not null,
      provider text not null,
      model text not null,
      operation text not null,
      origin text,
      preset_id text,
      template_id text,
      jobs int not null,
      images int not null,
      starred int not null,
      tagged int not null,
      collected int not null,
      downloaded int not null,
      shared int not null,
      reused int not null,
      trashed int not null,
      kept int not null
    );
    create index insights_keep_daily_all_day on insights_keep_daily_all (day);

    create table insights_prompt_daily (
      owner_id uuid not null references app_user (id) on delete cascade,
      day date not null,
      provider text not null,
      model text not null,
      operation text not null,
      origin text,
      preset_id text,
      template_id text,
      prompt_hash bigint not null,
      prompt text not null,
      jobs int not null,
      images int not null,
      kept int not null
    );
    create index insights_prompt_daily_owner_day on insights_prompt_daily (owner_id, day);
    create index insights_prompt_daily_day on insights_prompt_daily (day);
    create index insights_prompt_daily_hash on insights_prompt_daily (prompt_hash);

    -- Recomputes up to max_pairs dirty (person, day) pairs, newest first; how many it did.
    create function insights_keep_refresh(max_pairs int) returns int
      language plpgsql as $$
      declare owners uuid[]; days date[];
      begin
        -- One recompute at a time (two would both insert a pair's rows).
        perform pg_advisory_xact_lock(hashtext('insights_keep_refresh'));
        select coalesce(array_agg(owner_id), '{}'), coalesce(array_agg(day), '{}') into owners, days
        from (select distinct owner_id, day from insights_keep_dirty order by day desc, owner_id limit max_pairs) p;
        if cardinality(owners) = 0 then return 0; end if;
        -- Marks committed by now are of changes the statements below see; later ones stay.
        delete from insights_keep_dirty d using unnest(owners, days) p(owner_id, day)
        where d.owner_id = p.owner_id and d.day = p.day;
        delete from insights_keep_daily k using unnest(owners, days) p(owner_id, day)
        where k.owner_id = p.owner_id and k.day = p.day;
        delete from insights_prompt_daily k using unnest(owners, days) p(owner_id, day)
        where k.owner_id = p.owner_id and k.day = p.day;
        create temporary table insights_keep_fresh on commit drop as
        select * from insights_image_facts(insights_images_of(owners, days));
        insert into insights_keep_daily
        select owner_id, day, ${sql.raw(DIMS)}, count(distinct job_id), count(*),
          count(*) filter (where starred), count(*) filter (where tagged), count(*) filter (where collected),
          count(*) filter (where downloaded), count(*) filter (where shared), count(*) filter (where reused),
          count(*) filter (where trashed), count(*) filter (where kept)
        from insights_keep_fresh group by owner_id, day, ${sql.raw(DIMS)};
        insert into insights_prompt_daily
        select owner_id, day, ${sql.raw(DIMS)}, hashtextextended(prompt, 0), prompt, count(distinct job_id),
          count(*), count(*) filter (where kept)
        from insights_keep_fresh group by owner_id, day, ${sql.raw(DIMS)}, prompt;
        drop table insights_keep_fresh;
        delete from insights_keep_daily_all where day = any(days);
        insert into insights_keep_daily_all
        select day, ${sql.raw(DIMS)}, sum(jobs), sum(images), sum(starred), sum(tagged), sum(collected),
          sum(downloaded), sum(shared), sum(reused), sum(trashed), sum(kept)
        from insights_keep_daily where day = any(days)
        group by day, ${sql.raw(DIMS)};
        return cardinality(owners);
      end $$;

    create function insights_keep_image_added() returns trigger language plpgsql as $$
      begin
        ${sql.raw(markImages('select id from added union all select parent_image_id from added'))};
        return null;
      end $$;
    create trigger insights_keep_image_added after insert on image
      referencing new table as added for each statement execute function insights_keep_image_added();

    -- Only changes Insights counts mark anything (thumbnails, search text and the like do not).
    create function insights_keep_image_changed() returns trigger language plpgsql as $$
      begin
        insert into insights_keep_dirty (owner_id, day)
        select distinct pairs.owner_id, pairs.day from (
          select o.owner_id, (o.created_at at time zone 'UTC')::date as day, o.parent_image_id as old_parent,
            n.parent_image_id as new_parent, n.owner_id as new_owner, (n.created_at at time zone 'UTC')::date as new_day
          from before o join after n on n.id = o.id
          where (o.starred, o.tags, o.deleted_at, o.parent_image_id, o.job_id, o.created_at, o.owner_id, o.provider,
                 o.model, o.operation, o.prompt, o.template_id)
            is distinct from (n.starred, n.tags, n.deleted_at, n.parent_image_id, n.job_id, n.created_at, n.owner_id,
                 n.provider, n.model, n.operation, n.prompt, n.template_id)
        ) c cross join lateral (
          select c.owner_id, c.day union all select c.new_owner, c.new_day
          union all select p.owner_id, (p.created_at at time zone 'UTC')::date from image p
            where p.id in (c.old_parent, c.new_parent) and c.old_parent is distinct from c.new_parent
        ) pairs(owner_id, day);
        return null;
      end $$;
    create trigger insights_keep_image_changed after update on image
      referencing old table as before new table as after for each statement execute function insights_keep_image_changed();

    create function insights_keep_image_removed() returns trigger language plpgsql as $$
      begin
        insert into insights_keep_dirty (owner_id, day)
        select distinct owner_id, day from (
          select owner_id, (created_at at time zone 'UTC')::date from removed
          union all
          select p.owner_id, (p.created_at at time zone 'UTC')::date from removed r join image p on p.id = r.parent_image_id
        ) pairs(owner_id, day)
        -- The person may be going away with their images.
        where exists (select 1 from app_user u where u.id = pairs.owner_id);
        return null;
      end $$;
    create trigger insights_keep_image_removed after delete on image
      referencing old table as removed for each statement execute function insights_keep_image_removed();

    -- Collections, events and share links: the images they name.
    create function insights_keep_signal_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${sql.raw(markImages('select image_id from changed'))};
        else
          ${sql.raw(markImages('select image_id from gone'))};
        end if;
        return null;
      end $$;
    create trigger insights_keep_collected after insert on collection_image
      referencing new table as changed for each statement execute function insights_keep_signal_changed();
    create trigger insights_keep_uncollected after delete on collection_image
      referencing old table as gone for each statement execute function insights_keep_signal_changed();
    create trigger insights_keep_event after insert on image_event
      referencing new table as changed for each statement execute function insights_keep_signal_changed();
    create trigger insights_keep_shared after insert on share_link
      referencing new table as changed for each statement execute function insights_keep_signal_changed();
    create trigger insights_keep_unshared after delete on share_link
      referencing old table as gone for each statement execute function insights_keep_signal_changed();

    -- Every existing (person, day) starts dirty: read raw until the task has rolled it up.
    insert into insights_keep_dirty (owner_id, day)
    select distinct owner_id, (created_at at time zone 'UTC')::date from image;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger insights_keep_unshared on share_link;
    drop trigger insights_keep_shared on share_link;
    drop trigger insights_keep_event on image_event;
    drop trigger insights_keep_uncollected on collection_image;
    drop trigger insights_keep_collected on collection_image;
    drop function insights_keep_signal_changed();
    drop trigger insights_keep_image_removed on image;
    drop function insights_keep_image_removed();
    drop trigger insights_keep_image_changed on image;
    drop function insights_keep_image_changed();
    drop trigger insights_keep_image_added on image;
    drop function insights_keep_image_added();
    drop function insights_keep_refresh(int);
    drop table insights_prompt_daily;
    drop table insights_keep_daily_all;
    drop table insights_keep_daily;
    drop function insights_images_of(uuid[], date[]);
    drop function insights_image_facts(uuid[]);
    drop table insights_keep_dirty;
  `.execute(db);
}
