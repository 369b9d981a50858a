/**
 * Webhook deliveries: the final poll-shaped payload is POSTed to `webhook_url`, authenticated by
 * echoing the secret in `X-Webhook-Secret` (BFL's SDK) and/or an HMAC in `X-BFL-Signature` (an
 * older guide; unconfirmed), retried a few times when the receiver fails.
 */
import { createHmac } from 'node:crypto';
import { sleep } from './bfl-http';

export interface BflWebhookDelivery {
  taskId: string;
  url: string;
  attempt: number;
  headers: Record<string, string>;
  body: string;
  outcome: number | 'network-error';
}

export interface WebhookOptions {
  signature: 'secret' | 'hmac' | 'both';
  attempts: number;
  retryDelayMs: number;
  log: BflWebhookDelivery[];
  stopped: () => boolean;
}

export async function deliverWebhook(
  taskId: string,
  url: string,
  payload: Record<string, unknown>,
  secret: string | null,
  options: WebhookOptions,
): Promise<void> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null && options.signature !== 'hmac') headers['x-webhook-secret'] = secret;
  if (secret !== null && options.signature !== 'secret') {
    headers['x-bfl-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  }
  for (let attempt = 1; attempt <= options.attempts && !options.stopped(); attempt++) {
    let outcome: BflWebhookDelivery['outcome'];
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      outcome = response.status;
    } catch {
      outcome = 'network-error';
    }
    options.log.push({ taskId, url, attempt, headers, body, outcome });
    if (typeof outcome === 'number' && outcome < 300) return;
    await sleep(options.retryDelayMs);
  }
}
