import { type Kysely, sql } from 'kysely';

/**
 * The editor: ADJUST images are made on the worker from their parent by an operation list (crop,
 * rotate, adjust…) recorded on the image, so "Edit again" reopens it; OUTPAINT images extend their
 * parent's canvas through a provider.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table job drop constraint job_kind_check;
    alter table job add constraint job_kind_check
      check (kind in ('GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT', 'ADJUST', 'OUTPAINT'));
    alter table image drop constraint image_operation_check;
    alter table image add constraint image_operation_check
      check (operation in ('GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT', 'IMPORT', 'ADJUST', 'OUTPAINT'));
    alter table image add column edit_operations jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table image drop column edit_operations;
    delete from image where operation in ('ADJUST', 'OUTPAINT');
    delete from job where kind in ('ADJUST', 'OUTPAINT');
    alter table image drop constraint image_operation_check;
    alter table image add constraint image_operation_check
      check (operation in ('GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT', 'IMPORT'));
    alter table job drop constraint job_kind_check;
    alter table job add constraint job_kind_check
      check (kind in ('GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT'));
  `.execute(db);
}
