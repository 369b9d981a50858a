import type { Model, Provider } from '../provider-capabilities';
import type { JobStatus } from '../../gql/graphql';

/** Result-shaped test data (with __typename, as a server sends it), overridable per test. */
export function imageFixture(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Image',
    id: `img-${n}`,
    url: `/files/img-${n}.png`,
    prompt: `prompt ${n}`,
    width: 1024,
    height: 768,
    thumbhash: null,
    provider: 'local',
    createdAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    thumbnails: [
      { __typename: 'Thumbnail', size: 256, url: `/files/img-${n}-256.webp`, width: 256, height: 192 },
      { __typename: 'Thumbnail', size: 768, url: `/files/img-${n}-768.webp`, width: 768, height: 576 },
    ],
    operation: 'GENERATE',
    params: {},
    parent: null,
    starred: false,
    tags: [],
    ...overrides,
  };
}

/** An image as the detail page asks for it: every fact, its parent and its children. */
export function imageDetailFixture(n: number, overrides: Record<string, unknown> = {}) {
  return {
    ...imageFixture(n),
    mime: 'image/png',
    bytes: 123_456,
    negativePrompt: null,
    style: null,
    seed: 42,
    model: 'procedural-v1',
    children: [],
    ...overrides,
  };
}

export function imagesPage(images: ReturnType<typeof imageFixture>[], hasNextPage = false) {
  return {
    images: {
      __typename: 'QueryImagesConnection',
      edges: images.map((node) => ({
        __typename: 'QueryImagesConnectionEdge',
        cursor: `c-${node.id}`,
        node,
      })),
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage,
        endCursor: images.length ? `c-${images[images.length - 1]!.id}` : null,
      },
    },
  };
}

export function jobFixture(id: string, status: JobStatus, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Job',
    id,
    kind: 'GENERATE',
    status,
    stage: status === 'RUNNING' ? 'rendering' : null,
    progress: status === 'SUCCEEDED' ? 1 : 0,
    seq: 1,
    preview: null,
    queuePosition: status === 'QUEUED' ? 1 : null,
    provider: 'local',
    createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString(),
    startedAt: status === 'QUEUED' ? null : new Date(Date.UTC(2026, 0, 2)).toISOString(),
    finishedAt: ['SUCCEEDED', 'FAILED', 'CANCELED'].includes(status)
      ? new Date(Date.UTC(2026, 0, 2, 0, 0, 3)).toISOString()
      : null,
    input: jobInputFixture({ prompt: `job ${id}` }),
    attempts: [],
    // From startedAt to finishedAt above: 3 s once it has ended.
    durationMs: ['SUCCEEDED', 'FAILED', 'CANCELED'].includes(status) ? 3_000 : null,
    costUsd: null,
    error: null,
    images: [],
    ...overrides,
  };
}

export function jobInputFixture(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'JobInput',
    prompt: 'job',
    provider: 'local',
    count: 2,
    width: 1024,
    height: 768,
    aspectRatio: null,
    model: null,
    scale: null,
    strength: null,
    styleText: null,
    fallbackProviders: [],
    sourceImage: null,
    negativePrompt: null,
    quality: null,
    style: null,
    seed: null,
    steps: null,
    magicPrompt: null,
    ...overrides,
  };
}

export function attemptFixture(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'JobAttempt',
    provider: 'local',
    model: 'procedural-v1',
    outcome: 'SUCCEEDED',
    message: null,
    startedAt: '2026-01-02T00:00:00.000Z',
    finishedAt: '2026-01-02T00:00:01.200Z',
    latencyMs: 1200,
    costUsd: null,
    withheld: 0,
    ...overrides,
  };
}

