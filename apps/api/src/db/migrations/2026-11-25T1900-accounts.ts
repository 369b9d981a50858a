import { type Kysely, sql } from 'kysely';

/**
 * People sign in, and bring images in: accounts with Argon2id passwords, sessions and API tokens stored only as digests,
 * per-person quotas, public share links, and the settings an admin can change. The built-in local
 * owner stays until the first account is created; that account takes it over (and its images).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user
      add column email text,
      add column password_hash text,
      add column role text not null default 'USER' check (role in ('ADMIN', 'USER')),
      add column failed_sign_ins integer not null default 0,
      add column locked_until timestamptz,
      add column max_concurrent_jobs integer check (max_concurrent_jobs > 0),
      add column max_images_per_day integer check (max_images_per_day > 0),
      add column disabled_at timestamptz;
    create unique index app_user_email on app_user (lower(email)) where email is not null;

    create table session (
      token_hash bytea primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text
    );
    create index session_by_user on session (user_id);

    create table api_token (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id) on delete cascade,
      name text not null,
      prefix text not null,
      token_hash bytea not null unique,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_token_user on api_token (user_id, created_at desc);

    create table share_link (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      token text not null unique,
      image_id uuid references image (id) on delete cascade,
      hide_params boolean not null default false,
      expires_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now(),
      check (image_id is not null)
    );
    create index share_link_owner on share_link (owner_id, created_at desc);
    create index share_link_image on share_link (image_id);

    -- Token buckets for rate limits, shared by every API process.
    create table rate_limit_bucket (
      key text primary key,
      tokens double precision not null,
      updated_at timestamptz not null default now()
    );

    create table app_setting (
      key text primary key,
      value jsonb not null
    );
    insert into app_setting (key, value) values ('signup_enabled', 'true');

    -- Every API process caches who a session or token belongs to for a few seconds; this tells
    -- them all at once when that stops being true (sign-out, revocation, password or role change).
    create function atelier_credentials_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('atelier_events', json_build_object('credentialsOf', to_jsonb(old) ->> tg_argv[0])::text);
      return null;
    end $$;
    create trigger session_ended after delete on session
      for each row execute function atelier_credentials_changed('user_id');
    create trigger api_token_changed after update of revoked_at or delete on api_token
      for each row execute function atelier_credentials_changed('user_id');
    create trigger app_user_changed after update of email, display_name, role, disabled_at, password_hash or delete on app_user
      for each row execute function atelier_credentials_changed('id');

    -- People bring their own images in (uploads and URLs).
    alter table image drop constraint image_operation_check;
    alter table image add constraint image_operation_check
      check (operation in ('GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT', 'IMPORT'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from image where operation = 'IMPORT';
    alter table image drop constraint image_operation_check;
    alter table image add constraint image_operation_check
      check (operation in ('GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT'));
    drop trigger app_user_changed on app_user;
    drop table app_setting, rate_limit_bucket, share_link, api_token, session;
    drop function atelier_credentials_changed;
    drop index app_user_email;
    alter table app_user
      drop column email, drop column password_hash, drop column role, drop column failed_sign_ins,
      drop column locked_until, drop column max_concurrent_jobs, drop column max_images_per_day,
      drop column disabled_at;
  `.execute(db);
}
