import {
  DomainError,
  type ErrorPayload,
  type JobInput,
  type JobKind,
  type JobRecord,
  NotFoundError,
} from '@atelier/domain';
import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { builder } from '../builder';
import type { Attempt } from '@atelier/providers';
import { withCodedErrors } from '../coded-errors';
import { providerId } from '../text';
import { filterChoices } from '../validators';
import { requireViewer } from '../viewer';
import { ErrorCodeEnum } from './error';
import { ImageRef } from './image';
import { ImageQualityEnum } from './quality';
import { ImageOperationEnum, MagicPromptEnum, VariationStrengthEnum } from './operation';

const JobStatusEnum = builder.enumType('JobStatus', {
  description: 'Where a job is in its life: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELED.',
  values: {
    QUEUED: { description: 'Waiting for a worker.' },
    RUNNING: { description: 'A worker is on it; see `progress` and `stage`.' },
    SUCCEEDED: { description: 'Finished; its images are stored.' },
    FAILED: { description: 'Gave up; see `error`.' },
    CANCELED: { description: 'Stopped on request; the images it had already finished are kept.' },
  },
});

const JobAttemptRef = builder.objectRef<Attempt>('JobAttempt').implement({
  description: 'One call to one provider while running a job (retries and fallbacks each add one).',
  fields: (t) => ({
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    model: t.exposeString('model', { nullable: true, description: 'Model id.' }),
    outcome: t.exposeString('outcome', {
      description:
        'SUCCEEDED; INTERRUPTED when the worker making the call stopped before it ended (the job ran again); or the error code it failed with.',
    }),
    message: t.exposeString('message', { nullable: true, description: 'What went wrong, when it failed.' }),
    startedAt: t.field({
      type: 'DateTime',
      description: 'When the call started.',
      resolve: (a) => new Date(a.startedAt),
    }),
    finishedAt: t.field({
      type: 'DateTime',
      description: 'When it ended.',
      resolve: (a) => new Date(a.finishedAt),
    }),
    latencyMs: t.exposeInt('latencyMs', { description: 'How long it took.' }),
    costUsd: t.exposeFloat('costUsd', {
      nullable: true,
      description: 'What the provider says it charged, in US dollars.',
    }),
    withheld: t.exposeInt('withheld', { description: 'Images the provider made but withheld as unsafe.' }),
  }),
});

const JobErrorRef = builder.objectRef<ErrorPayload>('JobError').implement({
  description: 'Why a job failed (the original ErrorResponse).',
  fields: (t) => ({
    code: t.field({
      type: ErrorCodeEnum,
      description: 'Machine-readable reason.',
      resolve: (e) => e.code as never,
    }),
    message: t.exposeString('message', { description: 'What went wrong and what to do.' }),
    retryable: t.exposeBoolean('retryable', { description: 'Whether submitting again may succeed.' }),
    details: t.field({
      type: 'JSON',
      description: 'Extra facts, e.g. provider reasons.',
      resolve: (e) => e.details,
    }),
  }),
});

const JobInputRef = builder.objectRef<JobInput>('JobInput').implement({
  description: 'What was asked for, with every default filled in.',
  fields: (t) => ({
    prompt: t.exposeString('prompt', { description: 'The prompt.' }),
    provider: t.exposeString('provider', { description: 'Provider id (the first choice).' }),
    model: t.exposeString('model', { nullable: true, description: 'Model id.' }),
    count: t.exposeInt('count', { description: 'Number of images.' }),
    width: t.exposeInt('width', { nullable: true, description: 'Width in pixels.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Height in pixels.' }),
    quality: t.field({
      type: ImageQualityEnum,
      nullable: true,
      description: 'Quality.',
      resolve: (i) => i.quality,
    }),
    style: t.exposeString('style', { nullable: true, description: 'Style name.' }),
    negativePrompt: t.exposeString('negativePrompt', { nullable: true, description: 'What to avoid.' }),
    seed: t.exposeInt('seed', { nullable: true, description: 'Seed.' }),
    steps: t.exposeInt('steps', { nullable: true, description: 'Steps.' }),
    aspectRatio: t.exposeString('aspectRatio', {
      nullable: true,
      description: 'Aspect ratio "W:H", for aspect-ratio models.',
    }),
    magicPrompt: t.field({
      type: MagicPromptEnum,
      nullable: true,
      description: 'Whether the provider may rewrite the prompt.',
      resolve: (i) => i.magicPrompt,
    }),
    fallbackProviders: t.exposeStringList('fallbackProviders', {
      description: 'Providers tried next, in order.',
    }),
    sourceImage: t.field({
      type: ImageRef,
      nullable: true,
      description: 'The image worked on (variations, enhance, restyle, edit).',
      resolve: (i) => i.sourceImageId,
    }),
    strength: t.field({
      type: VariationStrengthEnum,
      nullable: true,
      description: 'How far variations may stray.',
      resolve: (i) => i.strength,
    }),
    scale: t.exposeInt('scale', { nullable: true, description: 'Upscale factor, for enhance.' }),
    styleText: t.exposeString('styleText', { nullable: true, description: 'Target style, for restyle.' }),
    styleReferenceImage: t.field({
      type: ImageRef,
      nullable: true,
      description: 'Style reference image, for restyle.',
      resolve: (i) => i.styleReferenceImageId,
    }),
  }),
});

