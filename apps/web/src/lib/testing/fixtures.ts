import type { Provider } from '../../components/generate/capabilities';
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
    status,
    stage: status === 'RUNNING' ? 'rendering' : null,
    progress: status === 'SUCCEEDED' ? 1 : 0,
    seq: 1,
    preview: null,
    queuePosition: status === 'QUEUED' ? 1 : null,
    provider: 'local',
    createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString(),
    input: { __typename: 'JobInput', prompt: `job ${id}`, count: 2, width: 1024, height: 768, model: null },
    error: null,
    images: [],
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

/** A provider as `GenerateForm_Providers` returns it, with the local provider's capabilities. */
export function providerFixture(
  overrides: Partial<Provider['capabilities']> = {},
  base: Partial<Provider> = {},
): Provider {
  return {
    id: 'local',
    displayName: 'Local (procedural)',
    description: 'Offline renderer',
    available: true,
    unavailableReason: null,
    ...base,
    capabilities: {
      defaultModel: 'procedural-v1',
      maxCount: 8,
      maxPromptLength: 4000,
      models: [{ id: 'procedural-v1', name: 'Procedural v1', description: '' }],
      size: { min: 256, max: 2048, multipleOf: 64, maxPixels: 4_194_304 },
      steps: { min: 1, max: 50, default: 20 },
      styles: ['none', 'neon', 'watercolor'],
      supportsNegativePrompt: true,
      supportsQuality: true,
      supportsSeed: true,
      ...overrides,
    },
  };
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
        models: provider.capabilities.models.map((model) => ({ __typename: 'ProviderModel', ...model })),
        size: { __typename: 'SizeRule', ...provider.capabilities.size },
        steps: provider.capabilities.steps
          ? { __typename: 'StepsRule', ...provider.capabilities.steps }
          : null,
      },
    })),
  };
}
