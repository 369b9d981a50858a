import { afterEach, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/ideogram/png-encode';
import { decodeImage } from '../../src/local/pixels';
import {
  type IdeogramFake,
  type IdeogramFakeOptions,
  ideogramScenarioTokens,
  startIdeogramFake,
} from './ideogram-fake';

let fake: IdeogramFake | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: IdeogramFakeOptions = {}): Promise<IdeogramFake> {
  fake = await startIdeogramFake({ renderScale: 0.25, ...options });
  return fake;
}

function png(width: number, height: number, rgb: [number, number, number] = [200, 40, 40]): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return encodePng({ width, height, channels: 3, data });
}

interface Upload {
  bytes: Buffer;
  type?: string;
  name?: string;
}

type FormSpec = Record<string, string | Upload | (string | Upload)[]>;

function form(fields: FormSpec): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') data.append(name, item);
      else {
        data.append(
          name,
          new Blob([item.bytes], { type: item.type ?? 'image/png' }),
          item.name ?? `${name}.png`,
        );
      }
    }
  }
  return data;
}

async function post(
  target: IdeogramFake,
  path: string,
  body: FormData | Record<string, unknown>,
  headers: Record<string, string> = { 'Api-Key': target.apiKey },
): Promise<{ status: number; headers: Headers; body: any }> {
  const json = !(body instanceof FormData);
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: json ? { ...headers, 'content-type': 'application/json' } : headers,
    body: json ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const image = (): Upload => ({ bytes: png(64, 64) });

describe('auth', () => {
  it('requires Api-Key: 401 problem+json, 403 on the paths the spec documents, Bearer refused', async () => {
    const f = await start();
    const generate = form({ prompt: 'a cat' });
    const missing = await post(f, '/v1/ideogram-v3/generate', generate, {});
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(missing.body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });

    const bearer = await post(f, '/v1/ideogram-v3/generate', generate, {
      Authorization: `Bearer ${f.apiKey}`,
    });
    expect(bearer.status).toBe(401);
    expect(bearer.body.detail).toMatch(/Api-Key header/);

    for (const path of ['/remix', '/upscale', '/v1/ideogram-v3/remix']) {
      expect((await post(f, path, form({}), { 'Api-Key': 'wrong' })).status).toBe(403);
    }
    expect(f.billed).toBe(0);
  });

  it('can answer {"error"} bodies instead', async () => {
    const f = await start({ errorStyle: 'error' });
    const response = await post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a cat' }), {
      'Api-Key': 'wrong',
    });
    expect(response.body).toEqual({ error: 'Invalid API key' });
  });
});

