import type {
  InsightsBatchRow,
  InsightsCostPoint,
  InsightsCostSummary,
  InsightsFailureRow,
  InsightsFallbackRow,
  InsightsKeepRow,
  InsightsPersonCost,
  InsightsRecord,
  InsightsReliabilityRow,
  InsightsSpeedPoint,
  InsightsSpeedRow,
  InsightsTopEntry,
  InsightsTopPrompt,
  InsightsVolumePoint,
} from '@atelier/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder';
import { requireViewer } from '../viewer';
import { CollectionRef } from './collection';
import { ImageOperationEnum } from './operation';
import { StylePresetRef } from './preset';
import { PromptTemplateRef } from './template';

const RangePresetEnum = builder.enumType('InsightsRangePreset', {
  description: 'A range that ends now.',
  values: {
    LAST_24_HOURS: { description: 'The last 24 hours.' },
    LAST_7_DAYS: { description: 'The last 7 days.' },
    LAST_30_DAYS: { description: 'The last 30 days.' },
    LAST_90_DAYS: { description: 'The last 90 days.' },
  },
});

const ScopeEnum = builder.enumType('InsightsScope', {
  description: 'Whose numbers.',
  values: {
    PERSON: { description: "The viewer's own jobs and images." },
    INSTANCE: { description: "Everyone's (admins only)." },
  },
});

const JobOriginEnum = builder.enumType('JobOrigin', {
  description: 'Where a job was asked for.',
  values: {
    WEB: { description: 'The web app (a browser session).' },
    API: { description: 'A third-party client with an API token.' },
    MCP: { description: 'An assistant over MCP.' },
    BATCH: { description: 'An item of a batch.' },
  },
});

const DimensionEnum = builder.enumType('InsightsDimension', {
  description: 'What a keep-rate row is about.',
  values: {
    PROVIDER: { description: 'A provider id.' },
    MODEL: { description: 'A model id.' },
    PRESET: { description: 'A style preset (key: its global id).' },
    TEMPLATE: { description: 'A prompt template (key: its global id).' },
  },
});

const RangeInput = builder.inputType('InsightsRangeInput', {
  description: 'Either a preset, or from and until (at most 366 days apart).',
  fields: (t) => ({
    preset: t.field({ type: RangePresetEnum, description: 'A range that ends now.' }),
    from: t.field({ type: 'DateTime', description: 'Start (inclusive).' }),
    until: t.field({ type: 'DateTime', description: 'End (exclusive).' }),
  }),
});

const FilterInput = builder.inputType('InsightsFilterInput', {
  description: 'Narrows every figure; a null or empty field means any.',
  fields: (t) => ({
    providers: t.stringList({ description: 'Provider ids.' }),
    models: t.stringList({ description: 'Model ids.' }),
    operations: t.field({ type: [ImageOperationEnum], description: 'Operations.' }),
    presetIds: t.globalIDList({ for: StylePresetRef, description: 'Style presets applied.' }),
    templateIds: t.globalIDList({ for: PromptTemplateRef, description: 'Templates the prompt came from.' }),
    collectionId: t.globalID({
      for: CollectionRef,
      description: 'Only images in (and jobs that filled) this collection.',
    }),
    origins: t.field({ type: [JobOriginEnum], description: 'Where the jobs were asked for.' }),
  }),
});

const day = (description: string) => ({ type: 'DateTime' as const, description });

const VolumeRef = builder.objectRef<InsightsVolumePoint>('InsightsVolumePoint').implement({
  description: 'Jobs and images of one day, provider and operation.',
  fields: (t) => ({
    day: t.field({ ...day('The UTC day (midnight).'), resolve: (p) => p.day }),
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    operation: t.field({ type: ImageOperationEnum, description: 'Operation.', resolve: (p) => p.operation }),
    jobs: t.exposeInt('jobs', { description: 'Jobs that ended.' }),
    images: t.exposeInt('images', { description: 'Images they made.' }),
  }),
});

const ms = (description: string) => ({ nullable: true as const, description });

