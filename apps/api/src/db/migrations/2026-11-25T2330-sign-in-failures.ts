import { type Kysely, sql } from 'kysely';

/**
 * Failed sign-ins are counted per email and client address, and per email over every client
 * (client '*'), for whatever email was typed: a stranger's five wrong passwords no longer lock a
 * person out from everywhere, and a lock says nothing about whether an account has that email.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_failure (
      email text not null,
      client text not null,
      failures integer not null,
      locked_until timestamptz,
      updated_at timestamptz not null default now(),
      primary key (email, client)
    );
    create index sign_in_failure_updated_at_idx on sign_in_failure (updated_at);
    alter table app_user drop column failed_sign_ins, drop column locked_until;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user
      add column failed_sign_ins integer not null default 0,
      add column locked_until timestamptz;
    drop table sign_in_failure;
  `.execute(db);
}
