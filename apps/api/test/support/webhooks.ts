import type { Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestStack } from './harness';

/** GraphQL documents and waits shared by the webhook tests, written as a client would. */

export const CreateWebhook = /* GraphQL */ `
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      __typename
      ... on WebhookWithSecret {
        secret
        webhook {
          id
          url
          events
          enabled
          secretRotatedAt
        }
      }
      ... on Error {
        code
        message
      }
      ... on InvalidInputError {
        issues {
          field
          message
        }
      }
    }
  }
`;

export const WebhookFields = /* GraphQL */ `
  fragment WebhookFields on Webhook {
    id
    url
    events
    enabled
    disabledReason
    disabledAt
    secretRotatedAt
    lastDelivery {
      id
      status
    }
  }
`;

export const DeliveryFields = /* GraphQL */ `
  fragment DeliveryFields on WebhookDelivery {
    id
    event
    messageId
    status
    attempts
    responseStatus
    latencyMs
    responseExcerpt
    error
    createdAt
    lastAttemptAt
    nextAttemptAt
  }
`;

export const Deliveries = /* GraphQL */ `
  query Deliveries($webhookId: ID!) {
    webhookDeliveries(webhookId: $webhookId, first: 50) {
      edges {
        node {
          ...DeliveryFields
        }
      }
    }
  }
  ${DeliveryFields}
`;

export const Webhooks = /* GraphQL */ `
  query Webhooks {
    webhooks {
      ...WebhookFields
    }
  }
  ${WebhookFields}
`;

export const Generate = /* GraphQL */ `
  mutation Generate($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        id
      }
      ... on Error {
        code
        message
      }
    }
  }
`;

export interface Delivery {
  id: string;
  event: string;
  messageId: string;
  status: 'PENDING' | 'RETRYING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  responseStatus: number | null;
  latencyMs: number | null;
  responseExcerpt: string | null;
  error: string | null;
  nextAttemptAt: string | null;
}

export async function registerWebhook(
  stack: TestStack,
  viewer: Viewer,
  url: string,
  events: string[] = ['JOB_SUCCEEDED', 'JOB_FAILED', 'JOB_CANCELED', 'BATCH_COMPLETED', 'IMAGE_DELETED'],
): Promise<{ id: string; secret: string }> {
  const { data, errors } = await stack.graphql(viewer, CreateWebhook, { input: { url, events } });
  expect(errors).toBeUndefined();
  expect(data.createWebhook.__typename, JSON.stringify(data.createWebhook)).toBe('WebhookWithSecret');
  return { id: data.createWebhook.webhook.id, secret: data.createWebhook.secret };
}

export async function generate(
  stack: TestStack,
  viewer: Viewer,
  provider = 'local',
  prompt = 'a kite over dunes',
) {
  const { data, errors } = await stack.graphql(viewer, Generate, {
    input: { prompt, provider, width: 256, height: 256, steps: 1 },
  });
  expect(errors).toBeUndefined();
  expect(data.generateImages.__typename).toBe('Job');
  return data.generateImages.id as string;
}

export async function deliveriesOf(stack: TestStack, viewer: Viewer, webhookId: string): Promise<Delivery[]> {
  const { data, errors } = await stack.graphql(viewer, Deliveries, { webhookId });
  expect(errors).toBeUndefined();
  return data.webhookDeliveries.edges.map((edge: { node: Delivery }) => edge.node);
}

/** Polls until `check` holds for the webhook's deliveries (they are written by a worker). */
export async function deliveriesWhen(
  stack: TestStack,
  viewer: Viewer,
  webhookId: string,
  check: (deliveries: Delivery[]) => boolean,
  timeoutMs = 15_000,
): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const deliveries = await deliveriesOf(stack, viewer, webhookId);
    if (check(deliveries)) return deliveries;
    if (Date.now() > deadline) throw new Error(`deliveries never matched: ${JSON.stringify(deliveries)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Whether a delivery's task left graphile-worker's queue (it is removed just after it returns) and
 * no later attempt was queued under its key, within `timeoutMs`.
 */
export async function taskGone(stack: TestStack, deliveryId: string, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ count: number }>`
      select count(*)::int as count from graphile_worker._private_jobs
      where key = ${`webhook-delivery:${deliveryId}`}`.execute(stack.app.db);
    if (rows[0]!.count === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
