import { type Kysely, sql } from 'kysely';

/** Jobs now do every image operation, not only generation; lineage is looked up by parent. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table job drop constraint job_kind_check;
    alter table job add constraint job_kind_check
      check (kind in ('GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT'));
    create index image_parent on image (parent_image_id, created_at desc) where parent_image_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index image_parent;
    delete from job where kind <> 'GENERATE';
    alter table job drop constraint job_kind_check;
    alter table job add constraint job_kind_check check (kind in ('GENERATE'));
  `.execute(db);
}
