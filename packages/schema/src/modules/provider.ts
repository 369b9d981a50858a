import type { ProviderInfo } from '@atelier/domain';
import type {
  EnhanceCapability,
  ModelCapabilities,
  OutpaintCapability,
  ProviderCapabilities,
  RestyleCapability,
  SizeRule,
  StepsRule,
} from '@atelier/providers';
import { builder } from '../builder';
import { ImageOperationEnum } from './operation';

const SizeRuleRef = builder.objectRef<SizeRule>('SizeRule').implement({
  description: 'Allowed widths and heights: each within [min, max] and a multiple of `multipleOf`.',
  fields: (t) => ({
    min: t.exposeInt('min', { description: 'Smallest side in pixels.' }),
    max: t.exposeInt('max', { description: 'Largest side in pixels.' }),
    multipleOf: t.exposeInt('multipleOf', { description: 'Each side must be a multiple of this.' }),
    maxPixels: t.exposeInt('maxPixels', { description: 'Largest width × height.' }),
  }),
});

const StepsRuleRef = builder.objectRef<StepsRule>('StepsRule').implement({
  description: 'Allowed number of refinement steps.',
  fields: (t) => ({
    min: t.exposeInt('min', { description: 'Fewest steps.' }),
    max: t.exposeInt('max', { description: 'Most steps.' }),
    default: t.exposeInt('default', { description: 'Steps used when none are given.' }),
  }),
});

const ModelRef = builder.objectRef<ModelCapabilities>('ProviderModel').implement({
  description: 'A model a provider offers, with what it accepts; the Generate form follows it.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Pass this as `model`.' }),
    name: t.exposeString('name', { description: 'Human-readable name.' }),
    description: t.exposeString('description', { description: 'What the model is good at.' }),
    operations: t.field({
      type: [ImageOperationEnum],
      description: 'What it can be asked to do.',
      resolve: (m) => [...m.operations],
    }),
    size: t.field({
      type: SizeRuleRef,
      nullable: true,
      description: 'Allowed pixel sizes, or null when the model takes an aspect ratio instead.',
      resolve: (m) => m.size,
    }),
    aspectRatios: t.stringList({
      description: 'Accepted aspect ratios as "W:H", when the model takes one.',
      resolve: (m) => [...m.aspectRatios],
    }),
    maxCount: t.exposeInt('maxCount', { description: 'Most images per request.' }),
    styles: t.stringList({ description: 'Style names accepted in `style`.', resolve: (m) => [...m.styles] }),
    steps: t.field({
      type: StepsRuleRef,
      nullable: true,
      description: 'Allowed steps, or null when the model takes none.',
      resolve: (m) => m.steps,
    }),
    supportsNegativePrompt: t.exposeBoolean('supportsNegativePrompt', {
      description: 'Whether `negativePrompt` applies.',
    }),
    supportsSeed: t.exposeBoolean('supportsSeed', { description: 'Whether `seed` applies.' }),
    supportsQuality: t.exposeBoolean('supportsQuality', { description: 'Whether `quality` applies.' }),
    supportsMagicPrompt: t.exposeBoolean('supportsMagicPrompt', {
      description: 'Whether the provider can rewrite the prompt (`magicPrompt`).',
    }),
    maxPromptLength: t.exposeInt('maxPromptLength', { description: 'Longest prompt in characters.' }),
  }),
});

const EnhanceRef = builder.objectRef<EnhanceCapability>('EnhanceCapability').implement({
  description: 'How a provider enhances (upscales) images.',
  fields: (t) => ({
    scales: t.exposeIntList('scales', { description: 'Accepted upscale factors.' }),
    ai: t.exposeBoolean('ai', { description: 'Whether a learned (AI) model does the work.' }),
    note: t.exposeString('note', { description: 'Who does the work, in plain words.' }),
  }),
});

const RestyleRef = builder.objectRef<RestyleCapability>('RestyleCapability').implement({
  description: 'How a provider restyles images.',
  fields: (t) => ({
    fromText: t.exposeBoolean('fromText', { description: 'From a style name or description.' }),
    fromReference: t.exposeBoolean('fromReference', { description: 'From a reference image.' }),
    note: t.exposeString('note', { description: 'What it really does, in plain words.' }),
  }),
});

const OutpaintRef = builder.objectRef<OutpaintCapability>('OutpaintCapability').implement({
  description: 'How a provider expands the canvas of an image (outpainting), and within which limits.',
  fields: (t) => ({
    maxMargin: t.exposeInt('maxMargin', {
      nullable: true,
      description: "Largest margin on one side, in the image's pixels; null when only the new shape matters.",
    }),
    maxSide: t.exposeInt('maxSide', { description: 'Largest side of the expanded picture, in pixels.' }),
    prompt: t.exposeBoolean('prompt', { description: 'Whether a prompt guides what fills the new area.' }),
    squareSourceOnly: t.exposeBoolean('squareSourceOnly', {
      description: 'Whether only square images can be expanded.',
    }),
    centredOnly: t.exposeBoolean('centredOnly', {
      description: 'Whether the image stays centred: left must equal right, and top bottom.',
    }),
    resolutions: t.stringList({
      description:
        'Sizes ("WxH") the provider delivers, the one closest in shape to the expanded canvas; empty when the result is exactly the image plus the margins.',
      resolve: (c) => [...c.resolutions],
    }),
    shapeTolerance: t.exposeFloat('shapeTolerance', {
      description: 'How far (a fraction) the delivered shape may differ from the expanded canvas.',
    }),
    note: t.exposeString('note', { description: 'What it really does, in plain words.' }),
  }),
});

const CapabilitiesRef = builder.objectRef<ProviderCapabilities>('ProviderCapabilities').implement({
  description: 'What a provider can do; the forms follow it and the server enforces it.',
  fields: (t) => ({
    models: t.field({ type: [ModelRef], description: 'Models on offer.', resolve: (c) => [...c.models] }),
    defaultModel: t.exposeString('defaultModel', { description: 'Model used when none is given.' }),
    enhance: t.field({
      type: EnhanceRef,
      nullable: true,
      description: 'How it enhances, or null when it cannot.',
      resolve: (c) => c.enhance,
    }),
    restyle: t.field({
      type: RestyleRef,
      nullable: true,
      description: 'How it restyles, or null when it cannot.',
      resolve: (c) => c.restyle,
    }),
    outpaint: t.field({
      type: OutpaintRef,
      nullable: true,
      description: 'How it expands the canvas (outpaints), or null when it cannot.',
      resolve: (c) => c.outpaint,
    }),
  }),
});

const ProviderRef = builder.objectRef<ProviderInfo>('ProviderInfo').implement({
  description: 'An image provider and whether it can be used now.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Pass this as `provider`.' }),
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
    authScopes: { signedIn: true },
    description: 'Every provider this server knows, available or not.',
    resolve: (_root, _args, ctx) => ctx.services.providers.list(),
  }),
);
