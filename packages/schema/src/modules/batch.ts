import {
  type BatchCounts,
  type BatchEventRecord,
  type BatchItemRecord,
  type BatchRecord,
  type BatchTarget,
  DomainError,
  InvalidInputError,
  MAX_PROMPT_LENGTH,
  NotFoundError,
  QuotaExceededError,
} from '@atelier/domain';
import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder';
import { freeText, nameText } from '../text';
import { withCodedErrors } from '../coded-errors';
import { requireViewer } from '../viewer';
import { CollectionRef } from './collection';
import { imageParamFields, imageParams } from './generation';
import { JobRef } from './job';
import { PromptTemplateRef } from './template';

const MAX_ITEMS = 100;

const BatchKindEnum = builder.enumType('BatchKind', {
  description: 'How a batch made its items.',
  values: {
    PROMPTS: { description: 'A list of prompts, one item each.' },
    MATRIX: { description: 'A template expanded over every combination of chosen variable values.' },
    COMPARE: { description: 'One prompt across several providers or models, side by side.' },
  },
});

const BatchStatusEnum = builder.enumType('BatchStatus', {
  description: "A batch's state, derived from its items.",
  values: {
    QUEUED: { description: 'No item has started yet.' },
    RUNNING: { description: 'Some items are queued or running.' },
    SUCCEEDED: { description: 'Every item succeeded.' },
    FAILED: { description: 'Every item has finished and at least one failed; see `counts`.' },
    CANCELED: { description: 'Canceled: items that had not finished were stopped.' },
  },
});

type BatchStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

function statusOf(counts: BatchCounts): BatchStatus {
  if (counts.queued + counts.running > 0) return counts.queued === counts.total ? 'QUEUED' : 'RUNNING';
  if (counts.failed > 0) return 'FAILED';
  if (counts.canceled > 0) return 'CANCELED';
  return 'SUCCEEDED';
}

const BatchCountsRef = builder.objectRef<BatchCounts>('BatchCounts').implement({
  description: 'How many items are in each state (a retried item counts once, by its latest job).',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Every item.' }),
    queued: t.exposeInt('queued', { description: 'Waiting for a worker.' }),
    running: t.exposeInt('running', { description: 'Being made.' }),
    succeeded: t.exposeInt('succeeded', { description: 'Done, with images.' }),
    failed: t.exposeInt('failed', { description: 'Failed; `retryFailedBatchItems` queues them again.' }),
    canceled: t.exposeInt('canceled', { description: 'Stopped on request.' }),
  }),
});

const BatchTargetRef = builder.objectRef<BatchTarget>('BatchTarget').implement({
  description: 'A provider and model a compare batch runs its prompt on.',
  fields: (t) => ({
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    model: t.exposeString('model', {
      nullable: true,
      description: "Model id; the provider's default when null.",
    }),
  }),
});

const BatchVariableValueRef = builder
  .objectRef<{ name: string; value: string }>('BatchVariableValue')
  .implement({
    description: 'The value a matrix item gave one template variable.',
    fields: (t) => ({
      name: t.exposeString('name', { description: 'Variable name.' }),
      value: t.exposeString('value', { description: 'Its value, as text.' }),
    }),
  });

const BatchItemRef = builder.objectRef<BatchItemRecord>('BatchItem').implement({
  description: 'One item of a batch: its place, what it varies, and its latest job.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Its place in the batch, from 0.' }),
    prompt: t.exposeString('prompt', { description: 'The prompt it runs.' }),
    target: t.field({
      type: BatchTargetRef,
      nullable: true,
      description: 'For a compare batch: the provider and model it runs on.',
      resolve: (item) => item.target,
    }),
    values: t.field({
      type: [BatchVariableValueRef],
      nullable: true,
      description: 'For a matrix batch: the variable values it was made with.',
      resolve: (item) =>
        item.values ? Object.entries(item.values).map(([name, value]) => ({ name, value })) : null,
    }),
    job: t.field({
      type: JobRef,
      description: 'Its latest job (after a retry, the new one).',
      resolve: (item) => item.job,
    }),
  }),
});

export const BatchRef = builder.loadableNodeRef('Batch', {
  id: { resolve: (batch: BatchRecord) => batch.id },
  load: (ids: string[], ctx) => ctx.services.batches.loadMany(requireViewer(ctx), ids),
});

