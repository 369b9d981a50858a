import { Webhook as Signer } from 'standardwebhooks';
import type { Logger } from '../logger';
import type { ImageRepository } from '../repositories/image.repository';
import { postTo, type PostAnswer, UrlFetchError } from '../repositories/url-fetch.repository';
import type {
  AttemptRecord,
  DeliveryWithWebhook,
  WebhookDeliveryRepository,
} from '../repositories/webhook-delivery.repository';
import { LOOPBACK_ADDRESSES, type WebhookSettings } from '../services/webhook.service';
import { imageIdsOf, renderBody } from './webhook-body';

const EXCERPT_BYTES = 1024;

interface Deps {
  deliveries: WebhookDeliveryRepository;
  images: ImageRepository;
  /** The absolute URL of a stored file. */
  fileUrl: (blobKey: string) => string;
  settings: WebhookSettings;
  logger: Logger;
  /** Between 0 and 1; tests may pin it. */
  random?: () => number;
}

type Outcome = { startedAt: number } & (
  | { kind: 'delivered'; attempt: AttemptRecord }
  | { kind: 'retry'; attempt: AttemptRecord; retryAfterMs: number | null }
  | { kind: 'failed'; attempt: AttemptRecord }
);

/**
 * Sends one delivery (one attempt), signed per Standard Webhooks, and records how it went. A
 * network error, a timeout, a 5xx or a 429 is tried again later (exponential backoff with jitter,
 * or the endpoint's Retry-After) until the failure window has passed since the first attempt; any
 * other answer is final. An endpoint failing for the whole window is disabled, saying why.
 */
export class WebhookSender {
  constructor(private readonly deps: Deps) {}

  /** `retryingSince`: when this run of attempts began (null on a first attempt or a redelivery). */
  async deliver(deliveryId: string, retryingSince: Date | null): Promise<void> {
    const found = await this.deps.deliveries.forDelivery(deliveryId);
    if (!found) return; // Its webhook was deleted, and the delivery with it.
    const { delivery, webhook } = found;
    if (delivery.status === 'SUCCEEDED' || delivery.status === 'FAILED') return;
    if (!webhook.enabled) {
      await this.deps.deliveries.abandon(delivery.id, 'not sent: the webhook was disabled');
      return;
    }
    const body = delivery.body ?? (await this.firstBody(found));
    const outcome = await this.attempt(found, body);
    // The window runs from the first attempt, as the webhook's failing streak does.
    const since = retryingSince ?? new Date(outcome.startedAt);
    const { settings } = this.deps;
    const now = Date.now();
    const windowEnd = since.getTime() + settings.failureWindowMs;

    let attempt = outcome.attempt;
    if (outcome.kind === 'retry') {
      // The last try comes at the window's end (not before it), so an endpoint down for the
      // whole window has failed for all of it and is disabled.
      const delay = outcome.retryAfterMs ?? this.backoff(delivery.attempts + 1);
      attempt =
        now >= windowEnd
          ? {
              ...attempt,
              status: 'FAILED',
              error: `${attempt.error}; gave up after ${duration(settings.failureWindowMs)} of retries`,
            }
          : { ...attempt, nextAttemptAt: new Date(Math.min(now + Math.max(delay, 0), windowEnd)) };
    }
    const { disabled } = await this.deps.deliveries.recordAttempt(
      delivery.id,
      webhook.id,
      attempt,
      outcome.kind === 'delivered'
        ? null
        : {
            attemptedAt: new Date(outcome.startedAt),
            endedAt: new Date(now),
            disableAfterMs: settings.failureWindowMs,
            disableReason: `Disabled ${new Date(now).toISOString()}: every delivery failed for ${duration(settings.failureWindowMs)} (last: ${attempt.error}). Fix the endpoint, then enable the webhook again.`,
          },
      attempt.status === 'RETRYING' ? since : null,
    );
    if (disabled) {
      this.deps.logger.warn({ webhookId: webhook.id }, 'webhook disabled after failing for the whole window');
    }
  }