const SpeedRef = builder.objectRef<InsightsSpeedRow>('InsightsSpeedRow').implement({
  description: 'How long jobs of one provider and model took (estimated from histograms, ±15%).',
  fields: (t) => ({
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    model: t.exposeString('model', { description: 'Model id.' }),
    jobs: t.exposeInt('jobs', { description: 'Jobs that ended.' }),
    queueWaitP50Ms: t.exposeFloat('queueWaitP50Ms', ms('Median wait before a worker took the job.')),
    queueWaitP95Ms: t.exposeFloat('queueWaitP95Ms', ms('95th percentile of that wait.')),
    providerP50Ms: t.exposeFloat('providerP50Ms', ms('Median time in provider calls.')),
    providerP95Ms: t.exposeFloat('providerP95Ms', ms('95th percentile of provider time.')),
    totalP50Ms: t.exposeFloat('totalP50Ms', ms('Median time from asking to ended.')),
    totalP95Ms: t.exposeFloat('totalP95Ms', ms('95th percentile of total time.')),
  }),
});

const SpeedPointRef = builder.objectRef<InsightsSpeedPoint>('InsightsSpeedPoint').implement({
  description: 'Total time of one day and provider.',
  fields: (t) => ({
    day: t.field({ ...day('The UTC day (midnight).'), resolve: (p) => p.day }),
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    totalP50Ms: t.exposeFloat('totalP50Ms', ms('Median total time.')),
    totalP95Ms: t.exposeFloat('totalP95Ms', ms('95th percentile of total time.')),
  }),
});

const ReliabilityRef = builder.objectRef<InsightsReliabilityRow>('InsightsReliabilityRow').implement({
  description: 'How jobs of one provider (the last one tried) and model ended.',
  fields: (t) => ({
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    model: t.exposeString('model', { description: 'Model id.' }),
    jobs: t.exposeInt('jobs', { description: 'Jobs that ended.' }),
    succeeded: t.exposeInt('succeeded', { description: 'Succeeded.' }),
    failed: t.exposeInt('failed', { description: 'Failed.' }),
    canceled: t.exposeInt('canceled', { description: 'Canceled.' }),
    successRate: t.exposeFloat('successRate', { description: 'succeeded ÷ jobs (0…1).' }),
    retries: t.exposeInt('retries', { description: 'Calls that retried the same provider.' }),
    fallbacks: t.exposeInt('fallbacks', { description: 'Moves to the next provider of a fallback chain.' }),
  }),
});

const FailureRef = builder.objectRef<InsightsFailureRow>('InsightsFailureRow').implement({
  description: 'Failed jobs by the error code they ended with.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Error code (RATE_LIMIT, API_ERROR…).' }),
    count: t.exposeInt('count', { description: 'Jobs.' }),
  }),
});

const FallbackRef = builder.objectRef<InsightsFallbackRow>('InsightsFallbackRow').implement({
  description: 'Jobs a fallback chain finished on another provider than the first.',
  fields: (t) => ({
    firstProvider: t.exposeString('firstProvider', { description: 'The provider tried first.' }),
    finishedBy: t.exposeString('finishedBy', { description: 'The provider that made the images.' }),
    jobs: t.exposeInt('jobs', { description: 'Jobs.' }),
  }),
});

const CostRef = builder.objectRef<InsightsCostPoint>('InsightsCostPoint').implement({
  description: 'Spend of one day, provider and model.',
  fields: (t) => ({
    day: t.field({ ...day('The UTC day (midnight).'), resolve: (p) => p.day }),
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    model: t.exposeString('model', { description: 'Model id.' }),
    costUsd: t.exposeFloat('costUsd', { description: 'What the providers charged, in US dollars.' }),
    images: t.exposeInt('images', { description: 'Images made.' }),
  }),
});

