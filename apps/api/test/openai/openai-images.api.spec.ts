import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server';
import { type FakeProviders, startFakeProviders } from '../support/fake-providers';
import { createTestStack, type TestStack } from '../support/harness';

// The official SDK is the client: what it sends and how it reads answers and errors is what
// Open WebUI, LibreChat, LiteLLM and n8n meet.
let fakes: FakeProviders;
let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  fakes = await startFakeProviders();
  stack = await createTestStack({ providers: fakes.providers, auth: 'real', localStepMs: 5 });
  server = await stack.listen();
});
afterAll(async () => {
  await stack?.close();
  await fakes?.close();
});

async function person(scopes: ('read' | 'generate')[] = ['read', 'generate']) {
  const viewer = await stack.newUser();
  const { secret } = await stack.app.services.accounts.createToken(viewer, { name: 'openai', scopes });
  const client = new OpenAI({ apiKey: secret, baseURL: `${server.url}/v1`, maxRetries: 0, timeout: 60_000 });
  return { viewer, secret, client };
}

const jobsOf = (ownerId: string) =>
  stack.app.db
    .selectFrom('job')
    .select(['kind', 'provider', 'status', 'origin'])
    .where('ownerId', '=', ownerId)
    .execute();

/** The error the SDK threw, for its status, code, param and headers. */
async function refusal(call: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

const png = (width: number, height: number, colour = '#3366cc') =>
  sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toBuffer();

describe('GET /v1/models', () => {
  it('lists every available model by its id, each provider as an alias, and "best"', async () => {
    const { client } = await person(['read']);
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'best',
        'local',
        'procedural-v1',
        'flux',
        'flux-pro-1.1',
        'ideogram',
        'ideogram-v3',
      ]),
    );
    const flux = await client.models.retrieve('flux-pro-1.1');
    expect(flux).toMatchObject({ id: 'flux-pro-1.1', object: 'model', owned_by: 'flux' });
  });
});

