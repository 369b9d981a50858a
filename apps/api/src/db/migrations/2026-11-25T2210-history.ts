import { type Kysely, sql } from 'kysely';

/**
 * History: every process hears when one of someone's images is added or changes (star, tags,
 * trash), whichever code path wrote it (jobs, imports, bulk edits), so galleries update live.
 * Text search plans need to know how rare a word is: keep statistics on many more words.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function atelier_image_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('atelier_events', json_build_object(
        'imageOf', new.owner_id, 'imageId', new.id, 'change', tg_argv[0])::text);
      return null;
    end $$;
    create trigger image_added after insert on image
      for each row execute function atelier_image_changed('ADDED');
    create trigger image_updated after update of starred, tags, deleted_at on image
      for each row
      when (old.starred is distinct from new.starred or old.tags is distinct from new.tags
        or old.deleted_at is distinct from new.deleted_at)
      execute function atelier_image_changed('UPDATED');

    alter table image alter column search set statistics 1000;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table image alter column search set statistics -1;
    drop trigger image_updated on image;
    drop trigger image_added on image;
    drop function atelier_image_changed();
  `.execute(db);
}