export function jobsPage(jobs: ReturnType<typeof jobFixture>[]) {
  return {
    jobs: {
      __typename: 'QueryJobsConnection',
      edges: jobs.map((node) => ({ __typename: 'QueryJobsConnectionEdge', cursor: `c-${node.id}`, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  };
}

/** A model as `GenerateForm_Providers` returns it: the local procedural model unless overridden. */
export function modelFixture(overrides: Partial<Model> = {}): Model {
  return {
    id: 'procedural-v1',
    name: 'Procedural v1',
    description: 'Not an AI model',
    operations: ['GENERATE', 'VARIATION', 'RESTYLE', 'EDIT'],
    size: { min: 256, max: 2048, multipleOf: 64, maxPixels: 4_194_304 },
    aspectRatios: [],
    maxCount: 8,
    maxPromptLength: 4000,
    steps: { min: 1, max: 50, default: 20 },
    styles: ['none', 'neon', 'watercolor'],
    supportsNegativePrompt: true,
    supportsQuality: true,
    supportsSeed: true,
    supportsMagicPrompt: false,
    ...overrides,
  };
}

/**
 * A provider as `GenerateForm_Providers` returns it: by default the local provider with one
 * model; `model` overrides that model's capabilities, `base` the provider (and its capabilities).
 */
export function providerFixture(
  model: Partial<Model> = {},
  base: Partial<Omit<Provider, 'capabilities'>> & { capabilities?: Partial<Provider['capabilities']> } = {},
): Provider {
  const { capabilities, ...rest } = base;
  const only = modelFixture(model);
  return {
    id: 'local',
    displayName: 'Local (procedural)',
    description: 'Offline renderer',
    available: true,
    unavailableReason: null,
    ...rest,
    capabilities: {
      defaultModel: only.id,
      models: [only],
      enhance: null,
      restyle: null,
      outpaint: null,
      ...capabilities,
    },
  };
}

/** Flux-like: two size-rule models, an aspect-ratio model, and Enhance done locally at ×2 and ×4. */
export function fluxFixture(base: Partial<Omit<Provider, 'capabilities'>> = {}): Provider {
  const common = {
    styles: [],
    steps: null,
    supportsNegativePrompt: false,
    supportsQuality: false,
    supportsMagicPrompt: true,
    maxCount: 1,
  };
  return providerFixture(
    {},
    {
      id: 'flux',
      displayName: 'Flux',
      description: 'Black Forest Labs',
      ...base,
      capabilities: {
        defaultModel: 'flux-pro-1.1',
        models: [
          modelFixture({
            ...common,
            id: 'flux-pro-1.1',
            name: 'FLUX1.1 [pro]',
            operations: ['GENERATE', 'VARIATION'],
            size: { min: 256, max: 1440, multipleOf: 32, maxPixels: 2_073_600 },
          }),
          modelFixture({
            ...common,
            id: 'flux-pro-1.1-ultra',
            name: 'FLUX1.1 [pro] Ultra',
            operations: ['GENERATE'],
            size: null,
            aspectRatios: ['1:1', '16:9', '9:16', '21:9'],
          }),
          modelFixture({
            ...common,
            id: 'flux-kontext-pro',
            name: 'FLUX.1 Kontext [pro]',
            operations: ['RESTYLE', 'EDIT'],
            size: null,
            aspectRatios: ['1:1', '16:9'],
          }),
        ],
        enhance: {
          scales: [2, 4],
          ai: true,
          note: 'Runs locally: Flux has no upscaler, so ESRGAN on this machine does it.',
        },
        restyle: { fromText: true, fromReference: false, note: 'Kontext rewrites the image in the style.' },
      },
    },
  );
}

/** Ideogram-like: one aspect-ratio model for everything, magic prompt, Enhance at ×2 only. */
export function ideogramFixture(base: Partial<Omit<Provider, 'capabilities'>> = {}): Provider {
  return providerFixture(
    {},
    {
      id: 'ideogram',
      displayName: 'Ideogram',
      description: 'Ideogram 3.0',
      ...base,
      capabilities: {
        defaultModel: 'ideogram-v3',
        models: [
          modelFixture({
            id: 'ideogram-v3',
            name: 'Ideogram 3.0',
            operations: ['GENERATE', 'VARIATION', 'RESTYLE', 'EDIT', 'ENHANCE'],
            size: null,
            aspectRatios: ['1:1', '16:9', '9:16', '4:3'],
            styles: ['AUTO', 'GENERAL', 'REALISTIC'],
            steps: null,
            supportsMagicPrompt: true,
          }),
        ],
        enhance: { scales: [2], ai: true, note: 'Ideogram upscales on its servers.' },
        restyle: { fromText: true, fromReference: true, note: 'Remix with a style.' },
      },
    },
  );
}

/** `providers` as the server sends it, with the __typename fields graphcache needs. */
export function providersResult(...providers: Provider[]) {
  return {
    providers: providers.map((provider) => ({
      __typename: 'ProviderInfo',
      ...provider,
      capabilities: {
        __typename: 'ProviderCapabilities',
        ...provider.capabilities,
        models: provider.capabilities.models.map((model) => ({
          __typename: 'ProviderModel',
          ...model,
          size: model.size ? { __typename: 'SizeRule', ...model.size } : null,
          steps: model.steps ? { __typename: 'StepsRule', ...model.steps } : null,
        })),
        enhance: provider.capabilities.enhance
          ? { __typename: 'EnhanceCapability', ...provider.capabilities.enhance }
          : null,
        restyle: provider.capabilities.restyle
          ? { __typename: 'RestyleCapability', ...provider.capabilities.restyle }
          : null,
        outpaint: provider.capabilities.outpaint
          ? { __typename: 'OutpaintCapability', ...provider.capabilities.outpaint }
          : null,
      },
    })),
  };
}

export function accountFixture(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Account',
    id: 'acc-1',
    email: 'ada@example.com',
    displayName: 'Ada Lovelace',
    role: 'ADMIN',
    disabled: false,
    mustChangePassword: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    maxConcurrentJobs: null,
    maxImagesPerDay: null,
    usage: { __typename: 'Usage', images: 12, imagesToday: 3, activeJobs: 0, jobs: 7 },
    ...overrides,
  };
}

/** `SessionRoot_Session` as the server answers it. */
export function sessionFixture({
  viewer = accountFixture(),
  needsSetup = false,
  signupEnabled = true,
}: {
  viewer?: ReturnType<typeof accountFixture> | null;
  needsSetup?: boolean;
  signupEnabled?: boolean;
} = {}) {
  return {
    instance: { __typename: 'Instance', needsSetup, signupEnabled },
    viewer,
  };
}

export function shareLinkFixture(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ShareLink',
    id,
    token: `tok-${id}`,
    path: `/s/tok-${id}`,
    hideParams: false,
    expiresAt: null,
    revokedAt: null,
    createdAt: '2026-01-03T00:00:00.000Z',
    active: true,
    ...overrides,
  };
}

export function apiTokenFixture(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ApiToken',
    id,
    name: `token ${id}`,
    prefix: `atl_${id}`,
    scopes: ['read'],
    createdAt: '2026-01-03T00:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

type RefusalType =
  'InvalidInputError' | 'BaseError' | 'InvalidTemplateError' | 'NotFoundError' | 'QuotaExceededError';

/**
 * A typed refusal carrying every field `FormErrors_Error` selects; spread it first and say what the
 * refusal is about after it (`{ ...refusalFixture('BaseError'), code: 'CONFLICT' }`).
 */
export function refusalFixture(typename: RefusalType) {
  return {
    __typename: typename,
    code: typename === 'NotFoundError' ? 'NOT_FOUND' : 'INVALID_INPUT',
    message: 'Not acceptable',
    retryable: false,
    ...(typename === 'InvalidInputError' && { issues: [] }),
    ...(typename === 'BaseError' && { details: {} }),
  };
}
