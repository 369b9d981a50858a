import type { WebhookEventType } from '../../gql/graphql';

/** Every event a webhook can subscribe to: its wire name and what it means. */
export const WEBHOOK_EVENTS: readonly { type: WebhookEventType; name: string; hint: string }[] = [
  { type: 'JOB_SUCCEEDED', name: 'job.succeeded', hint: 'A job finished; its image ids and URLs.' },
  { type: 'JOB_FAILED', name: 'job.failed', hint: 'A job failed; its error code.' },
  { type: 'JOB_CANCELED', name: 'job.canceled', hint: 'A job was canceled.' },
  { type: 'BATCH_COMPLETED', name: 'batch.completed', hint: 'Every job of a batch ended.' },
  { type: 'IMAGE_DELETED', name: 'image.deleted', hint: 'An image went to the trash.' },
];
