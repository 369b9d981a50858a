import type { ModelInfo, ProviderCapabilities, SizeRule } from '@atelier/providers';
import { builder } from '../builder';
import type { ProviderInfo } from '../context';

const ModelRef = builder.objectRef<ModelInfo>('ProviderModel').implement({
  description: 'A model a provider offers.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Pass this as `model` when generating.' }),
    name: t.exposeString('name', { description: 'Human-readable name.' }),
    description: t.exposeString('description', { description: 'What the model is good at.' }),
  }),
});

const SizeRuleRef = builder.objectRef<SizeRule>('SizeRule').implement({
  description: 'Allowed widths and heights: each within [min, max] and a multiple of `multipleOf`.',
  fields: (t) => ({
    min: t.exposeInt('min', { description: 'Smallest side in pixels.' }),
    max: t.exposeInt('max', { description: 'Largest side in pixels.' }),
    multipleOf: t.exposeInt('multipleOf', { description: 'Each side must be a multiple of this.' }),
    maxPixels: t.exposeInt('maxPixels', { description: 'Largest width × height.' }),
  }),
});

const StepsRuleRef = builder.objectRef<NonNullable<ProviderCapabilities['steps']>>('StepsRule').implement({
  description: 'Allowed number of refinement steps.',
  fields: (t) => ({
    min: t.exposeInt('min', { description: 'Fewest steps.' }),
    max: t.exposeInt('max', { description: 'Most steps.' }),
    default: t.exposeInt('default', { description: 'Steps used when none are given.' }),
  }),
});

const CapabilitiesRef = builder.objectRef<ProviderCapabilities>('ProviderCapabilities').implement({
  description: 'What a provider can do; the Generate form follows it and the server enforces it.',
  fields: (t) => ({
    models: t.field({ type: [ModelRef], description: 'Models on offer.', resolve: (c) => [...c.models] }),
    defaultModel: t.exposeString('defaultModel', { description: 'Model used when none is given.' }),
    size: t.field({ type: SizeRuleRef, description: 'Allowed sizes.', resolve: (c) => c.size }),
    maxCount: t.exposeInt('maxCount', { description: 'Most images per request.' }),
    styles: t.stringList({ description: 'Style names accepted in `style`.', resolve: (c) => [...c.styles] }),
    steps: t.field({
      type: StepsRuleRef,
      nullable: true,
      description: 'Allowed steps, or null when the provider takes none.',
      resolve: (c) => c.steps,
    }),
    supportsNegativePrompt: t.exposeBoolean('supportsNegativePrompt', {
      description: 'Whether `negativePrompt` applies.',
    }),
    supportsSeed: t.exposeBoolean('supportsSeed', { description: 'Whether `seed` applies.' }),
    supportsQuality: t.exposeBoolean('supportsQuality', { description: 'Whether `quality` applies.' }),
    maxPromptLength: t.exposeInt('maxPromptLength', { description: 'Longest prompt in characters.' }),
  }),
});

const ProviderRef = builder.objectRef<ProviderInfo>('ProviderInfo').implement({
  description: 'An image provider and whether it can be used now.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Pass this as `provider` when generating.' }),
    displayName: t.exposeString('displayName', { description: 'Name to show people.' }),
    description: t.exposeString('description', {
      description: 'What it is, including whether it is an AI model.',
    }),
    available: t.boolean({
      description: 'Whether requests can be sent now.',
      resolve: (p) => p.availability.available,
    }),
    unavailableReason: t.string({
      nullable: true,
      description: 'Why it cannot be used, e.g. a missing key, and what to do.',
      resolve: (p) => p.availability.reason,
    }),
    capabilities: t.field({
      type: CapabilitiesRef,
      description: 'What it can do.',
      resolve: (p) => p.capabilities,
    }),
  }),
});

builder.queryField('providers', (t) =>
  t.field({
    type: [ProviderRef],
    description: 'Every provider this server knows, available or not.',
    resolve: (_root, _args, ctx) => ctx.services.providers.list(),
  }),
);
