import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      display_name text not null,
      is_local_owner boolean not null default false,
      created_at timestamptz not null default now()
    );
    -- The built-in owner until accounts exist; at most one.
    create unique index app_user_local_owner on app_user (is_local_owner) where is_local_owner;
    insert into app_user (display_name, is_local_owner) values ('Local owner', true);

    create table job (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      kind text not null check (kind in ('GENERATE')),
      status text not null default 'QUEUED'
        check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED')),
      stage text,
      progress real not null default 0 check (progress between 0 and 1),
      seq integer not null default 1,
      provider text not null,
      input jsonb not null,
      attempts jsonb not null default '[]',
      error jsonb,
      preview text,
      batch_id uuid,
      created_at timestamptz(3) not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz not null default now()
    );
    create index job_owner_created on job (owner_id, created_at desc, id desc);
    create index job_queued on job (created_at, id) where status = 'QUEUED';
    create index job_owner_active on job (owner_id, created_at desc, id desc) where status in ('QUEUED', 'RUNNING');

    create table image (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      job_id uuid references job (id) on delete set null,
      output_index integer,
      blob_key text not null,
      width integer not null,
      height integer not null,
      mime text not null,
      bytes integer not null,
      thumbhash text,
      prompt text not null,
      negative_prompt text,
      style text,
      seed integer,
      provider text not null,
      model text not null,
      params jsonb not null default '{}',
      parent_image_id uuid references image (id) on delete set null,
      operation text not null default 'GENERATE'
        check (operation in ('GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT')),
      starred boolean not null default false,
      tags text[] not null default '{}',
      created_at timestamptz(3) not null default now(),
      deleted_at timestamptz,
      -- Keyset cursors carry JavaScript dates, which hold milliseconds only.
      -- A retried job can never store the same output twice.
      unique (job_id, output_index)
    );
    create index image_owner_created on image (owner_id, created_at desc, id desc) where deleted_at is null;
    create index image_owner_provider_created on image (owner_id, provider, created_at desc, id desc)
      where deleted_at is null;
    create index image_tags on image using gin (tags);
    create index image_blob_key on image (blob_key);

    create table image_thumbnail (
      image_id uuid not null references image (id) on delete cascade,
      size integer not null,
      blob_key text not null,
      width integer not null,
      height integer not null,
      bytes integer not null,
      primary key (image_id, size)
    );
    create index image_thumbnail_blob_key on image_thumbnail (blob_key);

    -- Liveness of worker processes, so jobs locked by a dead worker are released in seconds.
    create table worker_lease (
      worker_id text primary key,
      seen_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table worker_lease, image_thumbnail, image, job, app_user`.execute(db);
}
