import type { Viewer } from '@atelier/domain';
import { createIdeogramProvider, createLocalProvider } from '@atelier/providers';
import { type IdeogramFake, startIdeogramFake } from '@atelier/providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { createTestStack, type TestStack } from './support/harness';
import { GenerateImages, JobFields } from './support/operations';
import { subscribe } from './support/ws-client';

let fake: IdeogramFake;
let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  fake = await startIdeogramFake({ renderScale: 0.25 });
  const providers = [
    createLocalProvider(),
    createIdeogramProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, downloadHosts: [fake.imagesHost] }),
  ];
  stack = await createTestStack({ providers });
  server = await stack.listen();
});
afterAll(async () => {
  await stack?.close();
  await fake?.close();
});

const Updated = /* GraphQL */ `
  subscription Updated($id: ID!) {
    jobUpdated(id: $id) {
      ...JobFields
      images {
        id
        width
        height
        params
      }
    }
  }
  ${JobFields}
`;

const Enhance = /* GraphQL */ `
  mutation Enhance($input: EnhanceImageInput!) {
    enhanceImage(input: $input) {
      __typename
      ... on Job {
        id
      }
      ... on Error {
        message
      }
    }
  }
`;

async function finish(viewer: Viewer, jobId: string) {
  const all = await subscribe(server.url, viewer, Updated, { id: jobId }).done;
  return all.at(-1).jobUpdated;
}

async function picture(viewer: Viewer) {
  const { data } = await stack.graphql(viewer, GenerateImages, {
    input: { prompt: 'a lighthouse at dusk', provider: 'local', width: 256, height: 320, seed: 7, steps: 2 },
  });
  expect(data.generateImages).toMatchObject({ __typename: 'Job' });
  const job = await finish(viewer, data.generateImages.id);
  return job.images[0] as { id: string };
}

async function enhanceWithIdeogram(viewer: Viewer, imageId: string) {
  const { data } = await stack.graphql(viewer, Enhance, {
    input: { imageId, provider: 'ideogram', scale: 2 },
  });
  expect(data.enhanceImage).toMatchObject({ __typename: 'Job' });
  return finish(viewer, data.enhanceImage.id);
}

describe('a provider result whose size is not the one asked for', () => {
  it('is stored with its real size, the asked size recorded beside it', async () => {
    const me = await stack.newUser();
    const source = await picture(me);
    fake.upscaleFactor = 3;
    const job = await enhanceWithIdeogram(me, source.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
    expect(job.images[0]).toMatchObject({ width: 768, height: 960 });
    expect(job.images[0].params).toMatchObject({
      requestedWidth: 512,
      requestedHeight: 640,
      achievedScale: 3,
    });
  });

  it('fails an enhance that came back no larger than the original, with a typed error', async () => {
    const me = await stack.newUser();
    const source = await picture(me);
    fake.upscaleFactor = 1;
    const job = await enhanceWithIdeogram(me, source.id);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatchObject({ code: 'API_ERROR' });
    expect(job.error.message).toMatch(/returned a 256×320 image for a 2× enhance of a 256×320 picture/);
    expect(job.images).toEqual([]);
  });
});