const CostSummaryRef = builder.objectRef<InsightsCostSummary>('InsightsCostSummary').implement({
  description: 'Spend over the range and this (UTC) month.',
  fields: (t) => ({
    totalUsd: t.exposeFloat('totalUsd', { description: 'Spend over the range.' }),
    perImageUsd: t.exposeFloat('perImageUsd', {
      nullable: true,
      description: 'Spend per image made; null without images.',
    }),
    monthToDateUsd: t.exposeFloat('monthToDateUsd', { description: 'Spend since the 1st of this month.' }),
    projectedMonthUsd: t.exposeFloat('projectedMonthUsd', { description: 'The month at the pace so far.' }),
  }),
});

const PersonCostRef = builder.objectRef<InsightsPersonCost>('InsightsPersonCost').implement({
  description: "One person's spend (instance scope).",
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'Account id.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    costUsd: t.exposeFloat('costUsd', { description: 'Spend over the range.' }),
    images: t.exposeInt('images', { description: 'Images made.' }),
  }),
});

const int = (description: string) => ({ description });

const KeepRef = builder.objectRef<InsightsKeepRow>('InsightsKeepRow').implement({
  description:
    'Of the images made, how many were kept: starred, tagged, collected, downloaded, shared or re-used, and not trashed.',
  fields: (t) => ({
    dimension: t.field({ type: DimensionEnum, description: 'What `key` is.', resolve: (r) => r.dimension }),
    key: t.string({
      description: 'Provider or model id, or the global id of the preset or template.',
      resolve: (r) =>
        r.dimension === 'PRESET'
          ? encodeGlobalID('StylePreset', r.key)
          : r.dimension === 'TEMPLATE'
            ? encodeGlobalID('PromptTemplate', r.key)
            : r.key,
    }),
    label: t.exposeString('label', { description: 'What to show.' }),
    images: t.exposeInt('images', int('Images made.')),
    starred: t.exposeInt('starred', int('Starred.')),
    tagged: t.exposeInt('tagged', int('With a tag.')),
    collected: t.exposeInt('collected', int('In a collection.')),
    downloaded: t.exposeInt('downloaded', int('Downloaded by their owner.')),
    shared: t.exposeInt('shared', int('With a share link, or opened through one.')),
    reused: t.exposeInt(
      'reused',
      int('The source of a variation, edit, adjustment, restyle, enhance or outpaint.'),
    ),
    trashed: t.exposeInt('trashed', int('In the trash (never counted as kept).')),
    keepRate: t.exposeFloat('keepRate', { description: 'Kept ÷ images (0…1).' }),
  }),
});

const TopPromptRef = builder.objectRef<InsightsTopPrompt>('InsightsTopPrompt').implement({
  description: 'A prompt by use.',
  fields: (t) => ({
    prompt: t.exposeString('prompt', { description: 'The prompt.' }),
    uses: t.exposeInt('uses', { description: 'Jobs that made images with it.' }),
    keepRate: t.exposeFloat('keepRate', { description: 'Kept ÷ images (0…1).' }),
  }),
});

const TopEntryRef = builder.objectRef<InsightsTopEntry & { type: string }>('InsightsTopEntry').implement({
  description: 'A template or preset by use.',
  fields: (t) => ({
    id: t.id({ description: 'Its global id.', resolve: (e) => encodeGlobalID(e.type, e.id) }),
    name: t.exposeString('name', { description: 'Its name.' }),
    uses: t.exposeInt('uses', { description: 'Jobs that made images with it.' }),
    keepRate: t.exposeFloat('keepRate', { description: 'Kept ÷ images (0…1).' }),
  }),
});

const BatchRowRef = builder.objectRef<InsightsBatchRow>('InsightsBatchRow').implement({
  description: 'One provider of one "compare" batch.',
  fields: (t) => ({
    batchId: t.id({
      description: "The batch's global id.",
      resolve: (b) => encodeGlobalID('Batch', b.batchId),
    }),
    provider: t.exposeString('provider', { description: 'Provider id.' }),
    jobs: t.exposeInt('jobs', { description: 'Jobs that ended.' }),
    totalP50Ms: t.exposeFloat('totalP50Ms', { nullable: true, description: 'Median total time.' }),
    costUsd: t.exposeFloat('costUsd', { description: 'Spend.' }),
    keepRate: t.exposeFloat('keepRate', { description: 'Kept ÷ images (0…1).' }),
  }),
});

