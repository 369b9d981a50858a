import { createHash } from 'node:crypto';
import type { Viewer } from '@atelier/domain';
import { type EditOperation, MAX_OPERATIONS, sizeAfter } from '@atelier/image-edits';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { countRows, globalId, localId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { JobFields } from './support/operations';
import { subscribe } from './support/ws-client';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack();
  server = await stack.listen();
});
afterAll(() => stack?.close());

const Apply = /* GraphQL */ `
  mutation Apply($input: ApplyImageEditsInput!) {
    applyImageEdits(input: $input) {
      __typename
      ... on Job {
        id
        status
        kind
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

const Updated = /* GraphQL */ `
  subscription Updated($id: ID!) {
    jobUpdated(id: $id) {
      ...JobFields
      kind
      provider
      images {
        id
        operation
        parent {
          id
        }
        editOperations {
          __typename
          ... on CropEdit {
            x
            y
            width
            height
          }
          ... on RotateEdit {
            quarterTurns
          }
          ... on StraightenEdit {
            angle
          }
          ... on FlipEdit {
            axis
          }
          ... on ResizeEdit {
            width
            height
          }
          ... on AdjustEdit {
            exposure
            saturation
            look
          }
        }
      }
    }
  }
  ${JobFields}
`;

type Rgb = [number, number, number];

/** A PNG drawn pixel by pixel, stored, and an image row of the viewer's pointing at it. */
async function picture(viewer: Viewer, width: number, height: number, colour: (x: number, y: number) => Rgb) {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(colour(x, y), (y * width + x) * 3);
  }
  const bytes = await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  const blobKey = await stack.app.repositories.storage.put(bytes, 'image/png');
  const image = await newImage(stack.app, viewer, { blobKey, width, height, prompt: 'a test card' });
  return { image, id: globalId('Image', image.id), bytes };
}

const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];
const GREEN: Rgb = [0, 255, 0];
const GREY: Rgb = [64, 64, 64];

/** Applies the operations through the API, waits for the job, and reads back the stored result. */
async function edited(viewer: Viewer, imageId: string, operations: unknown[]) {
  const { data, errors } = await stack.graphql(viewer, Apply, { input: { imageId, operations } });
  expect(errors).toBeUndefined();
  expect(data.applyImageEdits).toMatchObject({ __typename: 'Job', kind: 'ADJUST' });
  const updates = await subscribe(server.url, viewer, Updated, { id: data.applyImageEdits.id }).done;
  const job = updates.at(-1).jobUpdated;
  expect(job).toMatchObject({ status: 'SUCCEEDED', error: null, progress: 1, provider: 'editor' });
  expect(job.images).toHaveLength(1);
  const [image] = job.images;
  const [record] = await stack.app.repositories.images.findManyForOwner(viewer.id, [localId(image.id)]);
  const bytes = (await stack.app.repositories.storage.read(record!.blobKey))!;
  const { data: pixels, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number): Rgb => {
    const offset = (y * info.width + x) * info.channels;
    return [pixels[offset]!, pixels[offset + 1]!, pixels[offset + 2]!];
  };
  return { job, image, record: record!, width: info.width, height: info.height, at };
}

const near = (actual: Rgb, expected: Rgb, tolerance = 3) =>
  actual.every((value, i) => Math.abs(value - expected[i]!) <= tolerance);

describe('applyImageEdits: each operation against the stored result', () => {
  it('flips horizontally: the red left half ends up on the right', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 64, 48, (x) => (x < 32 ? RED : BLUE));
    const result = await edited(me, source.id, [{ flip: { axis: 'HORIZONTAL' } }]);
    expect([result.width, result.height]).toEqual([64, 48]);
    expect(result.at(60, 24)).toEqual(RED);
    expect(result.at(3, 24)).toEqual(BLUE);
  });

  it('flips vertically', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 32, 32, (_x, y) => (y < 16 ? RED : BLUE));
    const result = await edited(me, source.id, [{ flip: { axis: 'VERTICAL' } }]);
    expect(result.at(16, 30)).toEqual(RED);
    expect(result.at(16, 1)).toEqual(BLUE);
  });

  it('rotates a portrait a quarter turn clockwise into a landscape of swapped size', async () => {
    const me = await stack.newUser();
    // Red on top: after a clockwise turn the top is on the right.
    const source = await picture(me, 40, 80, (_x, y) => (y < 40 ? RED : BLUE));
    const result = await edited(me, source.id, [{ rotate: { quarterTurns: 1 } }]);
    expect([result.width, result.height]).toEqual([80, 40]);
    expect(result.at(75, 20)).toEqual(RED);
    expect(result.at(4, 20)).toEqual(BLUE);
  });

  it('crops to the region asked for, in the picture the earlier operations left', async () => {
    const me = await stack.newUser();
    // Quadrants: red top left, green top right, blue bottom.
    const source = await picture(me, 100, 60, (x, y) => (y >= 30 ? BLUE : x < 50 ? RED : GREEN));
    const result = await edited(me, source.id, [{ crop: { x: 50, y: 0, width: 50, height: 30 } }]);
    expect([result.width, result.height]).toEqual([50, 30]);
    for (const [x, y] of [
      [0, 0],
      [49, 0],
      [0, 29],
      [49, 29],
      [25, 15],
    ] as const) {
      expect(result.at(x, y)).toEqual(GREEN);
    }
    // After a half turn the green quadrant sits bottom left.
    const turned = await edited(me, source.id, [
      { rotate: { quarterTurns: 2 } },
      { crop: { x: 0, y: 30, width: 50, height: 30 } },
    ]);
    expect(turned.at(25, 15)).toEqual(GREEN);
  });

  it('resizes to the size asked for', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 64, 64, (x) => (x < 32 ? RED : BLUE));
    const result = await edited(me, source.id, [{ resize: { width: 100, height: 30 } }]);
    expect([result.width, result.height]).toEqual([100, 30]);
    expect(result.at(10, 15)).toEqual(RED);
    expect(result.at(90, 15)).toEqual(BLUE);
  });

  it('straightens to the size sizeAfter gives, with no empty corner', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 160, 90, () => GREY);
    const operations: EditOperation[] = [{ type: 'straighten', angle: 12 }];
    const expected = sizeAfter(operations, source.image).at(-1)!;
    const result = await edited(me, source.id, [{ straighten: { angle: 12 } }]);
    expect({ width: result.width, height: result.height }).toEqual(expected);
    expect(expected.width).toBeLessThan(160);
    for (const [x, y] of [
      [1, 1],
      [expected.width - 2, 1],
      [1, expected.height - 2],
      [expected.width - 2, expected.height - 2],
    ] as const) {
      expect(near(result.at(x, y), GREY, 8), `corner ${x},${y}: ${result.at(x, y).join(',')}`).toBe(true);
    }
  });

  it('doubles a mid-grey with exposure +1', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 32, 32, () => GREY);
    const result = await edited(me, source.id, [{ adjust: { exposure: 1 } }]);
    expect(near(result.at(16, 16), [128, 128, 128], 1)).toBe(true);
  });

  it('makes every pixel grey at saturation -100', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 32, 32, (x, y) => [(x * 8) % 256, (y * 8) % 256, 200]);
    const result = await edited(me, source.id, [{ adjust: { saturation: -100 } }]);
    for (const [x, y] of [
      [0, 0],
      [5, 20],
      [31, 31],
      [17, 3],
    ] as const) {
      const [r, g, b] = result.at(x, y);
      expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThanOrEqual(1);
    }
  });

  it('darkens the corners and not the centre with a vignette', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 64, 64, () => [200, 200, 200]);
    const result = await edited(me, source.id, [{ adjust: { vignette: 100 } }]);
    expect(near(result.at(32, 32), [200, 200, 200], 2)).toBe(true);
    expect(result.at(0, 0)[0]).toBeLessThan(80);
    expect(result.at(63, 63)[0]).toBeLessThan(80);
  });

  it('blurs a hard edge', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 64, 64, (x) => (x < 32 ? RED : BLUE));
    const result = await edited(me, source.id, [{ adjust: { blur: 100 } }]);
    const [r, , b] = result.at(32, 32);
    expect(r).toBeGreaterThan(40);
    expect(b).toBeGreaterThan(40);
  });
});

describe('applyImageEdits: formats', () => {
  it("keeps a JPEG original's format, and a PNG's transparency", async () => {
    const me = await stack.newUser();
    const jpeg = await sharp({ create: { width: 48, height: 32, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const jpegImage = await newImage(stack.app, me, {
      blobKey: await stack.app.repositories.storage.put(jpeg, 'image/jpeg'),
      width: 48,
      height: 32,
      mime: 'image/jpeg',
    });
    const fromJpeg = await edited(me, globalId('Image', jpegImage.id), [{ rotate: { quarterTurns: 1 } }]);
    expect(fromJpeg.record).toMatchObject({ mime: 'image/jpeg', width: 32, height: 48 });

    const clear = await sharp({
      create: { width: 64, height: 64, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const clearImage = await newImage(stack.app, me, {
      blobKey: await stack.app.repositories.storage.put(clear, 'image/png'),
      width: 64,
      height: 64,
    });
    const fromPng = await edited(me, globalId('Image', clearImage.id), [
      { straighten: { angle: 10 } },
      { adjust: { exposure: -1 } },
    ]);
    const bytes = (await stack.app.repositories.storage.read(fromPng.record.blobKey))!;
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    const centre = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * 4;
    // Half the light, the same transparency.
    expect([...data.subarray(centre, centre + 4)]).toEqual([128, 0, 0, 128]);
  });
});

describe('applyImageEdits: a job that cannot be done', () => {
  it('fails, typed, when the stored file is smaller than its row says, and makes no image', async () => {
    const me = await stack.newUser();
    const small = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    // The row claims 512×512 (the factory's default) for a 32×32 file.
    const image = await newImage(stack.app, me, {
      blobKey: await stack.app.repositories.storage.put(small, 'image/png'),
    });
    const { data } = await stack.graphql(me, Apply, {
      input: {
        imageId: globalId('Image', image.id),
        operations: [{ crop: { x: 0, y: 0, width: 100, height: 100 } }],
      },
    });
    const updates = await subscribe(server.url, me, Updated, { id: data.applyImageEdits.id }).done;
    const job = updates.at(-1).jobUpdated;
    expect(job).toMatchObject({
      status: 'FAILED',
      images: [],
      error: { code: 'INVALID_INPUT', retryable: false },
    });
    expect(job.error.message).toContain('x + width must be at most 32');
  });
});

describe('applyImageEdits: lineage and the source', () => {
  it('makes a new image whose parent is the source and which records the operations; the source is unchanged', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 80, 60, (x) => (x < 40 ? RED : BLUE));
    const hashBefore = createHash('sha256').update(source.bytes).digest('hex');
    const operations = [
      { crop: { x: 0, y: 0, width: 60, height: 40 } },
      { rotate: { quarterTurns: 3 } },
      { straighten: { angle: -4.5 } },
      { flip: { axis: 'HORIZONTAL' } },
      { resize: { width: 30, height: 40 } },
      { adjust: { exposure: 0.5, saturation: -20, look: 'vivid' } },
    ];
    const result = await edited(me, source.id, operations);
    expect(result.image).toMatchObject({ operation: 'ADJUST', parent: { id: source.id } });
    expect(result.image.editOperations).toEqual([
      { __typename: 'CropEdit', x: 0, y: 0, width: 60, height: 40 },
      { __typename: 'RotateEdit', quarterTurns: 3 },
      { __typename: 'StraightenEdit', angle: -4.5 },
      { __typename: 'FlipEdit', axis: 'HORIZONTAL' },
      { __typename: 'ResizeEdit', width: 30, height: 40 },
      { __typename: 'AdjustEdit', exposure: 0.5, saturation: -20, look: 'vivid' },
    ]);
    expect([result.width, result.height]).toEqual([30, 40]);
    expect(result.record).toMatchObject({
      parentImageId: source.image.id,
      prompt: 'a test card',
      width: 30,
      height: 40,
    });
    expect(result.job.images[0].thumbnails.length).toBeGreaterThan(0);
    expect(result.job.images[0].thumbhash).toEqual(expect.any(String));

    const [after] = await stack.app.repositories.images.findManyForOwner(me.id, [source.image.id]);
    const stored = (await stack.app.repositories.storage.read(after!.blobKey))!;
    expect(createHash('sha256').update(stored).digest('hex')).toBe(hashBefore);
    expect(after).toMatchObject({
      width: 80,
      height: 60,
      editOperations: null,
      blobKey: source.image.blobKey,
    });

    // "Edit again": the list reads back from the image itself.
    const { data } = await stack.graphql(
      me,
      'query($id: ID!) { node(id: $id) { ... on Image { editOperations { __typename } } } }',
      { id: result.image.id },
    );
    expect(data.node.editOperations.map((op: { __typename: string }) => op.__typename)).toEqual([
      'CropEdit',
      'RotateEdit',
      'StraightenEdit',
      'FlipEdit',
      'ResizeEdit',
      'AdjustEdit',
    ]);
  });
});

describe('applyImageEdits: refusals write nothing', () => {
  async function refused(viewer: Viewer, imageId: string, operations: unknown[]) {
    const before = await countRows(stack.app, stack.dataDir);
    const { data, errors } = await stack.graphql(viewer, Apply, { input: { imageId, operations } });
    expect(await countRows(stack.app, stack.dataDir)).toEqual(before);
    return { data: data?.applyImageEdits, errors };
  }

  it("refuses someone else's image as not found", async () => {
    const owner = await stack.newUser();
    const other = await stack.newUser();
    const source = await picture(owner, 32, 32, () => GREY);
    const { data } = await refused(other, source.id, [{ flip: { axis: 'VERTICAL' } }]);
    expect(data).toMatchObject({ __typename: 'InvalidInputError', code: 'NOT_FOUND' });
    expect(data.issues.map((issue: { field: string }) => issue.field)).toEqual(['input.imageId']);
  });

  it.each([
    [
      'a crop outside the picture',
      [{ crop: { x: 10, y: 0, width: 60, height: 20 } }],
      'input.operations.0.crop.width',
      'x + width must be at most 64',
    ],
    [
      'a crop checked after a turn',
      [{ rotate: { quarterTurns: 1 } }, { crop: { x: 0, y: 0, width: 40, height: 40 } }],
      'input.operations.1.crop.width',
      'at most 32 (the picture is 32×64 at this step)',
    ],
    [
      'a crop smaller than the minimum',
      [{ crop: { x: 0, y: 0, width: 8, height: 20 } }],
      'input.operations.0.crop.width',
      'at least 16',
    ],
    [
      'a fourth quarter turn',
      [{ rotate: { quarterTurns: 4 } }],
      'input.operations.0.rotate.quarterTurns',
      '1, 2 or 3',
    ],
    [
      'a steep straighten',
      [{ flip: { axis: 'VERTICAL' } }, { straighten: { angle: -50 } }],
      'input.operations.1.straighten.angle',
      'between -45 and 45',
    ],
    [
      'a huge resize',
      [{ resize: { width: 9000, height: 100 } }],
      'input.operations.0.resize.width',
      'from 16 to 8192',
    ],
    [
      'a tiny resize',
      [{ resize: { width: 100, height: 4 } }],
      'input.operations.0.resize.height',
      'from 16 to 8192',
    ],
    [
      'a slider out of range',
      [{ flip: { axis: 'VERTICAL' } }, { adjust: { exposure: 1 } }, { adjust: { contrast: 150 } }],
      'input.operations.2.adjust.contrast',
      'from -100 to 100',
    ],
    ['an empty adjust', [{ adjust: {} }], 'input.operations.0.adjust', 'at least one slider'],
    ['no operation at all', [], 'input.operations', 'at least one'],
  ])('refuses %s, naming the index and field', async (_what, operations, field, message) => {
    const me = await stack.newUser();
    const source = await picture(me, 64, 32, () => GREY);
    const { data } = await refused(me, source.id, operations);
    expect(data).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT' });
    expect(data.issues).toEqual([{ field, message: expect.stringContaining(message) }]);
  });

  it('refuses an operation with two kinds at once (one of)', async () => {
    const me = await stack.newUser();
    const source = await picture(me, 32, 32, () => GREY);
    const { errors } = await refused(me, source.id, [
      { flip: { axis: 'VERTICAL' }, rotate: { quarterTurns: 1 } },
    ]);
    expect(errors?.[0]?.message).toMatch(/exactly one key/i);
  });

  it(`refuses more than ${MAX_OPERATIONS} operations`, async () => {
    const me = await stack.newUser();
    const source = await picture(me, 32, 32, () => GREY);
    const operations = Array.from({ length: MAX_OPERATIONS + 1 }, () => ({ flip: { axis: 'VERTICAL' } }));
    const { data } = await refused(me, source.id, operations);
    expect(data).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT' });
    expect(data.issues).toEqual([
      { field: 'input.operations', message: expect.stringContaining(`at most ${MAX_OPERATIONS}`) },
    ]);
  });
});
