import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import {
  DomainError,
  InvalidInputError,
  NotFoundError,
  type Viewer,
  WEBHOOK_EVENTS,
  WEBHOOK_PING,
  type WebhookChanges,
  type WebhookDeliveryRecord,
  type WebhookInput,
  type WebhookRecord,
  type WebhookWithSecretRecord,
} from '@atelier/domain';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import { checkPublicUrl, UrlFetchError } from '../repositories/url-fetch.repository';
import type { Resolver } from '../repositories/url-fetch/resolve-target';
import type { WebhookRepository } from '../repositories/webhook.repository';

/** How webhooks are registered and delivered. */
export interface WebhookSettings {
  /**
   * Development only (ATELIER_WEBHOOK_ALLOW_LOOPBACK): endpoints on this machine (127.0.0.1, [::1]),
   * over plain http too. Off by default: loopback is refused like any private address.
   */
  allowLoopback: boolean;
  /** How long a failing delivery is retried, and how long an endpoint may fail before it is disabled. */
  failureWindowMs: number;
  /** Per attempt: connecting, sending and the answer's headers. */
  timeoutMs: number;
  /** The first retry's delay; each next one doubles, up to `retryMaxMs`, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Tests only: how host names resolve (default: the system resolver). */
  resolve?: Resolver;
}

export const defaultWebhookSettings: WebhookSettings = {
  allowLoopback: false,
  failureWindowMs: 24 * 60 * 60 * 1000,
  timeoutMs: 10_000,
  retryBaseMs: 5_000,
  retryMaxMs: 60 * 60 * 1000,
};

/** The addresses `allowLoopback` lets endpoints use. */
export const LOOPBACK_ADDRESSES = ['127.0.0.1', '::1'];

/** A person's endpoints at most: each one is a stream of outgoing requests this server makes. */
export const MAX_WEBHOOKS_PER_PERSON = 20;
const MAX_URL_LENGTH = 2_000;
const MAX_DESCRIPTION_LENGTH = 200;
/** How long the secret before a rotation keeps signing, so receivers can switch without losing messages. */
const PREVIOUS_SECRET_VALID_SECONDS = 24 * 60 * 60;

interface Deps {
  webhooks: WebhookRepository;
  settings: WebhookSettings;
}

/** Standard Webhooks secrets: `whsec_` and base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The messages of a webhook's `webhook-id` header: `msg_` and 32 hex digits. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('hex')}`;
}

/** Registering, changing and testing a person's webhooks; the delivery itself is jobs/webhook-sender.ts. */
export class WebhookService {
  constructor(private readonly deps: Deps) {}

  list(viewer: Viewer): Promise<WebhookRecord[]> {
    return this.deps.webhooks.listForOwner(viewer.id);
  }

  async create(viewer: Viewer, input: WebhookInput): Promise<WebhookWithSecretRecord> {
    const url = await this.checkedUrl(input.url, ['input', 'url']);
    const events = checkedEvents(input.events, ['input', 'events']);
    const description = checkedDescription(input.description ?? null, ['input', 'description']);
    if ((await this.deps.webhooks.countForOwner(viewer.id)) >= MAX_WEBHOOKS_PER_PERSON) {
      throw new InvalidInputError([
        {
          path: ['input', 'url'],
          message: `you already have ${MAX_WEBHOOKS_PER_PERSON} webhooks, the most one person may have; delete one first`,
        },
      ]);
    }
    const secret = newSigningSecret();
    const webhook = await this.deps.webhooks.create({ ownerId: viewer.id, url, description, events, secret });
    return { webhook, secret };
  }

  async update(viewer: Viewer, id: string, changes: WebhookChanges): Promise<WebhookRecord> {
    const existing = await this.owned(viewer, id);
    const url = changes.url == null ? undefined : await this.checkedUrl(changes.url, ['input', 'url']);
    const events = changes.events == null ? undefined : checkedEvents(changes.events, ['input', 'events']);
    const description =
      changes.description === undefined
        ? undefined
        : checkedDescription(changes.description, ['input', 'description']);
    // Turned back on: the endpoint must still be one we may reach.
    if (changes.enabled === true && url === undefined) await this.checkedUrl(existing.url, ['input', 'url']);
    const updated = await this.deps.webhooks.update(viewer.id, id, {
      ...(url !== undefined && { url }),
      ...(events !== undefined && { events }),
      ...(description !== undefined && { description }),
      ...(changes.enabled != null && { enabled: changes.enabled }),
    });
    if (!updated) throw new NotFoundError('The webhook');
    return updated;
  }

  async delete(viewer: Viewer, id: string): Promise<void> {
    if (!(await this.deps.webhooks.delete(viewer.id, id))) throw new NotFoundError('The webhook');
  }