const InsightsRef = builder.objectRef<InsightsRecord>('Insights').implement({
  description: 'What each provider, model, preset and template costs, how fast and how good it is.',
  fields: (t) => ({
    scope: t.field({ type: ScopeEnum, description: 'Whose numbers.', resolve: (i) => i.scope }),
    from: t.field({ type: 'DateTime', description: 'Range start.', resolve: (i) => i.from }),
    until: t.field({ type: 'DateTime', description: 'Range end.', resolve: (i) => i.until }),
    volume: t.field({
      type: [VolumeRef],
      description: 'Per day, provider and operation.',
      resolve: (i) => i.volume,
    }),
    speed: t.field({ type: [SpeedRef], description: 'Per provider and model.', resolve: (i) => i.speed }),
    speedOverTime: t.field({
      type: [SpeedPointRef],
      description: 'Per day and provider.',
      resolve: (i) => i.speedOverTime,
    }),
    reliability: t.field({
      type: [ReliabilityRef],
      description: 'Per provider and model.',
      resolve: (i) => i.reliability,
    }),
    failures: t.field({
      type: [FailureRef],
      description: 'Failed jobs by error code.',
      resolve: (i) => i.failures,
    }),
    fallbackFinishers: t.field({
      type: [FallbackRef],
      description: 'Which provider finished jobs their first provider did not.',
      resolve: (i) => i.fallbackFinishers,
    }),
    cost: t.field({ type: [CostRef], description: 'Per day, provider and model.', resolve: (i) => i.cost }),
    costSummary: t.field({
      type: CostSummaryRef,
      description: 'Totals and the month.',
      resolve: (i) => i.costSummary,
    }),
    costByPerson: t.field({
      type: [PersonCostRef],
      description: 'Per person (INSTANCE scope; empty for PERSON).',
      resolve: (i) => i.costByPerson,
    }),
    keepRate: t.field({
      type: [KeepRef],
      description: 'Per provider, model, preset and template.',
      resolve: (i) => i.keepRate,
    }),
    topPrompts: t.field({
      type: [TopPromptRef],
      description: 'The 10 most used prompts.',
      resolve: (i) => i.topPrompts,
    }),
    topTemplates: t.field({
      type: [TopEntryRef],
      description: 'The 10 most used templates.',
      resolve: (i) => i.topTemplates.map((e) => ({ ...e, type: 'PromptTemplate' })),
    }),
    topPresets: t.field({
      type: [TopEntryRef],
      description: 'The 10 most used style presets.',
      resolve: (i) => i.topPresets.map((e) => ({ ...e, type: 'StylePreset' })),
    }),
    batchComparisons: t.field({
      type: [BatchRowRef],
      description: '"Compare" batches, per provider.',
      resolve: (i) => i.batchComparisons,
    }),
  }),
});

builder.queryField('insights', (t) =>
  t.field({
    type: InsightsRef,
    authScopes: { read: true },
    description: 'Insights over a range: your own (PERSON), or the whole instance (INSTANCE, admins only).',
    args: {
      range: t.arg({ type: RangeInput, required: true, description: 'When.' }),
      filter: t.arg({ type: FilterInput, description: 'What.' }),
      scope: t.arg({ type: ScopeEnum, defaultValue: 'PERSON', description: 'Whose.' }),
    },
    resolve: (_root, { range, filter, scope }, ctx) => {
      const some = <T>(values: readonly T[] | null | undefined) =>
        values && values.length > 0 ? [...values] : null;
      return ctx.services.insights.insights(
        requireViewer(ctx),
        { preset: range.preset ?? null, from: range.from ?? null, until: range.until ?? null },
        {
          providers: some(filter?.providers),
          models: some(filter?.models),
          operations: some(filter?.operations),
          presetIds: some(filter?.presetIds?.map((id) => id.id)),
          templateIds: some(filter?.templateIds?.map((id) => id.id)),
          collectionId: filter?.collectionId?.id ?? null,
          origins: some(filter?.origins),
        },
        scope ?? 'PERSON',
      );
    },
  }),
);