export const JobRef = builder.loadableNodeRef('Job', {
  id: { resolve: (job: JobRecord) => job.id },
  load: (ids: string[], ctx) => ctx.services.jobs.loadMany(requireViewer(ctx), ids),
});

JobRef.implement({
  description: 'A unit of work on a worker, with live progress.',
  // A generate-only token still reads what its own mutation returns; lookups by id need `read`.
  authScopes: { read: true, generate: true },
  fields: (t) => ({
    kind: t.field({ type: ImageOperationEnum, description: 'What it does.', resolve: (j) => j.kind }),
    status: t.field({ type: JobStatusEnum, description: 'Where it is.', resolve: (j) => j.status }),
    stage: t.exposeString('stage', { nullable: true, description: 'What it is doing, in words.' }),
    progress: t.exposeFloat('progress', { description: 'From 0 to 1.' }),
    seq: t.exposeInt('seq', {
      description: 'Grows by one on every change; pass it as `afterSeq` to resume.',
    }),
    provider: t.exposeString('provider', { description: 'The provider now (or last) working on it.' }),
    input: t.field({ type: JobInputRef, description: 'What was asked for.', resolve: (j) => j.input }),
    attempts: t.field({
      type: [JobAttemptRef],
      description:
        'Every request made to a provider so far, in the order they ended: retries and fallbacks, requests a provider sent again after a 429, and the call a cancel cut short (CANCELED).',
      resolve: (j) => j.attempts,
    }),
    durationMs: t.int({
      nullable: true,
      description: 'How long it ran, from a worker taking it to its end; null until it has ended.',
      resolve: (j) =>
        j.startedAt && j.finishedAt ? Math.max(0, j.finishedAt.getTime() - j.startedAt.getTime()) : null,
    }),
    costUsd: t.float({
      nullable: true,
      description:
        'What its provider calls cost in all, in US dollars; null when no provider reported a cost.',
      resolve: (j) => totalCost(j.attempts),
    }),
    error: t.field({
      type: JobErrorRef,
      nullable: true,
      description: 'Why it failed.',
      resolve: (j) => j.error,
    }),
    preview: t.exposeString('preview', {
      nullable: true,
      description: 'The latest low-resolution preview as a data: URL, while running.',
    }),
    queuePosition: t.int({
      nullable: true,
      description: 'While queued: 1 for the next job to start.',
      resolve: (j, _args, ctx) => ctx.services.jobs.queuePosition(requireViewer(ctx), j),
    }),
    images: t.loadableList({
      type: ImageRef,
      description:
        'The images it made: all of them once it has succeeded, those already finished when canceled.',
      // Keyed by state: every subscriber a change wakes asks for the same `id@seq`, and shares one read.
      load: (keys: string[], ctx) => ctx.services.jobs.imagesAtSeq(requireViewer(ctx), keys.map(jobAtSeq)),
      resolve: (j) => `${j.id}@${j.seq}`,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was submitted.',
      resolve: (j) => j.createdAt,
    }),
    startedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a worker took it.',
      resolve: (j) => j.startedAt,
    }),
    finishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it ended.',
      resolve: (j) => j.finishedAt,
    }),
    updatedAt: t.field({ type: 'DateTime', description: 'Last change.', resolve: (j) => j.updatedAt }),
  }),
});