BatchRef.implement({
  description: 'Many generations submitted together, with aggregate progress.',
  authScopes: { read: true, generate: true },
  fields: (t) => ({
    kind: t.field({ type: BatchKindEnum, description: 'How its items were made.', resolve: (b) => b.kind }),
    title: t.exposeString('title', { description: 'Its name.' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was submitted.',
      resolve: (b) => b.createdAt,
    }),
    canceledAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was canceled, if it was.',
      resolve: (b) => b.canceledAt,
    }),
    counts: t.field({ type: BatchCountsRef, description: 'Items by state.', resolve: (b) => b.counts }),
    progress: t.exposeFloat('progress', {
      description: 'From 0 to 1 over all items: finished ones count whole, running ones by their progress.',
    }),
    status: t.field({
      type: BatchStatusEnum,
      description: 'Derived from the items.',
      resolve: (b) => statusOf(b.counts),
    }),
    collection: t.field({
      type: CollectionRef,
      nullable: true,
      description: 'The collection its images go to, if any.',
      resolve: (b) => b.collectionId,
    }),
    items: t.connection({
      type: BatchItemRef,
      description: 'Its items in the order given.',
      resolve: (batch, args, ctx) => {
        const viewer = requireViewer(ctx);
        return resolveCursorConnection(
          {
            args,
            toCursor: (item: BatchItemRecord) => ctx.services.batches.itemCursorOf(item),
            defaultSize: MAX_ITEMS,
            maxSize: MAX_ITEMS,
          },
          ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
            ctx.services.batches.items(viewer, batch.id, { before, after, limit, inverted }),
        );
      },
    }),
  }),
});

const BatchPromptInputRef = builder.inputType('BatchPromptInput', {
  description: 'One prompt of a prompt list (a line, or a CSV row).',
  fields: (t) => ({
    prompt: t.string({
      required: true,
      description: `What to draw, up to ${MAX_PROMPT_LENGTH} characters.`,
      validate: freeText('prompt', MAX_PROMPT_LENGTH),
    }),
    negativePrompt: t.string({
      description: "What to leave out; the batch's own when absent.",
      validate: freeText('negativePrompt', MAX_PROMPT_LENGTH),
    }),
    seed: t.int({
      description: "Seed; the batch's own (or random) when absent.",
      validate: z.number().int().min(0).max(2_147_483_647),
    }),
  }),
});

const BatchVariableInputRef = builder.inputType('BatchVariableInput', {
  description: 'The values to try for one template variable.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Variable name.' }),
    options: t.stringList({
      required: true,
      description: 'Values to combine with every value of the other variables.',
      validate: z.array(freeText('option', 500)).max(MAX_ITEMS),
    }),
  }),
});

const BatchMatrixInputRef = builder.inputType('BatchMatrixInput', {
  description: 'A template expanded over every combination of the given values (at most 100 prompts).',
  fields: (t) => ({
    templateId: t.globalID({ for: PromptTemplateRef, required: true, description: 'The template.' }),
    version: t.int({
      description: 'Template version; the latest when absent.',
      validate: z.number().int().min(1),
    }),
    values: t.field({
      type: [BatchVariableInputRef],
      required: true,
      description: 'Values per variable; a variable left out takes its default.',
    }),
  }),
});

const BatchTargetInputRef = builder.inputType('BatchTargetInput', {
  description: 'A provider, and optionally one of its models.',
  fields: (t) => ({
    provider: t.string({ required: true, description: 'Provider id.', validate: z.string().min(1).max(64) }),
    model: t.string({ description: "Model id; the provider's default when absent." }),
  }),
});

const BatchCompareInputRef = builder.inputType('BatchCompareInput', {
  description: 'One prompt across 2–6 providers or models.',
  fields: (t) => ({
    prompt: t.string({
      required: true,
      description: 'What to draw.',
      validate: freeText('prompt', MAX_PROMPT_LENGTH),
    }),
    targets: t.field({ type: [BatchTargetInputRef], required: true, description: 'Where to run it.' }),
  }),
});

const CreateBatchInputRef = builder.inputType('CreateBatchInput', {
  description:
    'A batch: exactly one of `prompts`, `matrix` or `compare`, with parameters shared by every item.',
  fields: (t) => ({
    title: t.string({
      description: 'Its name; made from the first prompt when absent.',
      validate: freeText('title', 200),
    }),
    prompts: t.field({ type: [BatchPromptInputRef], description: 'A list of 1–100 prompts.' }),
    matrix: t.field({ type: BatchMatrixInputRef, description: 'A template × values matrix.' }),
    compare: t.field({ type: BatchCompareInputRef, description: 'One prompt across providers or models.' }),
    provider: t.string({
      description: 'Provider id for every item (local when absent); compare items use their target.',
      validate: z.string().min(1).max(64),
    }),
    ...imageParamFields(t),
    collectionId: t.globalID({ for: CollectionRef, description: 'Send every image to this collection.' }),
    newCollectionName: t.string({
      description: 'Or create a collection with this name for the images.',
      validate: nameText('collection name', 200),
    }),
  }),
});

