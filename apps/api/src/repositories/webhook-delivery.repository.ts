import type {
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookEvent,
  WebhookRecord,
} from '@atelier/domain';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { isUuid } from './keyset';
import { enqueueDelivery, toDelivery } from './webhook-rows';

/** A webhook with what the delivery task needs to sign for it. */
export interface WebhookSigning extends WebhookRecord {
  secret: string;
  previousSecret: string | null;
  failingSince: Date | null;
}

export interface DeliveryWithWebhook {
  delivery: WebhookDeliveryRecord & { payload: unknown; body: string | null };
  webhook: WebhookSigning;
}

/** One attempt's outcome, written to the delivery row. */
export interface AttemptRecord {
  status: Exclude<WebhookDeliveryStatus, 'PENDING'>;
  responseStatus: number | null;
  latencyMs: number | null;
  responseExcerpt: string | null;
  error: string | null;
  /** For RETRYING: when the next attempt runs. */
  nextAttemptAt: Date | null;
}

/** What the delivery task reads and writes: one delivery, its webhook's secrets, each attempt. */
export class WebhookDeliveryRepository {
  constructor(private readonly db: Database) {}

  /** For the delivery task: the delivery and its webhook's signing secrets (the expired one left out). */
  async forDelivery(deliveryId: string): Promise<DeliveryWithWebhook | null> {
    if (!isUuid(deliveryId)) return null;
    const row = await this.db
      .selectFrom('webhookDelivery as d')
      .innerJoin('webhook as w', 'w.id', 'd.webhookId')
      .selectAll('d')
      .select([
        'w.url',
        'w.description',
        'w.events',
        'w.enabled',
        'w.disabledReason',
        'w.disabledAt',
        'w.createdAt as webhookCreatedAt',
        'w.secretRotatedAt',
        'w.secret',
        'w.failingSince',
        sql<string | null>`case when w.previous_secret_expires_at > now() then w.previous_secret end`.as(
          'previousSecret',
        ),
      ])
      .where('d.id', '=', deliveryId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      delivery: { ...toDelivery(row), payload: row.payload, body: row.body },
      webhook: {
        id: row.webhookId,
        ownerId: row.ownerId,
        url: row.url,
        description: row.description,
        events: row.events as WebhookEvent[],
        enabled: row.enabled,
        disabledReason: row.disabledReason,
        disabledAt: row.disabledAt,
        createdAt: row.webhookCreatedAt,
        secretRotatedAt: row.secretRotatedAt,
        secret: row.secret,
        previousSecret: row.previousSecret,
        failingSince: row.failingSince,
      },
    };
  }

  /** Keeps the body as first sent, so every attempt sends the same bytes. */
  async keepBody(deliveryId: string, body: string): Promise<void> {
    await this.db.updateTable('webhookDelivery').set({ body }).where('id', '=', deliveryId).execute();
  }

  /**
   * Records an attempt on the delivery and its webhook in one transaction: a success ends the
   * webhook's failing streak; a failure starts one at `attemptedAt` (or, when the streak is
   * `disableAfterMs` old at `endedAt`, disables the webhook with `disableReason`); RETRYING queues
   * the next attempt at `nextAttemptAt`. Says whether this attempt disabled the webhook.
   */
  async recordAttempt(
    deliveryId: string,
    webhookId: string,
    attempt: AttemptRecord,
    failure: { attemptedAt: Date; endedAt: Date; disableAfterMs: number; disableReason: string } | null,
    retryingSince: Date | null,
  ): Promise<{ disabled: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      let disabled = false;
      if (failure) {
        const streakStart = sql<Date>`coalesce(failing_since, ${failure.attemptedAt}::timestamptz)`;
        const changed = await trx
          .updateTable('webhook')
          .set({
            failingSince: streakStart,
            enabled: sql<boolean>`${streakStart} > ${failure.endedAt}::timestamptz - make_interval(secs => ${failure.disableAfterMs / 1000})`,
          })
          .where('id', '=', webhookId)
          .where('enabled', '=', true)
          .returning(['enabled'])
          .executeTakeFirst();
        disabled = changed?.enabled === false;
        if (disabled) {
          await trx
            .updateTable('webhook')
            .set({
              disabledReason: failure.disableReason,
              disabledAt: failure.endedAt,
              updatedAt: sql<Date>`now()`,
            })
            .where('id', '=', webhookId)
            .execute();
        }
      } else {
        await trx.updateTable('webhook').set({ failingSince: null }).where('id', '=', webhookId).execute();
      }
      const status = disabled && attempt.status === 'RETRYING' ? 'FAILED' : attempt.status;
      await trx
        .updateTable('webhookDelivery')
        .set({
          status,
          attempts: sql<number>`attempts + 1`,
          responseStatus: attempt.responseStatus,
          latencyMs: attempt.latencyMs,
          responseExcerpt: attempt.responseExcerpt,
          error: status === attempt.status ? attempt.error : `${attempt.error}; the webhook was disabled`,
          lastAttemptAt: sql<Date>`now()`,
          nextAttemptAt: status === 'RETRYING' ? attempt.nextAttemptAt : null,
        })
        .where('id', '=', deliveryId)
        .execute();
      if (status === 'RETRYING') {
        await sql`select ${enqueueDelivery(sql.val(deliveryId), attempt.nextAttemptAt, retryingSince)}`.execute(
          trx,
        );
      }
      return { disabled };
    });
  }

  /** Ends a delivery that will not be attempted (its webhook was turned off meanwhile). */
  async abandon(deliveryId: string, error: string): Promise<void> {
    await this.db
      .updateTable('webhookDelivery')
      .set({ status: 'FAILED', error, nextAttemptAt: null })
      .where('id', '=', deliveryId)
      .where('status', 'in', ['PENDING', 'RETRYING'])
      .execute();
  }
}
