import { type Kysely, sql } from 'kysely';

/**
 * The library: text search and trash on images, collections (ordered, smart, shareable), saved
 * prompts and prompt history, versioned templates, style presets and batches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Search by prompt text; 'english' stems, so "boats" finds "boat".
    alter table image add column search tsvector
      generated always as (to_tsvector('english', prompt)) stored;
    create index image_search on image using gin (search) where deleted_at is null;
    create index image_owner_starred on image (owner_id, created_at desc, id desc)
      where starred and deleted_at is null;
    create index image_owner_operation on image (owner_id, operation, created_at desc, id desc)
      where deleted_at is null;
    create index image_owner_trash on image (owner_id, deleted_at desc, id desc) where deleted_at is not null;

    create table collection (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      name text not null,
      description text not null default '',
      cover_image_id uuid references image (id) on delete set null,
      -- A smart collection is a saved search (the images filter); null for a hand-made one.
      filter jsonb,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    );
    create index collection_owner on collection (owner_id, updated_at desc, id desc);

    create table collection_image (
      collection_id uuid not null references collection (id) on delete cascade,
      image_id uuid not null references image (id) on delete cascade,
      -- Order by position; a move takes a position between its new neighbours.
      position double precision not null,
      added_at timestamptz(3) not null default now(),
      primary key (collection_id, image_id)
    );
    create index collection_image_order on collection_image (collection_id, position, image_id);
    create index collection_image_image on collection_image (image_id);

    alter table share_link add column collection_id uuid references collection (id) on delete cascade;
    alter table share_link drop constraint share_link_image_id_check;
    alter table share_link add constraint share_link_one_target check (num_nonnulls(image_id, collection_id) = 1);
    create index share_link_collection on share_link (collection_id) where collection_id is not null;

    create table saved_prompt (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      title text not null,
      prompt text not null,
      negative_prompt text,
      tags text[] not null default '{}',
      notes text not null default '',
      search tsvector generated always as (
        to_tsvector('english', title || ' ' || prompt || ' ' || notes)
      ) stored,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    );
    create index saved_prompt_owner on saved_prompt (owner_id, updated_at desc, id desc);
    create index saved_prompt_search on saved_prompt using gin (search);

    -- Everything submitted, once per distinct text (per owner), most recent use first.
    create table prompt_history (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      prompt text not null,
      negative_prompt text,
      digest text not null,
      uses integer not null default 1,
      first_used_at timestamptz(3) not null default now(),
      last_used_at timestamptz(3) not null default now(),
      unique (owner_id, digest)
    );
    create index prompt_history_owner on prompt_history (owner_id, last_used_at desc, id desc);

    create table prompt_template (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      name text not null,
      latest_version integer not null default 1,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    );
    create index prompt_template_owner on prompt_template (owner_id, updated_at desc, id desc);

    -- Versions are never changed: an image keeps pointing at the text it was made from.
    create table prompt_template_version (
      template_id uuid not null references prompt_template (id) on delete cascade,
      version integer not null,
      body text not null,
      variables jsonb not null,
      created_at timestamptz(3) not null default now(),
      primary key (template_id, version)
    );

    alter table image add column template_id uuid references prompt_template (id) on delete set null;
    alter table image add column template_version integer;
    alter table image add column template_values jsonb;

    -- owner_id null: a starter preset shipped with Atelier, read-only for everyone.
    create table style_preset (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid references app_user (id) on delete cascade,
      name text not null,
      description text not null default '',
      settings jsonb not null,
      preview_image_id uuid references image (id) on delete set null,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    );
    create index style_preset_owner on style_preset (owner_id, updated_at desc, id desc);

    create table batch (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      kind text not null check (kind in ('PROMPTS', 'MATRIX', 'COMPARE')),
      title text not null,
      input jsonb not null,
      collection_id uuid references collection (id) on delete set null,
      created_at timestamptz(3) not null default now(),
      canceled_at timestamptz
    );
    create index batch_owner on batch (owner_id, created_at desc, id desc);
    alter table job add constraint job_batch_fk foreign key (batch_id) references batch (id) on delete cascade;
    create index job_batch on job (batch_id, created_at, id) where batch_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index job_batch;
    alter table job drop constraint job_batch_fk;
    drop table batch, style_preset;
    alter table image drop column template_values, drop column template_version, drop column template_id;
    drop table prompt_template_version, prompt_template, prompt_history, saved_prompt;
    delete from share_link where collection_id is not null;
    alter table share_link drop constraint share_link_one_target;
    alter table share_link drop column collection_id;
    alter table share_link add constraint share_link_image_id_check check (image_id is not null);
    drop table collection_image, collection;
    drop index image_owner_trash, image_owner_operation, image_owner_starred, image_search;
    alter table image drop column search;
  `.execute(db);
}
