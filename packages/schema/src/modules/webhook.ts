import {
  DomainError,
  InvalidInputError,
  NotFoundError,
  type WebhookDeliveryRecord,
  type WebhookRecord,
  type WebhookWithSecretRecord,
} from '@atelier/domain';
import {
  encodeGlobalID,
  resolveCursorConnection,
  type ResolveCursorConnectionArgs,
} from '@pothos/plugin-relay';
import { builder } from '../builder';
import type { SchemaContext } from '../ports';
import { requireViewer } from '../viewer';

const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  description: 'What a webhook is told about. The payload `type` is the wire name, e.g. `job.succeeded`.',
  values: {
    JOB_SUCCEEDED: { value: 'job.succeeded', description: '`job.succeeded`: a job ended with its images.' },
    JOB_FAILED: { value: 'job.failed', description: '`job.failed`: a job failed (with its error code).' },
    JOB_CANCELED: { value: 'job.canceled', description: '`job.canceled`: a job was canceled.' },
    BATCH_COMPLETED: {
      value: 'batch.completed',
      description: '`batch.completed`: every item of a batch has ended (with the counts).',
    },
    IMAGE_DELETED: {
      value: 'image.deleted',
      description: '`image.deleted`: an image was moved to the trash (purging it later sends nothing more).',
    },
  } as const,
});

const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a delivery stands.',
  values: {
    PENDING: { description: 'Queued; not attempted yet (or sent again, not yet attempted).' },
    RETRYING: { description: 'An attempt failed in a way worth retrying; another is scheduled.' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Given up: a final answer (a 4xx), a refused address, or retries ran out.' },
  } as const,
});

export const WebhookDeliveryRef = builder.objectRef<WebhookDeliveryRecord>('WebhookDelivery').implement({
  description:
    'One message to one webhook, with its latest attempt. Kept so you can see it and send it again.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Delivery id (for `redeliverWebhook`).' }),
    event: t.exposeString('event', {
      description: 'The payload `type`, e.g. `job.succeeded` or `webhook.ping`.',
    }),
    messageId: t.exposeString('messageId', {
      description: 'The `webhook-id` header: the same on every attempt, so a receiver can ignore repeats.',
    }),
    status: t.field({
      type: WebhookDeliveryStatusEnum,
      description: 'Where it stands.',
      resolve: (d) => d.status,
    }),
    attempts: t.exposeInt('attempts', { description: 'Attempts made so far.' }),
    responseStatus: t.exposeInt('responseStatus', {
      nullable: true,
      description: 'The HTTP status of the latest answer; null when none came.',
    }),
    latencyMs: t.exposeInt('latencyMs', { nullable: true, description: 'How long the latest attempt took.' }),
    responseExcerpt: t.exposeString('responseExcerpt', {
      nullable: true,
      description: 'The start of the latest answer’s body (at most 1 KB).',
    }),
    error: t.exposeString('error', {
      nullable: true,
      description: 'Why the latest attempt failed, if it did.',
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the event happened.',
      resolve: (d) => d.createdAt,
    }),
    lastAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was last attempted.',
      resolve: (d) => d.lastAttemptAt,
    }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it will be attempted next, while PENDING or RETRYING.',
      resolve: (d) => d.nextAttemptAt,
    }),
  }),
});

const WebhookDeliveryConnectionRef = builder.connectionObject({
  type: WebhookDeliveryRef,
  name: 'WebhookDeliveryConnection',
  description: 'A page of deliveries, newest first.',
});

export const WebhookRef = builder.loadableNodeRef('Webhook', {
  id: { resolve: (webhook: WebhookRecord) => webhook.id },
  load: async (ids: string[], ctx) => {
    const mine = await ctx.services.webhooks.list(requireViewer(ctx));
    return ids.map((id) => mine.find((webhook) => webhook.id === id) ?? null);
  },
});

WebhookRef.implement({
  description: 'An endpoint of yours that Atelier POSTs signed events to (Standard Webhooks).',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Where events are sent.' }),
    description: t.exposeString('description', { nullable: true, description: 'Your note about it.' }),
    events: t.field({
      type: [WebhookEventTypeEnum],
      description: 'The events it is sent.',
      resolve: (w) => w.events,
    }),
    enabled: t.exposeBoolean('enabled', { description: 'Whether events are sent to it.' }),
    disabledReason: t.exposeString('disabledReason', {
      nullable: true,
      description: 'Why Atelier turned it off (it failed for a day); null when you did, or while enabled.',
    }),
    disabledAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was turned off.',
      resolve: (w) => w.disabledAt,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was registered.',
      resolve: (w) => w.createdAt,
    }),
    secretRotatedAt: t.field({
      type: 'DateTime',
      description: 'When its signing secret last changed. The secret itself is shown only when made.',
      resolve: (w) => w.secretRotatedAt,
    }),
    lastDelivery: t.loadable({
      type: WebhookDeliveryRef,
      nullable: true,
      description: 'Its newest delivery, if any.',
      load: (ids: string[], ctx) => ctx.services.webhooks.lastDeliveries(requireViewer(ctx), ids),
      resolve: (w) => w.id,
    }),
    deliveries: t.field({
      type: WebhookDeliveryConnectionRef,
      description: 'Its deliveries, newest first.',
      args: {
        first: t.arg.int({ defaultValue: 20, description: 'Take this many (at most 100).' }),
        after: t.arg.string({ description: 'Start after this cursor.' }),
      },
      resolve: (w, args, ctx) => deliveriesOf(w.id, args, ctx),
    }),
  }),
});

