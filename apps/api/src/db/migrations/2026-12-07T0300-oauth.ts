import { type Kysely, sql } from 'kysely';

/**
 * Assistants sign in with OAuth (the authorization server behind /mcp): what oidc-provider keeps
 * (registered clients, grants, codes, tokens, interactions) in one table, so every API process can
 * check a token. Bearer values (codes, access and refresh tokens) are stored only as digests.
 * A grant is a "connected app": revoking it deletes its tokens, and the NOTIFY tells every process
 * to forget the person it had cached for them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table oauth_record (
      kind text not null,
      id text not null,
      payload jsonb not null,
      grant_id text,
      user_id uuid references app_user (id) on delete cascade,
      client_id text,
      uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      primary key (kind, id)
    );
    create index oauth_record_grant on oauth_record (grant_id) where grant_id is not null;
    create index oauth_record_user on oauth_record (user_id, kind) where user_id is not null;
    create index oauth_record_uid on oauth_record (uid) where uid is not null;
    create index oauth_record_expiry on oauth_record (expires_at) where expires_at is not null;

    create trigger oauth_access_ended after delete on oauth_record
      for each row when (old.kind in ('AccessToken', 'Grant'))
      execute function atelier_credentials_changed('user_id');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table oauth_record;
    delete from app_setting where key = 'oauth_keys';
  `.execute(db);
}
