import type { Viewer } from '@atelier/domain';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { countRows } from './support/factories';
import { createTestStack, type TestStack, VIEWER_HEADER } from './support/harness';
import { GenerateImages, JobFields } from './support/operations';
import { subscribe } from './support/ws-client';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack();
  server = await stack.listen();
});
afterAll(() => stack?.close());

const Updated = /* GraphQL */ `
  subscription Updated($id: ID!) {
    jobUpdated(id: $id) {
      ...JobFields
      kind
      provider
      attempts {
        provider
        model
        outcome
        latencyMs
      }
      input {
        sourceImage {
          id
        }
        strength
        scale
        styleText
      }
      images {
        id
        width
        height
        operation
        prompt
        params
        parent {
          id
        }
      }
    }
  }
  ${JobFields}
`;

async function finish(viewer: Viewer, jobId: string) {
  const all = await subscribe(server.url, viewer, Updated, { id: jobId }).done;
  const job = all.at(-1).jobUpdated;
  expect(job.error).toBeNull();
  return job;
}

async function generated(viewer: Viewer, width = 384, height = 256) {
  const { data, errors } = await stack.graphql(viewer, GenerateImages, {
    input: {
      prompt: 'a lighthouse on a calm sea at sunset',
      provider: 'local',
      width,
      height,
      seed: 7,
      steps: 2,
    },
  });
  if (!data?.generateImages?.id) throw new Error(JSON.stringify({ data, errors }));
  const job = await finish(viewer, data.generateImages.id);
  return job.images[0] as { id: string; width: number; height: number; prompt: string };
}

function mutation(name: string, inputType: string) {
  return /* GraphQL */ `
    mutation($input: ${inputType}!) {
      ${name}(input: $input) {
        __typename
        ... on Job { id kind status }
        ... on Error { code message }
        ... on InvalidInputError { issues { field message } }
      }
    }
  `;
}

const CreateVariations = mutation('createVariations', 'CreateVariationsInput');
const EnhanceImage = mutation('enhanceImage', 'EnhanceImageInput');
const RestyleImage = mutation('restyleImage', 'RestyleImageInput');
const EditImage = mutation('editImage', 'EditImageInput');

describe('image operations', () => {
  it('makes variations that link back to their source', async () => {
    const me = await stack.newUser();
    const source = await generated(me);
    const { data } = await stack.graphql(me, CreateVariations, {
      input: { imageId: source.id, count: 2, strength: 'STRONG' },
    });
    expect(data.createVariations).toMatchObject({ __typename: 'Job', kind: 'VARIATION', status: 'QUEUED' });
    const job = await finish(me, data.createVariations.id);
    expect(job).toMatchObject({
      status: 'SUCCEEDED',
      kind: 'VARIATION',
      input: { sourceImage: { id: source.id }, strength: 'STRONG' },
    });
    expect(job.images).toHaveLength(2);
    for (const image of job.images) {
      expect(image).toMatchObject({
        operation: 'VARIATION',
        parent: { id: source.id },
        width: source.width,
        height: source.height,
      });
    }
    const lineage = await stack.graphql(
      me,
      'query($id: ID!) { image(id: $id) { children { id operation } } }',
      { id: source.id },
    );
    expect(lineage.data.image.children.map((child: any) => child.id).sort()).toEqual(
      job.images.map((image: any) => image.id).sort(),
    );
  });

  it('enhances ×2 with the local upscaler and records the attempt', async () => {
    const me = await stack.newUser();
    const source = await generated(me, 256, 256);
    const { data } = await stack.graphql(me, EnhanceImage, { input: { imageId: source.id, scale: 2 } });
    const job = await finish(me, data.enhanceImage.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', kind: 'ENHANCE', input: { scale: 2 } });
    expect(job.images[0]).toMatchObject({
      width: 512,
      height: 512,
      operation: 'ENHANCE',
      parent: { id: source.id },
    });
    expect(job.attempts).toEqual([expect.objectContaining({ provider: 'local', outcome: 'SUCCEEDED' })]);
  });

  it('restyles from a style name and from a reference image, keeping the size', async () => {
    const me = await stack.newUser();
    const source = await generated(me);
    const reference = await generated(me, 256, 256);
    const byName = await stack.graphql(me, RestyleImage, {
      input: { imageId: source.id, styleText: 'noir' },
    });
    const named = await finish(me, byName.data.restyleImage.id);
    expect(named.images[0]).toMatchObject({
      width: source.width,
      height: source.height,
      operation: 'RESTYLE',
    });

    const byReference = await stack.graphql(me, RestyleImage, {
      input: { imageId: source.id, styleReferenceImageId: reference.id },
    });
    const referenced = await finish(me, byReference.data.restyleImage.id);
    expect(referenced).toMatchObject({ status: 'SUCCEEDED', kind: 'RESTYLE' });
    expect(referenced.images[0].parent.id).toBe(source.id);
  });

  it('edits the masked area from an uploaded mask (GraphQL multipart request)', async () => {
    const me = await stack.newUser();
    const source = await generated(me);
    const mask = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#000' } })
      .composite([
        {
          input: await sharp({ create: { width: 32, height: 24, channels: 3, background: '#fff' } })
            .png()
            .toBuffer(),
          left: 16,
          top: 12,
        },
      ])
      .png()
      .toBuffer();
    const body = new FormData();
    body.set(
      'operations',
      JSON.stringify({
        query: EditImage,
        variables: { input: { imageId: source.id, prompt: 'a red moon', mask: null } },
      }),
    );
    body.set('map', JSON.stringify({ 0: ['variables.input.mask'] }));
    body.set('0', new Blob([mask], { type: 'image/png' }), 'mask.png');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { [VIEWER_HEADER]: me.id, 'x-atelier-csrf': '1' },
      body,
    });
    const { data, errors } = await response.json();
    expect(errors).toBeUndefined();
    expect(data.editImage).toMatchObject({ __typename: 'Job', kind: 'EDIT' });
    const job = await finish(me, data.editImage.id);
    expect(job.images[0]).toMatchObject({
      width: source.width,
      height: source.height,
      operation: 'EDIT',
      parent: { id: source.id },
      prompt: source.prompt,
      params: expect.objectContaining({ editInstruction: 'a red moon' }),
    });
  });
});

