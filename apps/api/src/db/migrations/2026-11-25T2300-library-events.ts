import { type Kysely, sql } from 'kysely';

/**
 * Every process hears when someone's library changes (collections and their images, saved prompts,
 * prompt history, templates, presets, batches), whichever code path wrote it, so a second tab or
 * window sees the change without reloading.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function atelier_library_changed() returns trigger language plpgsql as $$
    declare
      item record := case when tg_op = 'DELETE' then old else new end;
    begin
      -- Starter presets (no owner) belong to no one's library.
      if item.owner_id is null then return null; end if;
      perform pg_notify('atelier_events', json_build_object(
        'libraryOf', item.owner_id, 'kind', tg_argv[0], 'itemId', item.id,
        'removed', tg_op = 'DELETE')::text);
      return null;
    end $$;

    -- Adding, removing or moving images changes the collection, whose owner is on the collection.
    create function atelier_collection_images_changed() returns trigger language plpgsql as $$
    declare
      changed uuid := case when tg_op = 'DELETE' then old.collection_id else new.collection_id end;
    begin
      perform pg_notify('atelier_events', json_build_object(
        'libraryOf', owner_id, 'kind', 'COLLECTION', 'itemId', id, 'removed', false)::text)
      from collection where id = changed;
      return null;
    end $$;

    create trigger collection_changed after insert or update or delete on collection
      for each row execute function atelier_library_changed('COLLECTION');
    create trigger collection_image_changed after insert or update or delete on collection_image
      for each row execute function atelier_collection_images_changed();
    create trigger saved_prompt_changed after insert or update or delete on saved_prompt
      for each row execute function atelier_library_changed('SAVED_PROMPT');
    create trigger prompt_history_changed after insert or update or delete on prompt_history
      for each row execute function atelier_library_changed('PROMPT_HISTORY');
    create trigger prompt_template_changed after insert or update or delete on prompt_template
      for each row execute function atelier_library_changed('TEMPLATE');
    create trigger style_preset_changed after insert or update or delete on style_preset
      for each row execute function atelier_library_changed('STYLE_PRESET');
    create trigger batch_changed after insert or update or delete on batch
      for each row execute function atelier_library_changed('BATCH');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger batch_changed on batch;
    drop trigger style_preset_changed on style_preset;
    drop trigger prompt_template_changed on prompt_template;
    drop trigger prompt_history_changed on prompt_history;
    drop trigger saved_prompt_changed on saved_prompt;
    drop trigger collection_image_changed on collection_image;
    drop trigger collection_changed on collection;
    drop function atelier_collection_images_changed();
    drop function atelier_library_changed();
  `.execute(db);
}