  /** The body, rendered on the first attempt and kept, so every attempt sends the same bytes. */
  private async firstBody({ delivery }: DeliveryWithWebhook): Promise<string> {
    const ids = imageIdsOf(delivery.payload);
    const images = ids.length > 0 ? await this.deps.images.findAnyForOwner(delivery.ownerId, ids) : [];
    const body = renderBody(delivery.payload, {
      imageUrls: new Map(images.map((image) => [image.id, this.deps.fileUrl(image.blobKey)])),
    });
    await this.deps.deliveries.keepBody(delivery.id, body);
    return body;
  }

  private async attempt({ delivery, webhook }: DeliveryWithWebhook, body: string): Promise<Outcome> {
    const { settings } = this.deps;
    const sentAt = new Date();
    const signatures = [webhook.secret, webhook.previousSecret]
      .filter((secret): secret is string => secret !== null)
      .map((secret) => new Signer(secret).sign(delivery.messageId, sentAt, body));
    const startedAt = sentAt.getTime();
    const started = performance.now();
    let answer: PostAnswer;
    try {
      answer = await postTo(webhook.url, {
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Atelier-Webhooks/1.0',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signatures.join(' '),
        },
        body,
        timeoutMs: settings.timeoutMs,
        excerptBytes: EXCERPT_BYTES,
        ...(settings.resolve && { resolve: settings.resolve }),
        ...(settings.allowLoopback && { allowAddresses: LOOPBACK_ADDRESSES }),
      });
    } catch (error) {
      const latencyMs = Math.round(performance.now() - started);
      if (!(error instanceof UrlFetchError)) throw error;
      const attempt: AttemptRecord = {
        status: 'FAILED',
        responseStatus: null,
        latencyMs,
        responseExcerpt: null,
        error: error.message,
        nextAttemptAt: null,
      };
      // A refused address or URL stays refused; the network may come back.
      return error.reason === 'NETWORK' || error.reason === 'TIMEOUT'
        ? { startedAt, kind: 'retry', attempt: { ...attempt, status: 'RETRYING' }, retryAfterMs: null }
        : { startedAt, kind: 'failed', attempt };
    }
    const latencyMs = Math.round(performance.now() - started);
    const { status } = answer;
    const base = {
      responseStatus: status,
      latencyMs,
      responseExcerpt: excerpt(answer.excerpt),
      nextAttemptAt: null,
    };
    if (status >= 200 && status <= 299) {
      return { startedAt, kind: 'delivered', attempt: { ...base, status: 'SUCCEEDED', error: null } };
    }
    if (status === 429 || status >= 500) {
      return {
        startedAt,
        kind: 'retry',
        attempt: { ...base, status: 'RETRYING', error: `the endpoint answered ${status}` },
        retryAfterMs: retryAfterMs(answer.headers['retry-after']),
      };
    }
    const why =
      status >= 300 && status <= 399
        ? `the endpoint answered ${status} (a redirect; redirects are not followed)`
        : `the endpoint answered ${status}`;
    return { startedAt, kind: 'failed', attempt: { ...base, status: 'FAILED', error: why } };
  }

  /** Exponential, capped, with "equal jitter": between half and all of the doubled delay. */
  private backoff(attempt: number): number {
    const { retryBaseMs, retryMaxMs } = this.deps.settings;
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(attempt - 1, 30));
    return ceiling / 2 + (this.deps.random ?? Math.random)() * (ceiling / 2);
  }
}

/** `Retry-After` in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** At most 1 KB of UTF-8 text, without characters Postgres text cannot hold. */
function excerpt(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replaceAll('\u0000', '');
  while (Buffer.byteLength(text) > EXCERPT_BYTES) text = text.slice(0, -1);
  return text;
}

function duration(ms: number): string {
  if (ms >= 3_600_000) {
    const count = Math.round(ms / 3_600_000);
    return `${count} hour${count === 1 ? '' : 's'}`;
  }
  const seconds = Math.round(ms / 1000);
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
