import { type Kysely, sql } from 'kysely';

/**
 * One-time invitations an admin hands out: only the secret's digest is kept; an invite signs up
 * one account (even while sign-up is closed) before it expires, with the role it names. And a
 * temporary password an admin sets, which its owner must replace at their next sign-in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table invite (
      id uuid primary key default gen_random_uuid(),
      token_hash bytea not null unique,
      role text not null default 'USER' check (role in ('ADMIN', 'USER')),
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      used_by uuid references app_user (id) on delete set null
    );
    alter table app_user add column must_change_password boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table invite; alter table app_user drop column must_change_password`.execute(db);
}
