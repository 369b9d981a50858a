import { type Kysely, sql } from 'kysely';

/**
 * Batch items: each item job knows its place in the batch, so a retry (a new job at the same place)
 * replaces the failed one instead of adding an item, and items list in the order they were given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table job add column batch_index integer;
    alter table job add constraint job_batch_index check ((batch_id is null) = (batch_index is null));
    create index job_batch_item on job (batch_id, batch_index, created_at desc, id desc)
      where batch_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index job_batch_item;
    alter table job drop constraint job_batch_index;
    alter table job drop column batch_index;
  `.execute(db);
}