describe('POST /v1/images/generations', () => {
  it('answers when the job ends with URLs readable with the same token, and the job is an API job in the gallery', async () => {
    const { client, secret, viewer } = await person();
    const answer = await client.images.generate({
      model: 'local',
      prompt: 'a lighthouse at dusk',
      n: 2,
      size: '512x384',
    });
    expect(answer.data).toHaveLength(2);
    for (const entry of answer.data ?? []) {
      expect(entry.revised_prompt).toBe('a lighthouse at dusk');
      const file = await fetch(entry.url!, { headers: { authorization: `Bearer ${secret}` } });
      expect(file.status).toBe(200);
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([512, 384]);
    }
    // Without the token, and with another person's, the file is not theirs to read.
    expect((await fetch(answer.data![0]!.url!)).status).toBe(404);
    const other = await person();
    const foreign = await fetch(answer.data![0]!.url!, {
      headers: { authorization: `Bearer ${other.secret}` },
    });
    expect(foreign.status).toBe(404);

    expect(await jobsOf(viewer.id)).toEqual([
      { kind: 'GENERATE', provider: 'local', status: 'SUCCEEDED', origin: 'API' },
    ]);
  });

  it('inlines the bytes as b64_json, in the output_format asked for', async () => {
    const { client } = await person();
    const answer = await client.images.generate({
      model: 'procedural-v1',
      prompt: 'a red kite',
      size: '256x256',
      response_format: 'b64_json',
      output_format: 'webp',
    });
    const bytes = Buffer.from(answer.data![0]!.b64_json!, 'base64');
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(answer.output_format).toBe('webp');
    expect(answer.size).toBe('256x256');
  });

  it('"best" runs the first available provider of flux → ideogram → local', async () => {
    const { client, viewer } = await person();
    const answer = await client.images.generate({ model: 'best', prompt: 'a paper boat', size: '1024x1024' });
    expect(answer.data).toHaveLength(1);
    expect(await jobsOf(viewer.id)).toEqual([
      { kind: 'GENERATE', provider: 'flux', status: 'SUCCEEDED', origin: 'API' },
    ]);
  });

  it('refuses a size the model does not make, naming the valid ones', async () => {
    const { client } = await person();
    const error = await refusal(
      client.images.generate({ model: 'ideogram-v3', prompt: 'x', size: '1000x333' }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('size');
    expect(error.message).toMatch(/Supported values are: .*1024x1024/);
  });

  it('refuses n outside 1–8, an unknown model and a transparent background with 400/404 in OpenAI’s shape', async () => {
    const { client } = await person();
    const tooMany = await refusal(client.images.generate({ model: 'local', prompt: 'x', n: 9 }));
    expect([tooMany.status, tooMany.param, tooMany.type]).toEqual([400, 'n', 'invalid_request_error']);
    const unknown = await refusal(client.images.generate({ model: 'dall-e-3', prompt: 'x' }));
    expect([unknown.status, unknown.code, unknown.param]).toEqual([404, 'model_not_found', 'model']);
    const transparent = await refusal(
      client.images.generate({ model: 'local', prompt: 'x', background: 'transparent' }),
    );
    expect([transparent.status, transparent.param]).toEqual([400, 'background']);
  });

  it('answers a provider safety refusal as 400 content_policy_violation', async () => {
    const { client } = await person();
    const error = await refusal(
      client.images.generate({ model: 'flux-pro-1.1', prompt: 'a street [bfl:content-moderated]' }),
    );
    expect([error.status, error.code]).toEqual([400, 'content_policy_violation']);
  });

  it('answers a provider outage, the fallback chain spent, as 503 with Retry-After', async () => {
    const { client } = await person();
    const error = await refusal(
      client.images.generate({ model: 'flux-pro-1.1', prompt: 'a bridge [bfl:submit-503]' }),
    );
    expect(error.status).toBe(503);
    expect(error.type).toBe('server_error');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('a caller that hangs up', () => {
  it('cancels the job: nobody will collect the images', async () => {
    const { secret, viewer } = await person();
    const hangUp = new AbortController();
    const call = fetch(`${server.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'flux-pro-1.1', prompt: 'a slow one [bfl:slow:4000]' }),
      signal: hangUp.signal,
    }).catch(() => 'aborted');
    await expect.poll(() => jobsOf(viewer.id).then((jobs) => jobs.length)).toBe(1);
    hangUp.abort();
    expect(await call).toBe('aborted');
    await expect
      .poll(() => jobsOf(viewer.id).then((jobs) => jobs[0]?.status), { timeout: 10_000 })
      .toBe('CANCELED');
  });
});

describe('POST /v1/images/edits and /variations', () => {
  it('repaints where the mask is transparent; the result is a child of the uploaded picture', async () => {
    const { client, viewer } = await person();
    // OpenAI's convention: transparent where the picture should change (here the top-left quarter).
    const hole = await sharp({ create: { width: 32, height: 32, channels: 4, background: '#000000ff' } })
      .png()
      .toBuffer();
    const mask = await sharp({ create: { width: 64, height: 64, channels: 4, background: '#000000ff' } })
      .composite([{ input: hole, left: 0, top: 0, blend: 'dest-out' }])
      .png()
      .toBuffer();
    const answer = await client.images.edit({
      model: 'local',
      image: await toFile(await png(64, 64), 'photo.png', { type: 'image/png' }),
      mask: await toFile(mask, 'mask.png', { type: 'image/png' }),
      prompt: 'a small sun',
      response_format: 'b64_json',
    });
    expect(answer.data).toHaveLength(1);
    const { data: pixels, info } = await sharp(Buffer.from(answer.data![0]!.b64_json!, 'base64'))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([64, 64]);
    const at = (x: number, y: number) => [...pixels.subarray((y * 64 + x) * 3, (y * 64 + x) * 3 + 3)];
    // Kept where the mask is opaque, repainted where it is transparent.
    expect(at(48, 48)).toEqual([0x33, 0x66, 0xcc]);
    expect(at(8, 8)).not.toEqual([0x33, 0x66, 0xcc]);
    expect(await jobsOf(viewer.id)).toEqual([
      { kind: 'EDIT', provider: 'local', status: 'SUCCEEDED', origin: 'API' },
    ]);
    // The upload became the person's image, and the result its child.
    const images = await stack.app.db
      .selectFrom('image')
      .select(['id', 'parentImageId', 'jobId'])
      .where('ownerId', '=', viewer.id)
      .execute();
    const upload = images.find((image) => image.jobId === null)!;
    expect(images.find((image) => image.jobId !== null)?.parentImageId).toBe(upload.id);
  });

  it('refuses an edit without a mask of a picture with no transparency, naming the mask', async () => {
    const { client } = await person();
    const opaque = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const error = await refusal(
      client.images.edit({ model: 'local', image: await toFile(opaque, 'a.png'), prompt: 'x' }),
    );
    expect([error.status, error.param]).toEqual([400, 'mask']);
  });

  it('makes n variations of an uploaded picture', async () => {
    const { client } = await person();
    const answer = await client.images.createVariation({
      model: 'local',
      image: await toFile(await png(96, 96, '#aa4400'), 'a.png', { type: 'image/png' }),
      n: 2,
    });
    expect(answer.data).toHaveLength(2);
    expect(answer.data![0]!.url).toMatch(/\/files\//);
  });
});

describe('who may call', () => {
  it('401 without a valid token, 403 for a token without the generate scope', async () => {
    const anonymous = new OpenAI({ apiKey: 'atl_not-a-token', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const denied = await refusal(anonymous.models.list());
    expect([denied.status, denied.code]).toEqual([401, 'invalid_api_key']);

    const { client } = await person(['read']);
    const scoped = await refusal(client.images.generate({ model: 'local', prompt: 'x' }));
    expect([scoped.status, scoped.code]).toEqual([403, 'insufficient_scope']);
  });

  it('429 with Retry-After once the change budget is spent', async () => {
    const limited = await createTestStack({
      auth: 'real',
      worker: false,
      server: {
        rateLimits: {
          perUser: { capacity: 1, refillPerSecond: 0.01 },
          perToken: { capacity: 1, refillPerSecond: 0.01 },
        },
      },
    });
    try {
      const running = await limited.listen();
      const viewer = await limited.newUser();
      const { secret } = await limited.app.services.accounts.createToken(viewer, {
        name: 'x',
        scopes: ['generate'],
      });
      const client = new OpenAI({
        apiKey: secret,
        baseURL: `${running.url}/v1`,
        maxRetries: 0,
        timeout: 2_000,
      });
      // The first call takes the one change (its job waits for a worker this stack does not run).
      await client.images.generate({ model: 'local', prompt: 'one' }).catch(() => undefined);
      const error = await refusal(client.images.generate({ model: 'local', prompt: 'two' }));
      expect([error.status, error.code]).toEqual([429, 'rate_limit_exceeded']);
      expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('bad requests', () => {
  const post = (secret: string, path: string, body: BodyInit, type = 'application/json') =>
    fetch(`${server.url}/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': type },
      body,
    });

  it('are refused in OpenAI’s shape, naming what was wrong, and the server keeps serving', async () => {
    const { secret, client } = await person();
    const broken = await post(secret, '/images/generations', '{"prompt": ');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_json',
    });

    const huge = await post(secret, '/images/generations', JSON.stringify({ prompt: 'x'.repeat(5_000_000) }));
    expect(huge.status).toBe(413);

    const form = new FormData();
    form.set('prompt', 'no picture');
    const missing = await fetch(`${server.url}/v1/images/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
      body: form,
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ param: 'image' });

    const nowhere = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(nowhere.status).toBe(404);
    expect((await nowhere.json()).error.code).toBe('unknown_url');

    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toContain('local');
  });
});
