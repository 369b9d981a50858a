import { z } from 'zod';
import { DELIVER_WEBHOOK_TASK } from '../repositories/webhook-rows';
import { defineTask, implementTask } from './kit';
import type { WebhookSender } from './webhook-sender';

/**
 * One attempt at one webhook delivery. Queued by the database triggers that record an event (and by
 * ping and redeliver), keyed `webhook-delivery:<id>`; a retry is the same task queued again for later.
 */
export const DeliverWebhook = defineTask(
  DELIVER_WEBHOOK_TASK,
  z.object({ deliveryId: z.string(), since: z.iso.datetime().optional() }),
);

export function deliverWebhookTasks(sender: WebhookSender) {
  return [
    implementTask(DeliverWebhook, (payload) =>
      sender.deliver(payload.deliveryId, payload.since ? new Date(payload.since) : null),
    ),
  ];
}
