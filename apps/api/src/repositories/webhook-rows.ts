import type {
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookEvent,
  WebhookRecord,
} from '@atelier/domain';
import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Webhook, WebhookDelivery } from '../db/db.generated';

/** graphile-worker's name for the delivery task (jobs/deliver-webhook.task.ts; the triggers use it too). */
export const DELIVER_WEBHOOK_TASK = 'deliver-webhook';
/** Attempts graphile-worker itself makes when the task throws (a crash, not an endpoint's answer). */
const TASK_MAX_ATTEMPTS = 5;

export function toWebhook(row: Selectable<Webhook>): WebhookRecord {
  return {
    id: row.id,
    ownerId: row.ownerId,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEvent[],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    secretRotatedAt: row.secretRotatedAt,
  };
}

export function toDelivery(row: Selectable<WebhookDelivery>): WebhookDeliveryRecord {
  return {
    id: row.id,
    webhookId: row.webhookId,
    ownerId: row.ownerId,
    event: row.event,
    messageId: row.messageId,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    nextAttemptAt: row.nextAttemptAt,
  };
}

/** The delivery's task; a retry carries when its run of attempts began (`since`). */
export const enqueueDelivery = (
  deliveryId: RawBuilder<unknown>,
  runAt: Date | null = null,
  since: Date | null = null,
) =>
  sql`graphile_worker.add_job(
    ${DELIVER_WEBHOOK_TASK},
    json_strip_nulls(json_build_object('deliveryId', ${deliveryId}::text, 'since', ${since?.toISOString() ?? null}::text)),
    run_at => ${runAt}::timestamptz,
    job_key => ${'webhook-delivery:'} || ${deliveryId}::text,
    max_attempts => ${TASK_MAX_ATTEMPTS}
  )`;
