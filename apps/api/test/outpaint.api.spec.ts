import type { Viewer } from '@atelier/domain';
import { createLocalProvider, type ImageProvider } from '@atelier/providers';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { countRows, localId } from './support/factories';
import { type FakeProviders, startFakeProviders } from './support/fake-providers';
import { createTestStack, type TestStack } from './support/harness';
import { GenerateImages, JobFields } from './support/operations';
import { subscribe } from './support/ws-client';

/** The local provider, minus outpainting: a provider that cannot expand the canvas. */
function cannotOutpaint(): ImageProvider {
  const local = createLocalProvider();
  return {
    ...local,
    id: 'plain',
    displayName: 'Plain',
    capabilities: {
      ...local.capabilities,
      models: local.capabilities.models.map((model) => ({
        ...model,
        operations: model.operations.filter((operation) => operation !== 'OUTPAINT'),
      })),
      outpaint: null,
    },
  };
}

let fakes: FakeProviders;
let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  fakes = await startFakeProviders();
  stack = await createTestStack({ providers: [...fakes.providers, cannotOutpaint()] });
  server = await stack.listen();
});
afterAll(async () => {
  await stack?.close();
  await fakes?.close();
});

const Updated = /* GraphQL */ `
  subscription Updated($id: ID!) {
    jobUpdated(id: $id) {
      ...JobFields
      kind
      provider
      images {
        id
        width
        height
        operation
        provider
        model
        params
        parent {
          id
        }
      }
    }
  }
  ${JobFields}
`;