  /** A new secret, shown this once; the old one keeps signing alongside it for a day. */
  async rotateSecret(viewer: Viewer, id: string): Promise<WebhookWithSecretRecord> {
    const secret = newSigningSecret();
    const webhook = await this.deps.webhooks.rotateSecret(
      viewer.id,
      id,
      secret,
      PREVIOUS_SECRET_VALID_SECONDS,
    );
    if (!webhook) throw new NotFoundError('The webhook');
    return { webhook, secret };
  }

  /** Empty for a webhook that is not the viewer's: nothing tells whether it exists. */
  deliveries(viewer: Viewer, webhookId: string, page: KeysetPage): Promise<WebhookDeliveryRecord[]> {
    return this.deps.webhooks.listDeliveries(viewer.id, webhookId, page);
  }

  cursorOf(delivery: WebhookDeliveryRecord): string {
    return encodeCursor({ createdAt: delivery.createdAt, id: delivery.id });
  }

  async lastDeliveries(
    viewer: Viewer,
    webhookIds: readonly string[],
  ): Promise<(WebhookDeliveryRecord | null)[]> {
    const last = await this.deps.webhooks.lastDeliveries(viewer.id, webhookIds);
    return webhookIds.map((id) => last.find((delivery) => delivery.webhookId === id) ?? null);
  }

  async redeliver(viewer: Viewer, deliveryId: string): Promise<WebhookDeliveryRecord> {
    const delivery = await this.deps.webhooks.findDeliveryForOwner(viewer.id, deliveryId);
    if (!delivery) throw new NotFoundError('The delivery');
    const again = await this.deps.webhooks.redeliver(viewer.id, deliveryId);
    if (!again) throw disabled();
    return again;
  }

  /** A `webhook.ping` message to the endpoint, whatever events it picked: to try it out. */
  async ping(viewer: Viewer, webhookId: string): Promise<WebhookDeliveryRecord> {
    const webhook = await this.owned(viewer, webhookId);
    if (!webhook.enabled) throw disabled();
    const delivery = await this.deps.webhooks.queueMessage(viewer.id, webhookId, {
      event: WEBHOOK_PING,
      messageId: newMessageId(),
      payload: { type: WEBHOOK_PING, timestamp: new Date().toISOString(), data: { webhookId } },
    });
    if (!delivery) throw disabled();
    return delivery;
  }

  private async owned(viewer: Viewer, id: string): Promise<WebhookRecord> {
    const webhook = await this.deps.webhooks.findForOwner(viewer.id, id);
    if (!webhook) throw new NotFoundError('The webhook');
    return webhook;
  }

  /**
   * An https URL of a public host (resolved now; each delivery checks again as it connects). Plain
   * http only to this machine, and only where loopback endpoints are allowed (development).
   */
  private async checkedUrl(raw: string, path: string[]): Promise<string> {
    const refuse = (message: string) => new InvalidInputError([{ path, message }]);
    const url = raw.trim();
    if (url.length > MAX_URL_LENGTH) throw refuse(`must be at most ${MAX_URL_LENGTH} characters`);
    const { allowLoopback, resolve } = this.deps.settings;
    try {
      const checked = await checkPublicUrl(url, {
        timeoutMs: this.deps.settings.timeoutMs,
        ...(resolve && { resolve }),
        ...(allowLoopback && { allowAddresses: LOOPBACK_ADDRESSES }),
      });
      const host = checked.url.hostname.replace(/^\[|\]$/g, '');
      const loopback = isIP(host) !== 0 && LOOPBACK_ADDRESSES.includes(host);
      if (checked.url.protocol !== 'https:' && !loopback) {
        throw refuse(
          allowLoopback
            ? 'must be an https URL (plain http only to 127.0.0.1 or [::1])'
            : 'must be an https URL',
        );
      }
      if (checked.url.hash) throw refuse('must not have a #fragment');
      return checked.url.href;
    } catch (error) {
      if (error instanceof UrlFetchError) throw refuse(error.message);
      throw error;
    }
  }
}

function checkedEvents(events: readonly string[], path: string[]) {
  const unique = [...new Set(events)];
  if (unique.length === 0) throw new InvalidInputError([{ path, message: 'pick at least one event' }]);
  const unknown = unique.filter((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event));
  if (unknown.length > 0) {
    throw new InvalidInputError([
      { path, message: `unknown event ${unknown.join(', ')}; known: ${WEBHOOK_EVENTS.join(', ')}` },
    ]);
  }
  return unique as WebhookInput['events'];
}

function checkedDescription(description: string | null, path: string[]): string | null {
  const text = description?.trim() ?? '';
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    throw new InvalidInputError([{ path, message: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` }]);
  }
  return text === '' ? null : text;
}

function disabled(): DomainError {
  return new DomainError('INVALID_STATE', 'The webhook is disabled: enable it first');
}