const BatchUpdateRef = builder.objectRef<BatchEventRecord>('BatchUpdate').implement({
  description: 'A batch after one of its items changed.',
  fields: (t) => ({
    batch: t.field({ type: BatchRef, description: 'The batch now.', resolve: (e) => e.batch }),
    job: t.field({
      type: JobRef,
      nullable: true,
      description: 'The item job that changed; null in the first update (the state now).',
      resolve: (e) => e.job,
    }),
  }),
});

builder.queryFields((t) => ({
  batch: t.field({
    type: BatchRef,
    authScopes: { read: true },
    nullable: true,
    description: "One of the viewer's batches, or null.",
    args: { id: t.arg.globalID({ for: BatchRef, required: true, description: 'Batch id.' }) },
    resolve: (_root, args) => args.id.id,
  }),
  batches: t.connection({
    type: BatchRef,
    authScopes: { read: true },
    description: "The viewer's batches, newest first.",
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return resolveCursorConnection(
        {
          args,
          toCursor: (batch: BatchRecord) => ctx.services.batches.cursorOf(batch),
          defaultSize: 20,
          maxSize: 100,
        },
        ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
          ctx.services.batches.list(viewer, { before, after, limit, inverted }),
      );
    },
  }),
}));

builder.mutationFields((t) => ({
  createBatch: t.field({
    type: BatchRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, QuotaExceededError], directResult: true },
    description:
      'Queue a batch: every item is checked like one generation (a bad one is named by its place, e.g. `input.prompts.3`), and either all are queued or none.',
    args: { input: t.arg({ type: CreateBatchInputRef, required: true, description: 'What to make.' }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.batches.create(requireViewer(ctx), {
        title: input.title ?? null,
        prompts:
          input.prompts?.map((item) => ({
            prompt: item.prompt,
            negativePrompt: item.negativePrompt ?? null,
            seed: item.seed ?? null,
          })) ?? null,
        matrix: input.matrix
          ? {
              templateId: input.matrix.templateId.id,
              version: input.matrix.version ?? null,
              values: input.matrix.values.map((value) => ({ name: value.name, options: value.options })),
            }
          : null,
        compare: input.compare
          ? {
              prompt: input.compare.prompt,
              targets: input.compare.targets.map((target) => ({
                provider: target.provider,
                model: target.model ?? null,
              })),
            }
          : null,
        params: imageParams(input, input.provider ?? null, 1),
        collectionId: input.collectionId?.id ?? null,
        newCollectionName: input.newCollectionName ?? null,
      }),
  }),
  cancelBatch: t.field({
    type: BatchRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError], directResult: true },
    description: 'Stop every item of the batch that has not finished.',
    args: { id: t.arg.globalID({ for: BatchRef, required: true, description: 'Batch id.' }) },
    resolve: (_root, args, ctx) => ctx.services.batches.cancel(requireViewer(ctx), args.id.id),
  }),
  retryFailedBatchItems: t.field({
    type: BatchRef,
    authScopes: { generate: true },
    errors: { types: [NotFoundError, QuotaExceededError, DomainError], directResult: true },
    description:
      'Queue every failed item again, as a new job at the same place (INVALID_STATE when none failed).',
    args: { id: t.arg.globalID({ for: BatchRef, required: true, description: 'Batch id.' }) },
    resolve: (_root, args, ctx) => ctx.services.batches.retryFailed(requireViewer(ctx), args.id.id),
  }),
}));

builder.subscriptionField('batchUpdated', (t) =>
  t.field({
    type: BatchUpdateRef,
    authScopes: { read: true },
    description:
      'The batch now, then after every change of one of its items, ending when none is left unfinished.',
    args: { id: t.arg.globalID({ for: BatchRef, required: true, description: 'Batch id.' }) },
    subscribe: (_root, args, ctx) =>
      withCodedErrors(ctx.services.batches.watch(requireViewer(ctx), args.id.id)),
    // A subscription keeps one context for its lifetime; without this, loaded fields would stay stale.
    resolve: (event, _args, ctx) => {
      clearAllDataLoaders(ctx);
      return event;
    },
  }),
);