const OutpaintImage = /* GraphQL */ `
  mutation Outpaint($input: OutpaintImageInput!) {
    outpaintImage(input: $input) {
      __typename
      ... on Job {
        id
        kind
        status
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

async function finish(viewer: Viewer, jobId: string) {
  const all = await subscribe(server.url, viewer, Updated, { id: jobId }).done;
  const job = all.at(-1).jobUpdated;
  expect(job.error).toBeNull();
  return job;
}

async function generated(viewer: Viewer, width: number, height: number) {
  const { data, errors } = await stack.graphql(viewer, GenerateImages, {
    input: { prompt: 'a lighthouse on a calm sea', provider: 'local', width, height, seed: 7, steps: 2 },
  });
  if (!data?.generateImages?.id) throw new Error(JSON.stringify({ data, errors }));
  const job = await finish(viewer, data.generateImages.id);
  return job.images[0] as { id: string; width: number; height: number };
}

/** The stored file of one of the viewer's images, decoded to RGB. */
async function pixels(viewer: Viewer, imageId: string) {
  const [image] = await stack.app.repositories.images.findManyForOwner(viewer.id, [localId(imageId)]);
  const bytes = await stack.app.repositories.storage.read(image!.blobKey);
  const { data, info } = await sharp(bytes!).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function outpaint(viewer: Viewer, input: Record<string, unknown>) {
  const { data, errors } = await stack.graphql(viewer, OutpaintImage, { input });
  expect(errors).toBeUndefined();
  return data.outpaintImage;
}

describe('outpaintImage', () => {
  it('expands with the local provider: source + margins, the source unchanged in place, linked to it', async () => {
    const me = await stack.newUser();
    const source = await generated(me, 320, 256);
    const queued = await outpaint(me, {
      imageId: source.id,
      top: 64,
      right: 32,
      bottom: 0,
      left: 96,
      provider: 'local',
    });
    expect(queued).toMatchObject({ __typename: 'Job', kind: 'OUTPAINT', status: 'QUEUED' });
    const job = await finish(me, queued.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', kind: 'OUTPAINT', provider: 'local' });
    const [image] = job.images;
    expect(image).toMatchObject({
      width: 320 + 96 + 32,
      height: 256 + 64,
      operation: 'OUTPAINT',
      parent: { id: source.id },
    });
    expect(image.params).toMatchObject({ width: 448, height: 320 });
    expect(image.params.requestedWidth).toBeUndefined();
    const [before, after] = await Promise.all([pixels(me, source.id), pixels(me, image.id)]);
    expect([after.width, after.height]).toEqual([448, 320]);
    for (let y = 0; y < 256; y += 5) {
      const from = y * 320 * 3;
      const to = ((y + 64) * 448 + 96) * 3;
      expect(after.data.subarray(to, to + 320 * 3).equals(before.data.subarray(from, from + 320 * 3))).toBe(
        true,
      );
    }
  });

  it('expands with Flux through the fake BFL API: the expand request carries the margins and a base64 image', async () => {
    const me = await stack.newUser();
    const source = await generated(me, 256, 256);
    const submitted = fakes.bfl.tasks.length;
    const queued = await outpaint(me, {
      imageId: source.id,
      top: 32,
      bottom: 32,
      right: 128,
      prompt: 'more of the calm sea',
      provider: 'flux',
    });
    expect(queued).toMatchObject({ __typename: 'Job', kind: 'OUTPAINT' });
    const job = await finish(me, queued.id);
    expect(job.images[0]).toMatchObject({
      width: 384,
      height: 320,
      operation: 'OUTPAINT',
      provider: 'flux',
      model: 'flux-pro-1.0-expand',
      parent: { id: source.id },
    });
    const task = fakes.bfl.tasks.slice(submitted).find((t) => t.model === 'flux-pro-1.0-expand')!;
    expect(task.body).toMatchObject({
      top: 32,
      bottom: 32,
      left: 0,
      right: 128,
      prompt: 'more of the calm sea',
    });
    const sent = await sharp(Buffer.from(task.body.image as string, 'base64')).metadata();
    expect([sent.width, sent.height]).toEqual([256, 256]);
    const [before, after] = await Promise.all([pixels(me, source.id), pixels(me, job.images[0].id)]);
    const at = (image: typeof after, x: number, y: number) => [
      ...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3),
    ];
    expect(at(after, 128, 160)).toEqual(at(before, 128, 128));
  });

  it("reframes with Ideogram through its fake: a square picture, centred margins, Ideogram's nearest size", async () => {
    const me = await stack.newUser();
    const source = await generated(me, 256, 256);
    const sent = fakes.ideogram.requests.length;
    const queued = await outpaint(me, { imageId: source.id, left: 100, right: 100, provider: 'ideogram' });
    const job = await finish(me, queued.id);
    expect(job.images[0]).toMatchObject({
      width: 1312,
      height: 736,
      operation: 'OUTPAINT',
      provider: 'ideogram',
      parent: { id: source.id },
      params: expect.objectContaining({ width: 1312, height: 736, resolution: '1312x736' }),
    });
    const request = fakes.ideogram.requests.slice(sent).find((r) => r.path === '/v1/ideogram-v3/reframe')!;
    expect(request.fields.resolution).toEqual(['1312x736']);
    expect(request.files.find((file) => file.field === 'image')).toMatchObject({ width: 256, height: 256 });
  });

  it.each([
    ['no margin at all', { provider: 'local' }, 'input.top'],
    ['a negative margin', { left: -8, provider: 'local' }, 'input.left'],
    ['a margin over the provider limit', { right: 2049, provider: 'local' }, 'input.right'],
    ['a canvas over the largest side', { top: 2000, bottom: 2000, provider: 'local' }, 'input.top'],
    ['a provider that cannot outpaint', { left: 32, provider: 'plain' }, 'input.provider'],
    ['an off-centre expansion for Ideogram', { left: 32, right: 8, provider: 'ideogram' }, 'input.right'],
    [
      'a fallback provider that cannot take the margins',
      { left: 64, right: 8, provider: 'local', fallbackProviders: ['ideogram'] },
      'input.fallbackProviders',
    ],
  ])('refuses %s naming the field, leaving nothing behind', async (_name, extra, field) => {
    const me = await stack.newUser();
    const source = await generated(me, 256, 256);
    const before = await countRows(stack.app, stack.dataDir);
    const result = await outpaint(me, { imageId: source.id, ...extra });
    expect(result.__typename).toBe('InvalidInputError');
    expect(result.issues.map((issue: { field: string }) => issue.field)).toContain(field);
    expect(await countRows(stack.app, stack.dataDir)).toEqual(before);
  });

  it("treats someone else's image as not found", async () => {
    const owner = await stack.newUser();
    const stranger = await stack.newUser();
    const source = await generated(owner, 256, 256);
    const result = await outpaint(stranger, { imageId: source.id, left: 32, provider: 'local' });
    expect(result).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'NOT_FOUND',
      issues: [{ field: 'input.imageId' }],
    });
  });
});