builder.queryFields((t) => ({
  job: t.field({
    type: JobRef,
    authScopes: { read: true },
    nullable: true,
    description: "One of the viewer's jobs, or null.",
    args: { id: t.arg.globalID({ for: JobRef, required: true, description: 'Job id.' }) },
    resolve: (_root, args) => args.id.id,
  }),
  jobs: t.connection({
    type: JobRef,
    authScopes: { read: true },
    description: "The viewer's jobs, newest first; every filter given narrows the list.",
    args: {
      statuses: t.arg({
        type: [JobStatusEnum],
        description: 'Only jobs in one of these statuses, e.g. [QUEUED, RUNNING].',
      }),
      providers: t.arg.stringList({
        description: 'Only jobs last worked on by one of these providers (ids, e.g. ["flux"]).',
        validate: filterChoices(providerId),
      }),
      kinds: t.arg({ type: [ImageOperationEnum], description: 'Only jobs doing one of these operations.' }),
      createdFrom: t.arg({ type: 'DateTime', description: 'Only jobs submitted at or after this time.' }),
      createdUntil: t.arg({ type: 'DateTime', description: 'Only jobs submitted before this time.' }),
    },
    resolve: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const filter = {
        statuses: args.statuses ?? null,
        providers: args.providers ?? null,
        kinds: (args.kinds ?? null) as JobKind[] | null,
        createdFrom: args.createdFrom ?? null,
        createdUntil: args.createdUntil ?? null,
      };
      return resolveCursorConnection(
        {
          args,
          toCursor: (job: JobRecord) => ctx.services.jobs.cursorOf(job),
          defaultSize: 20,
          maxSize: 100,
        },
        ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
          ctx.services.jobs.list(viewer, filter, { before, after, limit, inverted }),
      );
    },
  }),
}));

builder.mutationField('cancelJob', (t) =>
  t.field({
    type: JobRef,
    authScopes: { generate: true },
    description: 'Stop a queued or running job. Canceling a finished job is an INVALID_STATE error.',
    errors: { types: [NotFoundError, DomainError], directResult: true },
    args: { id: t.arg.globalID({ for: JobRef, required: true, description: 'Job id.' }) },
    resolve: (_root, args, ctx) => ctx.services.jobs.cancel(requireViewer(ctx), args.id.id),
  }),
);

builder.mutationField('retryJob', (t) =>
  t.field({
    type: JobRef,
    authScopes: { generate: true },
    description:
      'Queue a new job with the same input as a finished one (same prompt, provider, parameters and seed). Retrying a job still queued or running is an INVALID_STATE error.',
    errors: { types: [NotFoundError, DomainError], directResult: true },
    args: { id: t.arg.globalID({ for: JobRef, required: true, description: 'The job to run again.' }) },
    resolve: (_root, args, ctx) => ctx.services.jobs.retry(requireViewer(ctx), args.id.id),
  }),
);

builder.subscriptionField('jobUpdated', (t) =>
  t.field({
    type: JobRef,
    authScopes: { read: true },
    description:
      'The job now, then on every change, ending at a terminal status. With `afterSeq`, states the client already has are skipped.',
    args: {
      id: t.arg.globalID({ for: JobRef, required: true, description: 'Job id.' }),
      afterSeq: t.arg.int({ description: 'The last `seq` the client has seen.' }),
    },
    subscribe: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      return withCodedErrors(ctx.services.jobs.watch(viewer, args.id.id, args.afterSeq ?? 0));
    },
    // A subscription keeps one context for its lifetime; without this, `images` would stay as first loaded.
    resolve: (job, _args, ctx) => {
      clearAllDataLoaders(ctx);
      return job;
    },
  }),
);

function jobAtSeq(key: string): { id: string; seq: number } {
  const at = key.lastIndexOf('@');
  return { id: key.slice(0, at), seq: Number(key.slice(at + 1)) };
}

function totalCost(attempts: readonly { costUsd: number | null }[]): number | null {
  const costs = attempts.map((attempt) => attempt.costUsd).filter((cost): cost is number => cost !== null);
  return costs.length > 0 ? costs.reduce((sum, cost) => sum + cost, 0) : null;
}
