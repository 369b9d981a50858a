/** What a webhook can be told about, by its wire name (the payload's `type`). */
export const WEBHOOK_EVENTS = [
  'job.succeeded',
  'job.failed',
  'job.canceled',
  'batch.completed',
  'image.deleted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent on request only (pingWebhook), to whatever events the endpoint picked. */
export const WEBHOOK_PING = 'webhook.ping';

export type WebhookDeliveryStatus = 'PENDING' | 'RETRYING' | 'SUCCEEDED' | 'FAILED';

/** An endpoint a person registered. Its signing secrets never leave the server after creation. */
export interface WebhookRecord {
  id: string;
  ownerId: string;
  url: string;
  description: string | null;
  events: WebhookEvent[];
  enabled: boolean;
  /** Why the server turned it off (every delivery failing for a day), for the person to read. */
  disabledReason: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  /** When the signing secret last changed (created or rotated). */
  secretRotatedAt: Date;
}

/** One message to one endpoint, with the outcome of its latest attempt. */
export interface WebhookDeliveryRecord {
  id: string;
  webhookId: string;
  ownerId: string;
  event: string;
  /** The `webhook-id` header: the same on every attempt, so receivers can deduplicate. */
  messageId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  latencyMs: number | null;
  /** The start of the endpoint's answer (at most 1 KB). */
  responseExcerpt: string | null;
  error: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
}

export interface WebhookInput {
  url: string;
  events: WebhookEvent[];
  description?: string | null;
}

export interface WebhookChanges {
  url?: string | null;
  events?: WebhookEvent[] | null;
  description?: string | null;
  enabled?: boolean | null;
}

/** A webhook with its signing secret (`whsec_…`): only in the answers of create and rotate. */
export interface WebhookWithSecretRecord {
  webhook: WebhookRecord;
  secret: string;
}
