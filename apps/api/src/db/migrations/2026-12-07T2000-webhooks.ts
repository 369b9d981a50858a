import { type Kysely, sql } from 'kysely';

/**
 * Outgoing webhooks. A person's endpoints (`webhook`) and every message to one of them
 * (`webhook_delivery`, one row per message, updated by each attempt).
 *
 * Deliveries are written by triggers, in the transaction of the change they tell of, together with
 * the graphile-worker task that sends them: whichever code path ends a job (the runner, a cancel,
 * the lease sweep) or trashes an image, the message exists exactly when the change committed, and
 * survives the process dying right after (at least once). The job trigger is deferred to commit
 * time so it sees the images the job's transaction inserted after marking it SUCCEEDED.
 *
 * The signing secret is stored as is: it must be usable to sign, unlike API tokens and sessions,
 * which are kept as digests (auth/secrets.ts). The API never reads it back after creation.
 *
 * The task name `deliver-webhook` and key `webhook-delivery:<id>` are jobs/deliver-webhook.task.ts's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references app_user (id) on delete cascade,
      url text not null,
      description text,
      events text[] not null check (
        cardinality(events) > 0
        and events <@ array['job.succeeded', 'job.failed', 'job.canceled', 'batch.completed', 'image.deleted']
      ),
      secret text not null,
      -- During a rotation the old secret signs too, until it expires (a day later).
      previous_secret text,
      previous_secret_expires_at timestamptz,
      secret_rotated_at timestamptz not null default now(),
      enabled boolean not null default true,
      disabled_reason text,
      disabled_at timestamptz,
      -- Since when every attempt failed (null after a success): a day of it disables the endpoint.
      failing_since timestamptz,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz not null default now()
    );
    create index webhook_owner on webhook (owner_id, created_at desc, id desc);

    create table webhook_delivery (
      id uuid primary key default gen_random_uuid(),
      webhook_id uuid not null references webhook (id) on delete cascade,
      owner_id uuid not null references app_user (id) on delete cascade,
      event text not null,
      message_id text not null unique,
      -- What happened (ids as stored); the body sent is rendered from it once and kept, byte for byte.
      payload jsonb not null,
      body text,
      status text not null default 'PENDING' check (status in ('PENDING', 'RETRYING', 'SUCCEEDED', 'FAILED')),
      attempts integer not null default 0,
      response_status integer,
      latency_ms integer,
      response_excerpt text check (octet_length(response_excerpt) <= 1024),
      error text,
      created_at timestamptz(3) not null default now(),
      last_attempt_at timestamptz,
      next_attempt_at timestamptz default now()
    );
    create index webhook_delivery_list on webhook_delivery (webhook_id, created_at desc, id desc);
    create index webhook_delivery_owner on webhook_delivery (owner_id);

    -- Queues \`event\` for every enabled endpoint of \`owner\` that asked for it.
    -- Queues the event for every enabled endpoint of the owner that asked for it.
    create function atelier_webhook_event(p_owner uuid, p_event text, p_data jsonb) returns void
    language plpgsql as $$
    declare
      queued record;
    begin
      for queued in
        insert into webhook_delivery (webhook_id, owner_id, event, message_id, payload)
        select endpoint.id, endpoint.owner_id, p_event, 'msg_' || replace(gen_random_uuid()::text, '-', ''),
          jsonb_build_object('type', p_event, 'timestamp', now(), 'data', p_data)
        from webhook as endpoint
        where endpoint.owner_id = p_owner and endpoint.enabled and p_event = any (endpoint.events)
        returning webhook_delivery.id
      loop
        perform graphile_worker.add_job(
          'deliver-webhook',
          json_build_object('deliveryId', queued.id),
          job_key => 'webhook-delivery:' || queued.id,
          max_attempts => 5
        );
      end loop;
    end $$;

    create function atelier_job_ended() returns trigger language plpgsql as $$
    declare
      counts jsonb;
    begin
      perform atelier_webhook_event(new.owner_id, 'job.' || lower(new.status), jsonb_build_object(
        'jobId', new.id,
        'kind', new.kind,
        'status', new.status,
        'batchId', new.batch_id,
        'errorCode', new.error ->> 'code',
        'imageIds', coalesce(
          (select jsonb_agg(image.id order by image.created_at, image.id) from image where image.job_id = new.id),
          '[]'::jsonb)
      ));
      if new.batch_id is null then
        return null;
      end if;
      -- Jobs of one batch ending at once: one at a time, each seeing the others' outcome, so
      -- exactly the last one tells that the batch completed.
      perform 1 from batch where batch.id = new.batch_id for update;
      select jsonb_build_object(
          'total', count(*),
          'succeeded', count(*) filter (where latest.status = 'SUCCEEDED'),
          'failed', count(*) filter (where latest.status = 'FAILED'),
          'canceled', count(*) filter (where latest.status = 'CANCELED'),
          'unfinished', count(*) filter (where latest.status in ('QUEUED', 'RUNNING')))
        into counts
        from (
          select distinct on (batch_index) status from job
          where batch_id = new.batch_id
          order by batch_index, created_at desc, id desc
        ) as latest;
      if (counts ->> 'unfinished')::int = 0 then
        perform atelier_webhook_event(new.owner_id, 'batch.completed', jsonb_build_object(
          'batchId', new.batch_id,
          'total', counts -> 'total',
          'succeeded', counts -> 'succeeded',
          'failed', counts -> 'failed',
          'canceled', counts -> 'canceled'));
      end if;
      return null;
    end $$;
    create constraint trigger job_ended_webhooks after update of status on job
      deferrable initially deferred
      for each row
      when (old.status is distinct from new.status and new.status in ('SUCCEEDED', 'FAILED', 'CANCELED'))
      execute function atelier_job_ended();

    -- image.deleted: the image left the gallery for the trash (purging it later sends nothing more).
    create function atelier_image_trashed() returns trigger language plpgsql as $$
    begin
      perform atelier_webhook_event(new.owner_id, 'image.deleted',
        jsonb_build_object('imageId', new.id, 'jobId', new.job_id, 'deletedAt', new.deleted_at));
      return null;
    end $$;
    create trigger image_trashed_webhooks after update of deleted_at on image
      for each row
      when (old.deleted_at is null and new.deleted_at is not null)
      execute function atelier_image_trashed();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger image_trashed_webhooks on image;
    drop function atelier_image_trashed();
    drop trigger job_ended_webhooks on job;
    drop function atelier_job_ended();
    drop function atelier_webhook_event(uuid, text, jsonb);
    delete from graphile_worker._private_jobs where key like 'webhook-delivery:%';
    drop table webhook_delivery;
    drop table webhook;
  `.execute(db);
}