const WebhookWithSecretRef = builder.objectRef<WebhookWithSecretRecord>('WebhookWithSecret').implement({
  description: 'A webhook with its signing secret. This is the only time the secret is shown: keep it now.',
  fields: (t) => ({
    webhook: t.field({ type: WebhookRef, description: 'The webhook.', resolve: (r) => r.webhook }),
    secret: t.exposeString('secret', {
      description: 'The signing secret (`whsec_…`), for your receiver to verify `webhook-signature` with.',
    }),
  }),
});

function deliveriesOf(
  webhookId: string,
  args: { first?: number | null; after?: string | null },
  ctx: SchemaContext,
) {
  const viewer = requireViewer(ctx);
  return resolveCursorConnection(
    {
      args,
      toCursor: (d: WebhookDeliveryRecord) => ctx.services.webhooks.cursorOf(d),
      defaultSize: 20,
      maxSize: 100,
    },
    (page: ResolveCursorConnectionArgs) => ctx.services.webhooks.deliveries(viewer, webhookId, page),
  );
}

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  description: 'A new webhook.',
  fields: (t) => ({
    url: t.string({
      required: true,
      description: 'An https URL of a public host (plain http only to 127.0.0.1 when the server allows it).',
    }),
    events: t.field({ type: [WebhookEventTypeEnum], required: true, description: 'The events to send.' }),
    description: t.string({ description: 'A note for yourself (at most 200 characters).' }),
  }),
});

const UpdateWebhookInput = builder.inputType('UpdateWebhookInput', {
  description: 'Changes to a webhook; what is left out stays.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: WebhookRef, description: 'Webhook id.' }),
    url: t.string({ description: 'A new URL.' }),
    events: t.field({ type: [WebhookEventTypeEnum], description: 'The events to send instead.' }),
    description: t.string({ description: 'A new note; empty to remove it.' }),
    enabled: t.boolean({ description: 'Turn it on (clearing why it was turned off) or off.' }),
  }),
});

builder.queryFields((t) => ({
  webhooks: t.field({
    type: [WebhookRef],
    authScopes: { read: true },
    description: 'Your webhooks, newest first.',
    resolve: (_root, _args, ctx) => ctx.services.webhooks.list(requireViewer(ctx)),
  }),
  webhookDeliveries: t.field({
    type: WebhookDeliveryConnectionRef,
    authScopes: { read: true },
    description: "A webhook's deliveries, newest first; empty for a webhook that is not yours.",
    args: {
      webhookId: t.arg.globalID({ required: true, for: WebhookRef, description: 'Webhook id.' }),
      first: t.arg.int({ defaultValue: 20, description: 'Take this many (at most 100).' }),
      after: t.arg.string({ description: 'Start after this cursor.' }),
    },
    resolve: (_root, args, ctx) => deliveriesOf(args.webhookId.id, args, ctx),
  }),
}));

builder.mutationFields((t) => ({
  createWebhook: t.field({
    type: WebhookWithSecretRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError], directResult: true },
    description: 'Register an endpoint for events. Its signing secret is in the answer and nowhere else.',
    args: { input: t.arg({ type: CreateWebhookInput, required: true, description: 'The webhook.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.webhooks.create(requireViewer(ctx), {
        url: input.url,
        events: input.events,
        description: input.description ?? null,
      }),
  }),
  updateWebhook: t.field({
    type: WebhookRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError, InvalidInputError], directResult: true },
    description: 'Change a webhook, or turn it on or off.',
    args: { input: t.arg({ type: UpdateWebhookInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.webhooks.update(requireViewer(ctx), input.id.id, {
        url: input.url ?? null,
        events: input.events ?? null,
        ...(input.description !== undefined && { description: input.description }),
        enabled: input.enabled ?? null,
      }),
  }),
  deleteWebhook: t.field({
    type: builder.objectRef<{ id: string }>('DeletedWebhook').implement({
      description: 'The webhook and its delivery log are gone; nothing more is sent to it.',
      fields: (f) => ({ id: f.exposeID('id', { description: 'The deleted webhook’s id.' }) }),
    }),
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Delete a webhook.',
    args: { id: t.arg.globalID({ required: true, for: WebhookRef, description: 'Webhook id.' }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.webhooks.delete(requireViewer(ctx), args.id.id);
      return { id: encodeGlobalID('Webhook', args.id.id) };
    },
  }),
  rotateWebhookSecret: t.field({
    type: WebhookWithSecretRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description:
      'A new signing secret, shown this once. For a day, messages carry signatures by both, so receivers can switch.',
    args: { id: t.arg.globalID({ required: true, for: WebhookRef, description: 'Webhook id.' }) },
    resolve: (_root, args, ctx) => ctx.services.webhooks.rotateSecret(requireViewer(ctx), args.id.id),
  }),
  redeliverWebhook: t.field({
    type: WebhookDeliveryRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError, DomainError], directResult: true },
    description: 'Send a delivery again, with the same `webhook-id` (the webhook must be enabled).',
    args: { deliveryId: t.arg.id({ required: true, description: 'Delivery id.' }) },
    resolve: (_root, args, ctx) =>
      ctx.services.webhooks.redeliver(requireViewer(ctx), String(args.deliveryId)),
  }),
  pingWebhook: t.field({
    type: WebhookDeliveryRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError, DomainError], directResult: true },
    description: 'Send a `webhook.ping` event to a webhook now, to try the endpoint.',
    args: { id: t.arg.globalID({ required: true, for: WebhookRef, description: 'Webhook id.' }) },
    resolve: (_root, args, ctx) => ctx.services.webhooks.ping(requireViewer(ctx), args.id.id),
  }),
}));
