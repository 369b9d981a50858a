import type { WebhookDeliveryRecord, WebhookEvent, WebhookRecord } from '@atelier/domain';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { isUuid, keysetConditions, keysetDirection, type KeysetPage } from './keyset';
import { enqueueDelivery, toDelivery, toWebhook } from './webhook-rows';

/** A person's webhooks and their delivery log; the delivery task's side is webhook-delivery.repository.ts. */
export class WebhookRepository {
  constructor(private readonly db: Database) {}

  async create(webhook: {
    ownerId: string;
    url: string;
    description: string | null;
    events: WebhookEvent[];
    secret: string;
  }): Promise<WebhookRecord> {
    const row = await this.db
      .insertInto('webhook')
      .values({ ...webhook, events: sql<string[]>`${webhook.events}::text[]` })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWebhook(row);
  }

  async countForOwner(ownerId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('webhook')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('ownerId', '=', ownerId)
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** Newest first. */
  async listForOwner(ownerId: string): Promise<WebhookRecord[]> {
    const rows = await this.db
      .selectFrom('webhook')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toWebhook);
  }

  async findForOwner(ownerId: string, id: string): Promise<WebhookRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .selectFrom('webhook')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toWebhook(row) : null;
  }

  /** Enabling again clears why it was turned off and the failing streak. */
  async update(
    ownerId: string,
    id: string,
    changes: { url?: string; description?: string | null; events?: WebhookEvent[]; enabled?: boolean },
  ): Promise<WebhookRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .updateTable('webhook')
      .set({
        ...(changes.url !== undefined && { url: changes.url }),
        ...(changes.description !== undefined && { description: changes.description }),
        ...(changes.events !== undefined && { events: sql<string[]>`${changes.events}::text[]` }),
        ...(changes.enabled === true && {
          enabled: true,
          disabledReason: null,
          disabledAt: null,
          failingSince: null,
        }),
        ...(changes.enabled === false && {
          enabled: false,
          disabledReason: null,
          disabledAt: sql<Date>`coalesce(disabled_at, now())`,
        }),
        updatedAt: sql<Date>`now()`,
      })
      .where('ownerId', '=', ownerId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toWebhook(row) : null;
  }

  async delete(ownerId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.db
      .deleteFrom('webhook')
      .where('ownerId', '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The new secret signs from now on; the old one signs too until `previousValidSeconds` have passed. */
  async rotateSecret(
    ownerId: string,
    id: string,
    secret: string,
    previousValidSeconds: number,
  ): Promise<WebhookRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .updateTable('webhook')
      .set({
        previousSecret: sql<string>`secret`,
        previousSecretExpiresAt: sql<Date>`now() + make_interval(secs => ${previousValidSeconds})`,
        secret,
        secretRotatedAt: sql<Date>`now()`,
        updatedAt: sql<Date>`now()`,
      })
      .where('ownerId', '=', ownerId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toWebhook(row) : null;
  }

  /** The webhook's deliveries, newest first, keyset-paged on (created_at, id). */
  async listDeliveries(
    ownerId: string,
    webhookId: string,
    page: KeysetPage,
  ): Promise<WebhookDeliveryRecord[]> {
    if (!isUuid(webhookId)) return [];
    const direction = keysetDirection(page);
    const rows = await this.db
      .selectFrom('webhookDelivery')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where('webhookId', '=', webhookId)
      .where((eb) => eb.and(keysetConditions('webhook_delivery', page)))
      .orderBy('createdAt', direction)
      .orderBy('id', direction)
      .limit(page.limit)
      .execute();
    return rows.map(toDelivery);
  }

  /** The newest delivery of each of the owner's `webhookIds` that has one. */
  async lastDeliveries(ownerId: string, webhookIds: readonly string[]): Promise<WebhookDeliveryRecord[]> {
    const valid = webhookIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db
      .selectFrom('webhookDelivery')
      .selectAll()
      .distinctOn('webhookId')
      .where('ownerId', '=', ownerId)
      .where('webhookId', 'in', valid)
      .orderBy('webhookId')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toDelivery);
  }

  async findDeliveryForOwner(ownerId: string, id: string): Promise<WebhookDeliveryRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .selectFrom('webhookDelivery')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  }

  /** A message of the owner's own making (a ping) to one enabled webhook, with its task, in one statement. */
  async queueMessage(
    ownerId: string,
    webhookId: string,
    message: { event: string; messageId: string; payload: unknown },
  ): Promise<WebhookDeliveryRecord | null> {
    if (!isUuid(webhookId)) return null;
    const row = await this.db
      .with('queued', (db) =>
        db
          .insertInto('webhookDelivery')
          .columns(['webhookId', 'ownerId', 'event', 'messageId', 'payload'])
          .expression(
            db
              .selectFrom('webhook')
              .select([
                'webhook.id',
                'webhook.ownerId',
                sql<string>`${message.event}::text`.as('event'),
                sql<string>`${message.messageId}::text`.as('messageId'),
                sql<string>`${JSON.stringify(message.payload)}::jsonb`.as('payload'),
              ])
              .where('webhook.ownerId', '=', ownerId)
              .where('webhook.id', '=', webhookId)
              .where('webhook.enabled', '=', true),
          )
          .returningAll(),
      )
      .selectFrom('queued')
      .selectAll()
      .select(enqueueDelivery(sql.ref('queued.id')).as('task'))
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  }

  /**
   * Sends a delivery of the owner's again, under its own `webhook-id`, when its webhook is enabled:
   * PENDING again, with its task queued (replacing a waiting one). Null when there is no such delivery.
   */
  async redeliver(ownerId: string, id: string): Promise<WebhookDeliveryRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .with('again', (db) =>
        db
          .updateTable('webhookDelivery')
          .set({ status: 'PENDING', nextAttemptAt: sql<Date>`now()` })
          .where('ownerId', '=', ownerId)
          .where('id', '=', id)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('webhook')
                .select(sql`1`.as('one'))
                .whereRef('webhook.id', '=', 'webhookDelivery.webhookId')
                .where('webhook.enabled', '=', true),
            ),
          )
          .returningAll(),
      )
      .selectFrom('again')
      .selectAll()
      .select(enqueueDelivery(sql.ref('again.id')).as('task'))
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  }
}