describe('request format', () => {
  it('takes multipart on v3 and legacy file endpoints and JSON on legacy /generate only', async () => {
    const f = await start();
    const asJson = await post(f, '/v1/ideogram-v3/remix', { prompt: 'a cat', image_weight: 50 });
    expect(asJson.status).toBe(400);
    expect(asJson.body.detail).toMatch(/Content-Type "application\/json"/);
    const asForm = await post(f, '/generate', form({ image_request: '{"prompt":"a cat"}' }));
    expect(asForm.status).toBe(400);
    const urlencoded = await fetch(`${f.baseUrl}/v1/ideogram-v3/generate`, {
      method: 'POST',
      headers: { 'Api-Key': f.apiKey },
      body: new URLSearchParams({ prompt: 'a cat' }),
    });
    expect(urlencoded.status).toBe(400);
  });

  it.each([
    [
      '/v1/ideogram-v3/generate',
      { prompt: 'a cat', magic_prompt_option: 'ON' },
      /"magic_prompt_option".*calls it "magic_prompt"/,
    ],
    [
      '/v1/ideogram-v3/generate',
      { prompt: 'a cat', aspect_ratio: 'ASPECT_16_9' },
      /aspect_ratio: "ASPECT_16_9" is not one of/,
    ],
    ['/v1/ideogram-v3/generate', { prompt: 'a cat', rendering_speed: 'FAST' }, /rendering_speed/],
    ['/v1/ideogram-v3/remix', { prompt: 'a cat', image_file: image() }, /"image_file".*calls it "image"/],
    ['/upscale', { image: image(), image_request: '{}' }, /"image".*calls it "image_file"/],
    [
      '/edit',
      { image_file: image(), mask: image(), prompt: 'x', model: 'V_2', magic_prompt: 'ON' },
      /calls it "magic_prompt_option"/,
    ],
  ] as [string, FormSpec, RegExp][])(
    'rejects field names of the other API generation (%s)',
    async (path, fields, message) => {
      const f = await start();
      const response = await post(f, path, form(fields));
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(message);
    },
  );

  it('rejects legacy enum values on v3 and v3 values on legacy', async () => {
    const f = await start();
    const legacy = await post(f, '/generate', { image_request: { prompt: 'a cat', aspect_ratio: '16x9' } });
    expect(legacy.status).toBe(400);
    const ok = await post(f, '/generate', {
      image_request: {
        prompt: 'a cat',
        aspect_ratio: 'ASPECT_16_9',
        model: 'V_2_TURBO',
        magic_prompt_option: 'OFF',
        seed: 5,
        num_images: 2,
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.map((d: any) => [d.resolution, d.seed, d.prompt])).toEqual([
      ['1312x736', 5, 'a cat'],
      ['1312x736', 6, 'a cat'],
    ]);
  });

  it('reads repeated fields, JSON text parts and JSON file parts', async () => {
    const f = await start();
    const refs = await post(
      f,
      '/v1/ideogram-v3/generate',
      form({
        prompt: 'a cat',
        style_reference_images: [image(), { bytes: png(32, 32), name: 'b.png' }],
        color_palette: '{"members":[{"color_hex":"#FF6600","color_weight":0.6},{"color_hex":"#036"}]}',
      }),
    );
    expect(refs.status).toBe(200);
    expect(f.requests[0]!.files.map((file) => [file.field, file.filename, file.width])).toEqual([
      ['style_reference_images', 'style_reference_images.png', 64],
      ['style_reference_images', 'b.png', 32],
    ]);
    const remix = new FormData();
    remix.append('image_file', new Blob([png(64, 64)], { type: 'image/png' }), 'in.png');
    remix.append(
      'image_request',
      new Blob(['{"prompt":"a dog","image_weight":70,"model":"V_2"}'], { type: 'application/json' }),
    );
    const legacy = await post(f, '/remix', remix);
    expect(legacy.status).toBe(200);
    expect(f.requests[1]!.json).toEqual({ prompt: 'a dog', image_weight: 70, model: 'V_2' });
  });
});

describe('validation', () => {
  const big = (): Upload => {
    const bytes = Buffer.alloc(10 * 1024 * 1024 + 1);
    png(8, 8).copy(bytes);
    return { bytes };
  };
  const refsOverTotal = (): Upload[] =>
    [0, 1].map(() => ({ bytes: Buffer.concat([png(8, 8), Buffer.alloc(5.5 * 1024 * 1024)]) }));
  it.each([
    ['missing prompt', '/v1/ideogram-v3/generate', { num_images: '2' }, /prompt is required/],
    ['empty prompt', '/v1/ideogram-v3/generate', { prompt: ' ' }, /prompt must not be empty/],
    ['two prompts', '/v1/ideogram-v3/generate', { prompt: ['a', 'b'] }, /sent 2 times/],
    [
      'num_images 9',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', num_images: '9' },
      /num_images must be between 1 and 8/,
    ],
    ['num_images 0', '/v1/ideogram-v3/generate', { prompt: 'a', num_images: '0' }, /num_images/],
    [
      'seed -1',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', seed: '-1' },
      /seed must be between 0 and 2147483647/,
    ],
    ['seed 2^31', '/v1/ideogram-v3/generate', { prompt: 'a', seed: '2147483648' }, /seed/],
    ['seed 1.5', '/v1/ideogram-v3/generate', { prompt: 'a', seed: '1.5' }, /seed must be an integer/],
    [
      'image_weight 0',
      '/v1/ideogram-v3/remix',
      { prompt: 'a', image: image(), image_weight: '0' },
      /image_weight must be between 1 and 100/,
    ],
    [
      'resemblance 101',
      '/upscale',
      { image_file: image(), image_request: '{"resemblance":101}' },
      /resemblance/,
    ],
    ['detail 0', '/upscale', { image_file: image(), image_request: '{"detail":0}' }, /detail/],
    [
      'palette name+members',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', color_palette: '{"name":"EMBER","members":[{"color_hex":"#fff"}]}' },
      /not both/,
    ],
    [
      'palette 9 members',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', color_palette: JSON.stringify({ members: Array(9).fill({ color_hex: '#fff' }) }) },
      /1 to 8/,
    ],
    [
      'palette weight',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', color_palette: '{"members":[{"color_hex":"#fff","color_weight":0.01}]}' },
      /0.05/,
    ],
    [
      'palette hex',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', color_palette: '{"members":[{"color_hex":"FF0000"}]}' },
      /#RGB/,
    ],
    [
      'palette preset',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', color_palette: '{"name":"NEON"}' },
      /color_palette.name/,
    ],
    [
      'style code',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', style_codes: ['AABBCCDD', 'AABB,CCDD'] },
      /8 hexadecimal/,
    ],
    [
      'aspect + resolution',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', aspect_ratio: '1x1', resolution: '1024x1024' },
      /cannot be used together/,
    ],
    [
      'style codes + style type',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', style_codes: 'AABBCCDD', style_type: 'DESIGN' },
      /style_codes cannot/,
    ],
    [
      'style codes + refs',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', style_codes: 'AABBCCDD', style_reference_images: image() },
      /style_codes cannot/,
    ],
    [
      'two character refs',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', character_reference_images: [image(), image()] },
      /at most 1 image/,
    ],
    [
      'character mask count',
      '/v1/ideogram-v3/generate',
      {
        prompt: 'a',
        character_reference_images: image(),
        character_reference_images_mask: [image(), image()],
      },
      /one mask per/,
    ],
    [
      'mask size',
      '/v1/ideogram-v3/edit',
      { prompt: 'a', image: image(), mask: { bytes: png(32, 32) } },
      /same size as the image/,
    ],
    ['file > 10 MB', '/v1/ideogram-v3/remix', { prompt: 'a', image: big() }, /larger than 10 MB/],
    [
      'refs > 10 MB total',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', style_reference_images: refsOverTotal() },
      /more than 10 MB/,
    ],
    [
      'not an image',
      '/v1/ideogram-v3/remix',
      { prompt: 'a', image: { bytes: Buffer.from('hello, world') } },
      /not a JPEG, PNG or WebP/,
    ],
    [
      'wrong part type',
      '/v1/ideogram-v3/remix',
      { prompt: 'a', image: { bytes: png(8, 8), type: 'image/jpeg' } },
      /holds image\/png/,
    ],
    [
      'image as text',
      '/v1/ideogram-v3/remix',
      { prompt: 'a', image: 'https://example.com/a.png' },
      /must be a file part/,
    ],
    [
      'FLASH transparent',
      '/v1/ideogram-v3/generate-transparent',
      { prompt: 'a', rendering_speed: 'FLASH' },
      /FLASH is not available/,
    ],
    [
      'FLASH v4',
      '/v1/ideogram-v4/generate',
      { prompt: 'a', rendering_speed: 'FLASH' },
      /FLASH is not available/,
    ],
    [
      'legacy edit model',
      '/edit',
      { image_file: image(), mask: image(), prompt: 'a', model: 'V_3' },
      /V_2 and V_2_TURBO only/,
    ],
    ['reframe without resolution', '/v1/ideogram-v3/reframe', { image: image() }, /resolution is required/],
    [
      'reframe of a non-square image',
      '/v1/ideogram-v3/reframe',
      { image: { bytes: png(96, 64) }, resolution: '1312x736' },
      /reframe needs a square image \(got 96x64\)/,
    ],
    [
      'reframe to a size outside ResolutionV3',
      '/v1/ideogram-v3/reframe',
      { image: image(), resolution: '1000x500' },
      /resolution/,
    ],
    [
      'unknown style preset',
      '/v1/ideogram-v3/generate',
      { prompt: 'a', style_preset: 'VAPORWAVE' },
      /style_preset/,
    ],
  ] as [string, string, FormSpec, RegExp][])('400: %s', async (_name, path, fields, message) => {
    const f = await start();
    const response = await post(f, path, form(fields));
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(message);
    expect(f.billed).toBe(0);
  });

  it('can require a minimum masked area on v3 edit', async () => {
    const f = await start({ minMaskedFraction: 0.1 });
    const data = Buffer.alloc(64 * 64, 255);
    data.fill(0, 0, 64 * 3);
    const mask = { bytes: encodePng({ width: 64, height: 64, channels: 1, data }) };
    const tiny = await post(f, '/v1/ideogram-v3/edit', form({ prompt: 'a', image: image(), mask }));
    expect(tiny.status).toBe(400);
    expect(tiny.body.detail).toMatch(/too small an area/);
  });

  it('applies legacy model limits', async () => {
    const f = await start();
    const negative = await post(f, '/generate', {
      image_request: { prompt: 'a', model: 'V_2A', negative_prompt: 'b' },
    });
    expect(negative.body.detail).toMatch(/negative_prompt is not supported by V_2A/);
    const style = await post(f, '/generate', {
      image_request: { prompt: 'a', model: 'V_1', style_type: 'ANIME' },
    });
    expect(style.body.detail).toMatch(/style_type is not supported by V_1/);
    const unknownTop = await post(f, '/generate', { prompt: 'a' });
    expect(unknownTop.body.detail).toMatch(/inside image_request/);
  });
});

describe('responses', () => {
  it('answers with created, one item per image, a Magic Prompt rewrite and a real image of the reported size', async () => {
    const f = await start({ renderScale: 1 });
    const response = await post(
      f,
      '/v1/ideogram-v3/generate',
      form({ prompt: 'a lighthouse', magic_prompt: 'ON', num_images: '2', aspect_ratio: '9x16' }),
    );
    expect(response.status).toBe(200);
    expect(response.body.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(response.body.data).toHaveLength(2);
    const [first, second] = response.body.data;
    expect(first).toMatchObject({ resolution: '736x1312', is_image_safe: true, style_type: 'GENERAL' });
    expect(first.prompt).toMatch(/^a lighthouse, /);
    expect(second.seed).toBe(first.seed + 1);
    expect(first.url).toMatch(
      new RegExp(`^${f.imagesUrl}/api/images/ephemeral/[\\w-]+\\.png\\?exp=\\d+&sig=[0-9a-f]{64}$`),
    );
    const download = await fetch(first.url);
    expect(download.headers.get('content-type')).toBe('image/png');
    const decoded = await decodeImage(Buffer.from(await download.arrayBuffer()));
    expect([decoded.width, decoded.height]).toEqual([736, 1312]);
  });

  it('reframes a square image to the requested resolution, the image centred and scaled to fit', async () => {
    const f = await start({ renderScale: 1 });
    const response = await post(
      f,
      '/v1/ideogram-v3/reframe',
      form({ image: { bytes: png(64, 64, [20, 200, 60]) }, resolution: '1312x736', num_images: '2' }),
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(2);
    expect(response.body.data[0]).toMatchObject({ resolution: '1312x736', is_image_safe: true });
    const download = await fetch(response.body.data[0].url);
    const decoded = await decodeImage(Buffer.from(await download.arrayBuffer()));
    expect([decoded.width, decoded.height]).toEqual([1312, 736]);
    const centre = (368 * 1312 + 656) * 3;
    expect([...decoded.data.subarray(centre, centre + 3)]).toEqual([20, 200, 60]);
  });

  it('echoes the prompt when Magic Prompt is off, and the requested style type', async () => {
    const f = await start();
    const response = await post(
      f,
      '/v1/ideogram-v3/generate',
      form({ prompt: 'a lighthouse', magic_prompt: 'OFF', style_type: 'REALISTIC', seed: '42' }),
    );
    expect(response.body.data[0]).toMatchObject({
      prompt: 'a lighthouse',
      style_type: 'REALISTIC',
      seed: 42,
      resolution: '1024x1024',
    });
  });

  it('describes an image', async () => {
    const f = await start();
    const response = await post(f, '/describe', form({ image_file: { bytes: png(64, 48, [40, 80, 220]) } }));
    expect(response.status).toBe(200);
    expect(response.body.descriptions).toHaveLength(1);
    expect(response.body.descriptions[0].text).toMatch(/blue-toned picture, 64×48/);
  });

  it('makes transparent PNGs, upscaled when asked', async () => {
    const f = await start();
    const response = await post(f, '/v1/ideogram-v3/generate-transparent', {
      prompt: 'a sticker of a fox',
      aspect_ratio: '1x1',
      upscale_factor: 'X2',
    });
    expect(response.status).toBe(200);
    expect(response.body.data[0]).toMatchObject({
      resolution: '1024x1024',
      upscaled_resolution: '2048x2048',
    });
    const decoded = await decodeImage(
      Buffer.from(await (await fetch(response.body.data[0].url)).arrayBuffer()),
    );
    expect([decoded.width, decoded.height]).toEqual([2048, 2048]);
    expect(decoded.alpha).not.toBeNull();
    expect(decoded.alpha![0]).toBe(0);
    expect(decoded.alpha![1024 * 2048 + 1024]).toBe(255);
  });

  it('upscales by the configured factor', async () => {
    const f = await start({ upscaleFactor: 3 });
    const response = await post(
      f,
      '/upscale',
      form({ image_file: { bytes: png(50, 40) }, image_request: '{}' }),
    );
    expect(response.body.data[0]).toMatchObject({ resolution: '50x40', upscaled_resolution: '150x120' });
  });
});

describe('safety', () => {
  it('rejects a flagged prompt with 422, not billed; withholds flagged items, billed', async () => {
    const f = await start();
    const rejected = await post(
      f,
      '/v1/ideogram-v3/generate',
      form({ prompt: `a ${ideogramScenarioTokens['unsafe-prompt']}` }),
    );
    expect(rejected.status).toBe(422);
    expect(rejected.body).toEqual({
      error: 'Prompt provided failed safety check due to the inclusion of prohibited content.',
    });
    expect(f.billed).toBe(0);

    f.nextScenario({ withhold: [0, 2] });
    const partial = await post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a cat', num_images: '3' }));
    expect(partial.body.data.map((d: any) => [d.is_image_safe, d.url === null])).toEqual([
      [false, true],
      [true, false],
      [false, true],
    ]);
    expect(f.billed).toBe(3);
  });

  it('words a describe rejection about the image', async () => {
    const f = await start();
    f.nextScenario('unsafe-prompt');
    const response = await post(f, '/describe', form({ image_file: image() }));
    expect(response.body.error).toMatch(/^Image provided failed safety check/);
  });
});

describe('capacity and billing', () => {
  it('limits images in flight across endpoints with 429 inflight_limit, optionally with Retry-After', async () => {
    const f = await start({ latencyMs: 200, retryAfterSeconds: 3 });
    const big = post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a cat', num_images: '8' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await post(
      f,
      '/v1/ideogram-v3/remix',
      form({ prompt: 'a dog', image: image(), num_images: '3' }),
    );
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ reject_reason: 'inflight_limit', max_inflight_requests: 10 });
    expect(refused.headers.get('retry-after')).toBe('3');
    const fits = await post(f, '/upscale', form({ image_file: image(), image_request: '{"num_images":2}' }));
    expect(fits.status).toBe(200);
    expect((await big).status).toBe(200);
    expect(f.peakInflightImages).toBe(10);
    expect(f.billed).toBe(10);
  });

  it('refuses with 402 when the balance or daily limit is short, charging only completed requests', async () => {
    const f = await start({ balance: 5, dailyLimit: 4 });
    expect((await post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a', num_images: '3' }))).status).toBe(
      200,
    );
    const daily = await post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a', num_images: '2' }));
    expect(daily.status).toBe(402);
    expect(daily.body.reject_reason).toBe('daily_limit');
    f.advance(24 * 3600_000);
    const funds = await post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a', num_images: '3' }));
    expect(funds.body).toMatchObject({ reject_reason: 'insufficient_funds' });
    expect([f.billed, f.balance]).toEqual([3, 2]);
    const failed = await post(
      f,
      '/v1/ideogram-v3/generate',
      form({ prompt: `a ${ideogramScenarioTokens['server-500']}` }),
    );
    expect(failed.status).toBe(500);
    expect(f.billed).toBe(3);
  });

  it('drops the connection after billing', async () => {
    const f = await start();
    f.nextScenario('drop');
    await expect(
      post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a', num_images: '2' })),
    ).rejects.toThrow();
    expect(f.billed).toBe(2);
    expect(f.requests[0]!.status).toBe(0);
  });

  it('takes the latency the hook gives, by rendering speed and image count', async () => {
    const calls: unknown[] = [];
    const f = await start({
      latencyMs: (call) => {
        calls.push(call);
        return call.renderingSpeed === 'QUALITY' ? 200 : 0;
      },
    });
    const started = performance.now();
    await post(
      f,
      '/v1/ideogram-v3/generate',
      form({ prompt: 'a', rendering_speed: 'QUALITY', num_images: '2' }),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    await post(f, '/generate', { image_request: { prompt: 'a', model: 'V_2_TURBO' } });
    expect(calls).toEqual([
      { endpoint: '/v1/ideogram-v3/generate', renderingSpeed: 'QUALITY', numImages: 2 },
      { endpoint: '/generate', renderingSpeed: 'TURBO', numImages: 1 },
    ]);
  });
});

describe('image links', () => {
  it('serve without a key, expire with the clock, refuse a tampered signature and flag leaked keys', async () => {
    const f = await start({ linkTtlMs: 3600_000 });
    const response = await post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a cat' }));
    const url = new URL(response.body.data[0].url);
    expect(Math.abs(Number(url.searchParams.get('exp')) - (f.now() + 3600_000) / 1000)).toBeLessThan(5);
    expect((await fetch(url)).status).toBe(200);

    const tampered = new URL(url);
    tampered.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    expect((await fetch(tampered)).status).toBe(403);

    await fetch(url, { headers: { 'Api-Key': f.apiKey } });
    expect(f.keyLeaks).toEqual([{ path: url.pathname, header: 'api-key' }]);

    f.advance(3600_000 + 1000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/);
  });

  it('refuses requests carrying credentials in strict mode', async () => {
    const f = await start({ strictImageHost: true });
    const response = await post(f, '/v1/ideogram-v3/generate', form({ prompt: 'a cat' }));
    const leaked = await fetch(response.body.data[0].url, { headers: { Authorization: 'Bearer x' } });
    expect(leaked.status).toBe(400);
    expect((await fetch(response.body.data[0].url)).status).toBe(200);
  });
});