describe('image operations with bad input', () => {
  it.each([
    ['an enhance scale the provider lacks', EnhanceImage, { scale: 3 }, 'input.scale'],
    ['a restyle with no style', RestyleImage, {}, 'input.styleText'],
    ['an edit with no mask', EditImage, { prompt: 'x' }, 'input.mask'],
    ['variations with too many images', CreateVariations, { count: 9 }, 'input.count'],
    [
      'an unknown fallback provider',
      CreateVariations,
      { fallbackProviders: ['nope'] },
      'input.fallbackProviders',
    ],
  ])('rejects %s naming the field, leaving nothing behind', async (_name, operation, extra, field) => {
    const me = await stack.newUser();
    const source = await generated(me);
    const before = await countRows(stack.app, stack.dataDir);
    const { data } = await stack.graphql(me, operation, { input: { imageId: source.id, ...extra } });
    const result = Object.values(data)[0] as any;
    expect(result.__typename).toBe('InvalidInputError');
    expect(result.issues.map((issue: any) => issue.field)).toContain(field);
    expect(await countRows(stack.app, stack.dataDir)).toEqual(before);
  });

  it("treats someone else's image as not found", async () => {
    const owner = await stack.newUser();
    const stranger = await stack.newUser();
    const source = await generated(owner);
    const { data } = await stack.graphql(stranger, EnhanceImage, { input: { imageId: source.id, scale: 2 } });
    expect(data.enhanceImage).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'NOT_FOUND',
      issues: [{ field: 'input.imageId' }],
    });
  });

  it('rejects a mask that is not an image', async () => {
    const me = await stack.newUser();
    const source = await generated(me);
    const body = new FormData();
    body.set(
      'operations',
      JSON.stringify({
        query: EditImage,
        variables: { input: { imageId: source.id, prompt: 'x', mask: null } },
      }),
    );
    body.set('map', JSON.stringify({ 0: ['variables.input.mask'] }));
    body.set('0', new Blob([Buffer.from('definitely not an image')], { type: 'image/png' }), 'mask.png');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { [VIEWER_HEADER]: me.id, 'x-atelier-csrf': '1' },
      body,
    });
    const { data } = await response.json();
    expect(data.editImage).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'input.mask' }],
    });
  });
});
