import { afterEach, describe, expect, it } from 'vitest';
import {
  type IdeogramFake,
  type IdeogramFakeOptions,
  startIdeogramFake,
} from '../../testing/ideogram/ideogram-fake';
import { ProviderError } from '../errors';
import type {
  GenerateRequest,
  ImageProvider,
  ProgressUpdate,
  ProviderResult,
  RunContext,
  SourceImage,
} from '../image-provider';
import { decodeImage } from '../local/pixels';
import { createIdeogramProvider, type IdeogramProviderOptions } from './ideogram.provider';
import { encodePng } from './png-encode';

const fast = { retries: 2, baseMs: 5, capMs: 20 };
let fake: IdeogramFake | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(
  fakeOptions: IdeogramFakeOptions = {},
  providerOptions: Partial<IdeogramProviderOptions> = {},
): Promise<{ fake: IdeogramFake; provider: ImageProvider }> {
  fake = await startIdeogramFake({ renderScale: 0.25, strictImageHost: true, ...fakeOptions });
  const provider = createIdeogramProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    downloadHosts: [fake.imagesHost],
    retryPolicy: fast,
    random: () => 0.5,
    ...providerOptions,
  });
  return { fake, provider };
}

function run(
  onProgress: (update: ProgressUpdate) => void = () => undefined,
  signal?: AbortSignal,
): RunContext {
  return { signal: signal ?? new AbortController().signal, onProgress };
}

function request(overrides: Partial<GenerateRequest> = {}, params: Partial<GenerateRequest['params']> = {}) {
  return {
    prompt: 'A vintage travel poster that reads "VISIT MARS"',
    model: 'ideogram-v3',
    count: 1,
    ...overrides,
    params: {
      width: null,
      height: null,
      aspectRatio: '1:1',
      quality: 'STANDARD',
      style: null,
      negativePrompt: null,
      seed: 7,
      steps: null,
      magicPrompt: 'OFF',
      ...params,
    },
  } satisfies GenerateRequest;
}

function solid(width: number, height: number, rgb: [number, number, number]): SourceImage {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { bytes: encodePng({ width, height, channels: 3, data }), mime: 'image/png', width, height };
}

/** White (change) on the left half, black (keep) on the right. */
function leftHalfMask(width: number, height: number): SourceImage {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) data.fill(255, y * width, y * width + Math.floor(width / 2));
  return { bytes: encodePng({ width, height, channels: 1, data }), mime: 'image/png', width, height };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

function pixel(image: { data: Buffer; width: number }, x: number, y: number): number[] {
  const i = (y * image.width + x) * 3;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
}

function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('without an API key', () => {
  it('is unavailable with the reason, and every operation fails UNAUTHORIZED without any traffic', async () => {
    fake = await startIdeogramFake();
    const provider = createIdeogramProvider({ apiKey: null, baseUrl: fake.baseUrl });
    expect(provider.availability()).toEqual({
      available: false,
      reason: 'Set IDEOGRAM_API_KEY to use Ideogram',
    });
    const source = solid(64, 64, [10, 20, 30]);
    const calls = [
      () => provider.generate(request(), run()),
      () => provider.vary({ ...request(), source, strength: 'SUBTLE' }, run()),
      () => provider.restyle({ ...request(), source, styleText: 'watercolor', styleReference: null }, run()),
      () => provider.edit({ ...request(), source, mask: leftHalfMask(64, 64) }, run()),
      () => provider.enhance({ source, scale: 2, prompt: null }, run()),
    ];
    for (const call of calls) expect((await failure(call())).code).toBe('UNAUTHORIZED');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('generate', () => {
  it('returns every image, with the seeds and the Magic Prompt rewrite, sending exactly the v3 fields', async () => {
    const { fake, provider } = await setup();
    const stages: string[] = [];
    const prompt = 'A vintage travel poster that reads "VISIT MARS"';
    const result = await provider.generate(
      request({ prompt, count: 3 }, { magicPrompt: 'ON' }),
      run((u) => stages.push(u.stage)),
    );

    expect(result.withheld).toBe(0);
    expect(result.images.map((image) => image.seed)).toEqual([7, 8, 9]);
    for (const image of result.images) {
      const decoded = await decodeImage(image.bytes);
      expect([decoded.width, decoded.height]).toEqual([1024, 1024]);
      expect(image).toMatchObject({ mime: 'image/png', width: 1024, height: 1024, model: 'ideogram-v3' });
      expect(image.metadata.prompt).not.toBe(prompt);
      expect(image.metadata.prompt).toContain(prompt.replace(/[.\s]+$/, ''));
      expect(image.metadata).toMatchObject({
        promptRewritten: true,
        resolution: '1024x1024',
        styleType: 'GENERAL',
      });
    }
    const sent = fake.requests[0]!;
    expect(sent).toMatchObject({
      path: '/v1/ideogram-v3/generate',
      status: 200,
      apiKey: fake.apiKey,
      authorization: null,
    });
    expect(sent.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.fields).toEqual({
      prompt: [prompt],
      num_images: ['3'],
      seed: ['7'],
      rendering_speed: ['DEFAULT'],
      magic_prompt: ['ON'],
      aspect_ratio: ['1x1'],
    });
    expect(stages).toContain('Ideogram: generating');
    expect(stages).toContain('Ideogram: downloading 3/3');
    expect(fake.keyLeaks).toEqual([]);
    expect(fake.billed).toBe(3);
  });

  it('maps aspect ratios to sizes', async () => {
    const { provider } = await setup();
    const wide = await provider.generate(request({}, { aspectRatio: '16:9' }), run());
    const tall = await provider.generate(request({}, { aspectRatio: '9:16' }), run());
    const wideImage = await decodeImage(wide.images[0]!.bytes);
    const tallImage = await decodeImage(tall.images[0]!.bytes);
    expect([wideImage.width, wideImage.height]).toEqual([1312, 736]);
    expect([tallImage.width, tallImage.height]).toEqual([736, 1312]);
  });

  it('sends every declared aspect ratio as a value Ideogram accepts', async () => {
    const { fake, provider } = await setup();
    const ratios = provider.capabilities.models[0]!.aspectRatios;
    expect(ratios).toHaveLength(15);
    for (const aspectRatio of ratios) {
      // Everything withheld: the fake validates the request fully but paints nothing.
      fake.nextScenario('all-unsafe');
      const error = await failure(provider.generate(request({}, { aspectRatio }), run()));
      expect(error.code).toBe('CONTENT_FILTER');
    }
    expect(fake.requests.map((r) => r.fields.aspect_ratio![0])).toEqual(
      ratios.map((r) => r.replace(':', 'x')),
    );
  });

  it('maps quality to rendering speed and sends style, negative prompt and Magic Prompt choices', async () => {
    const { fake, provider } = await setup();
    const prompt = 'A neon sign that reads OPEN';
    const draft = await provider.generate(
      request(
        { prompt },
        { quality: 'DRAFT', style: 'DESIGN', negativePrompt: 'blurry text', magicPrompt: 'OFF' },
      ),
      run(),
    );
    await provider.generate(request({ prompt }, { quality: 'HIGH', magicPrompt: null }), run());

    expect(fake.requests[0]!.fields).toMatchObject({
      rendering_speed: ['TURBO'],
      style_type: ['DESIGN'],
      negative_prompt: ['blurry text'],
      magic_prompt: ['OFF'],
    });
    expect(draft.images[0]!.metadata).toMatchObject({ prompt, promptRewritten: false, styleType: 'DESIGN' });
    expect(fake.requests[1]!.fields.rendering_speed).toEqual(['QUALITY']);
    expect(fake.requests[1]!.fields.magic_prompt).toBeUndefined();
  });

  it('refuses what Ideogram cannot do before sending anything', async () => {
    const { fake, provider } = await setup();
    const cases: [GenerateRequest, string][] = [
      [request({}, { aspectRatio: '7:3' }), 'INVALID_INPUT'],
      [request({ count: 9 }), 'INVALID_INPUT'],
      [request({}, { style: 'ANIME' }), 'INVALID_INPUT'],
      [request({ model: 'V_2_TURBO' }), 'INVALID_INPUT'],
      [request({ prompt: '   ' }), 'INVALID_PROMPT'],
      [request({ prompt: 'x'.repeat(10_001) }), 'INVALID_PROMPT'],
    ];
    for (const [input, code] of cases) {
      expect((await failure(provider.generate(input, run()))).code).toBe(code);
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe('safety', () => {
  it('counts withheld images (billed) and returns the rest', async () => {
    const { fake, provider } = await setup();
    const result = await provider.generate(
      request({ prompt: 'a poster [ideogram:unsafe-item]', count: 3 }),
      run(),
    );
    expect(result.images).toHaveLength(2);
    expect(result.withheld).toBe(1);
    expect(fake.billed).toBe(3);
  });

  it('fails CONTENT_FILTER when Ideogram withholds every image', async () => {
    const { fake, provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:all-unsafe]', count: 2 }), run()),
    );
    expect(error).toMatchObject({
      code: 'CONTENT_FILTER',
      message: 'Ideogram withheld every image as unsafe',
    });
    expect(error.details).toMatchObject({ withheld: 2, billed: true });
    expect(fake.billed).toBe(2);
  });

  it('turns a 422 into CONTENT_FILTER, sent once and not billed', async () => {
    const { fake, provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:unsafe-prompt]' }), run()),
    );
    expect(error).toMatchObject({
      code: 'CONTENT_FILTER',
      message: 'Ideogram rejected the prompt as unsafe',
      retryable: false,
    });
    expect(error.details.reasons).toEqual([expect.stringMatching(/failed safety check/)]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.billed).toBe(0);
  });
});

describe('capacity', () => {
  it('retries a 429 in-flight refusal and succeeds', async () => {
    const { fake, provider } = await setup();
    fake.nextScenario('inflight');
    const stages: string[] = [];
    const result = await provider.generate(
      request(),
      run((u) => stages.push(u.stage)),
    );
    expect(result.images).toHaveLength(1);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(stages.some((stage) => stage.startsWith('Ideogram: busy, trying again'))).toBe(true);
  });

  it('gives up with a retryable RATE_LIMIT carrying the limit and Retry-After', async () => {
    const { fake, provider } = await setup({ retryAfterSeconds: 7 });
    fake.nextScenario('inflight', 'inflight', 'inflight');
    const error = await failure(provider.generate(request(), run()));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', retryable: true, retryAfterMs: 7000 });
    expect(error.details).toMatchObject({ rejectReason: 'inflight_limit', maxInflightRequests: 10 });
    expect(fake.requests).toHaveLength(1 + fast.retries);
  });

  it('keeps at most 10 images in flight when bursting, so every request finishes', async () => {
    const { fake, provider } = await setup({ latencyMs: 80 });
    const waiting: string[] = [];
    const results = await Promise.all(
      [0, 1, 2, 3].map(() =>
        provider.generate(
          request({ count: 4 }),
          run((u) => {
            if (u.stage === 'waiting for Ideogram capacity') waiting.push(u.stage);
          }),
        ),
      ),
    );
    expect(results.flatMap((r) => r.images)).toHaveLength(16);
    expect(fake.peakInflightImages).toBeGreaterThan(4);
    expect(fake.peakInflightImages).toBeLessThanOrEqual(10);
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);
    expect(waiting.length).toBeGreaterThan(0);
  });

  it('stops waiting for capacity when canceled, without sending', async () => {
    const { fake, provider } = await setup({ latencyMs: 150 }, { maxInFlightImages: 4 });
    const first = provider.generate(request({ count: 4 }), run());
    const controller = new AbortController();
    const second = provider.generate(request({ count: 2 }), run(undefined, controller.signal));
    setTimeout(() => controller.abort(), 20);
    expect((await failure(second)).code).toBe('CANCELED');
    await first;
    expect(fake.requests).toHaveLength(1);
  });
});

describe('account errors', () => {
  it('maps a wrong key to UNAUTHORIZED (401), sent once, and never uses Authorization: Bearer', async () => {
    const { fake, provider } = await setup({}, { apiKey: 'not-the-key' });
    const error = await failure(provider.generate(request(), run()));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/IDEOGRAM_API_KEY/);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ status: 401, apiKey: 'not-the-key', authorization: null });
  });

  it('maps the 403 that remix answers for a wrong key to UNAUTHORIZED', async () => {
    const { fake, provider } = await setup({}, { apiKey: 'not-the-key' });
    const source = solid(64, 64, [200, 30, 30]);
    const error = await failure(provider.vary({ ...request(), source, strength: 'SUBTLE' }, run()));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(fake.requests[0]!.status).toBe(403);
  });

  it('explains which credit limit refused the request (402)', async () => {
    const { fake, provider } = await setup({ balance: 2 });
    const funds = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:no-credits]' }), run()),
    );
    expect(funds).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: false });
    expect(funds.message).toMatch(/balance is too low/);
    const daily = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:daily-limit]' }), run()),
    );
    expect(daily.message).toMatch(/daily limit/);
    expect(daily.details.rejectReason).toBe('daily_limit');
    const short = await failure(provider.generate(request({ count: 3 }), run()));
    expect(short.details.rejectReason).toBe('insufficient_funds');
    expect(fake.billed).toBe(0);
    expect(fake.balance).toBe(2);
  });

  it.each(['problem+json', 'error'] as const)(
    'reports a 400 with its message (%s body)',
    async (errorStyle) => {
      const { provider } = await setup({ errorStyle });
      const error = await failure(
        provider.generate(request({ prompt: 'a poster [ideogram:bad-request]' }), run()),
      );
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/scenario bad-request/);
    },
  );
});

describe('failures after sending', () => {
  it('does not send a request again after a 500', async () => {
    const { fake, provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:server-500]' }), run()),
    );
    expect(error).toMatchObject({ code: 'API_ERROR', retryable: false });
    expect(error.message).toMatch(/billed twice/);
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a 503 refusal as retryable but leaves the retry to the caller', async () => {
    const { fake, provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:unavailable-503]' }), run()),
    );
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(fake.requests).toHaveLength(1);
  });

  it('does not send again when the connection drops after Ideogram billed the images', async () => {
    const { fake, provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:drop]', count: 2 }), run()),
    );
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
    expect(error.details.sent).toBe(true);
    expect(error.message).toMatch(/may have been generated and billed/);
    expect(fake.requests).toHaveLength(1);
    expect(fake.billed).toBe(2);
  });

  it('times out without sending again', async () => {
    const { fake, provider } = await setup({ slowMs: 2000 }, { timeoutMs: 150 });
    const error = await failure(provider.generate(request({ prompt: 'a poster [ideogram:slow]' }), run()));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false });
    expect(fake.requests).toHaveLength(1);
  });

  it('cancels promptly mid-request', async () => {
    const { fake, provider } = await setup({ slowMs: 5000 });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:slow]' }), run(undefined, controller.signal)),
    );
    expect(error.code).toBe('CANCELED');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a connection that never opened, then reports it as retryable', async () => {
    const { fake, provider } = await setup();
    await fake.close();
    const stages: string[] = [];
    const error = await failure(
      provider.generate(
        request(),
        run((u) => stages.push(u.stage)),
      ),
    );
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(error.details.sent).toBe(false);
    expect(stages.filter((stage) => stage.startsWith('Ideogram: unreachable, trying again'))).toHaveLength(
      fast.retries,
    );
  });
});

describe('result links', () => {
  it('reports an expired link clearly', async () => {
    const { provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:expired-link]' }), run()),
    );
    expect(error.code).toBe('API_ERROR');
    expect(error.message).toMatch(/no longer works.*expired/);
  });

  it('retries a failing download, then fails without generating again', async () => {
    const { fake, provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'a poster [ideogram:download-error]' }), run()),
    );
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
    expect(error.message).toMatch(/made the images but downloading them failed/);
    expect(fake.downloads).toBe(1 + fast.retries);
    expect(fake.requests).toHaveLength(1);
    expect(fake.billed).toBe(1);
  });

  it('downloads only from allowed hosts', async () => {
    const { fake, provider } = await setup({}, { downloadHosts: undefined });
    const error = await failure(provider.generate(request(), run()));
    expect(error.message).toMatch(/unexpected host/);
    expect(fake.downloads).toBe(0);
  });
});

describe('vary', () => {
  it('remixes the source with the strength as image_weight, keeping its shape', async () => {
    const { fake, provider } = await setup();
    const source = solid(320, 200, [220, 40, 40]);
    const subtle = await provider.vary(
      { ...request({}, { aspectRatio: null }), source, strength: 'SUBTLE' },
      run(),
    );
    const strong = await provider.vary(
      { ...request({}, { aspectRatio: null }), source, strength: 'STRONG' },
      run(),
    );

    const [first, second] = fake.requests;
    expect(first).toMatchObject({ path: '/v1/ideogram-v3/remix', status: 200 });
    expect(first!.fields).toMatchObject({ image_weight: ['80'], aspect_ratio: ['16x10'] });
    expect(second!.fields.image_weight).toEqual(['35']);
    expect(first!.files.map(({ field, filename, type }) => ({ field, filename, type }))).toEqual([
      { field: 'image', filename: 'image.png', type: 'image/png' },
    ]);
    // The fake blends by image_weight: the subtle variation stays closer to the red source.
    const red = Buffer.alloc(1280 * 800 * 3);
    for (let i = 0; i < 1280 * 800; i++) red.set([220, 40, 40], i * 3);
    const subtleImage = await decodeImage(subtle.images[0]!.bytes);
    const strongImage = await decodeImage(strong.images[0]!.bytes);
    expect([subtleImage.width, subtleImage.height]).toEqual([1280, 800]);
    expect(meanDifference(subtleImage.data, red)).toBeLessThan(meanDifference(strongImage.data, red));
    expect(subtle.images[0]!.metadata).toMatchObject({ strength: 'SUBTLE', imageWeight: 80 });
  });
});

describe('restyle', () => {
  it('sends a reference image as a style reference and a preset name as style_preset', async () => {
    const { fake, provider } = await setup();
    const source = solid(256, 256, [30, 90, 200]);
    const reference = { ...solid(128, 128, [240, 200, 40]), mime: 'image/png' as const };
    const result = await provider.restyle(
      {
        ...request({ prompt: 'a harbour at dawn' }),
        source,
        styleText: 'Watercolor',
        styleReference: reference,
      },
      run(),
    );
    expect(result.images).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.path).toBe('/v1/ideogram-v3/remix');
    expect(sent.fields).toMatchObject({ style_preset: ['WATERCOLOR'], prompt: ['a harbour at dawn'] });
    expect(sent.files.map((f) => [f.field, f.type, f.width])).toEqual([
      ['image', 'image/png', 256],
      ['style_reference_images', 'image/png', 128],
    ]);
  });

  it('folds a free style description into the prompt', async () => {
    const { fake, provider } = await setup();
    const source = solid(256, 256, [30, 90, 200]);
    await provider.restyle(
      {
        ...request({ prompt: 'a harbour at dawn' }),
        source,
        styleText: 'moody neon noir',
        styleReference: null,
      },
      run(),
    );
    expect(fake.requests[0]!.fields.prompt).toEqual(['a harbour at dawn, in the style of moody neon noir']);
    expect(fake.requests[0]!.fields.style_preset).toBeUndefined();
    expect(fake.requests[0]!.fields.style_reference_images).toBeUndefined();
  });

  it('needs a style', async () => {
    const { fake, provider } = await setup();
    const source = solid(64, 64, [30, 90, 200]);
    const error = await failure(
      provider.restyle({ ...request(), source, styleText: ' ', styleReference: null }, run()),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('edit', () => {
  it('inverts the mask (Ideogram edits black) and repaints only the marked half', async () => {
    const { fake, provider } = await setup();
    const source = solid(256, 256, [210, 30, 30]);
    // A mask drawn at half size still lines up with the image.
    const result = await provider.edit(
      { ...request({ prompt: 'a green forest' }), source, mask: leftHalfMask(128, 128) },
      run(),
    );
    const sent = fake.requests[0]!;
    expect(sent.path).toBe('/v1/ideogram-v3/edit');
    expect(sent.fields.aspect_ratio).toBeUndefined();
    const mask = sent.files.find((f) => f.field === 'mask')!;
    expect(mask).toMatchObject({ filename: 'mask.png', type: 'image/png', width: 256, height: 256 });
    const sentMask = await decodeImage(mask.bytes);
    expect(pixel(sentMask, 10, 128)).toEqual([0, 0, 0]);
    expect(pixel(sentMask, 245, 128)).toEqual([255, 255, 255]);

    const edited = await decodeImage(result.images[0]!.bytes);
    expect([edited.width, edited.height]).toEqual([256, 256]);
    expect(pixel(edited, 200, 100)).toEqual([210, 30, 30]);
    expect(pixel(edited, 60, 100)).not.toEqual([210, 30, 30]);
  });

  it('refuses a mask that marks nothing', async () => {
    const { fake, provider } = await setup();
    const source = solid(64, 64, [210, 30, 30]);
    const black = solid(64, 64, [0, 0, 0]);
    const error = await failure(provider.edit({ ...request(), source, mask: black }, run()));
    expect(error.code).toBe('INVALID_INPUT');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('expand (reframe)', () => {
  const expand = (
    source: SourceImage,
    margins: Partial<Record<'top' | 'right' | 'bottom' | 'left', number>>,
  ) => ({
    source,
    top: 0,
    right: 0,
    bottom: 0,
    left: 0,
    ...margins,
    prompt: 'more beach' as string | null,
    model: 'ideogram-v3',
    count: 1,
    params: request().params,
  });

  it('sends v3 reframe the square image and the ResolutionV3 size nearest the canvas, no prompt; the picture stays in the middle', async () => {
    const { fake, provider } = await setup();
    const source = solid(512, 512, [30, 90, 200]);
    const result = await provider.expand(expand(source, { left: 200, right: 200 }), run());
    const sent = fake.requests[0]!;
    expect(sent.path).toBe('/v1/ideogram-v3/reframe');
    // 912×512 is 1.78:1, Ideogram's 16:9 size.
    expect(sent.fields).toMatchObject({ resolution: ['1312x736'], num_images: ['1'], seed: ['7'] });
    expect(sent.fields.prompt).toBeUndefined();
    expect(sent.fields.magic_prompt).toBeUndefined();
    expect(sent.files.find((f) => f.field === 'image')).toMatchObject({ width: 512, height: 512 });
    const [image] = result.images;
    expect(image!.metadata).toMatchObject({ resolution: '1312x736', promptIgnored: true });
    const out = await decodeImage(image!.bytes);
    expect([out.width, out.height]).toEqual([1312, 736]);
    expect(pixel(out, 656, 368)).toEqual([30, 90, 200]);
  });

  it('refuses what reframe cannot do before sending: a non-square source, off-centre margins, shapes it has no size for', async () => {
    const { fake, provider } = await setup();
    const wide = await failure(
      provider.expand(expand(solid(96, 64, [1, 2, 3]), { top: 16, bottom: 16 }), run()),
    );
    expect(wide).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'source' } });
    expect(wide.message).toMatch(/square pictures only/);
    const square = solid(64, 64, [1, 2, 3]);
    const offCentre = await failure(provider.expand(expand(square, { left: 32, right: 8 }), run()));
    expect(offCentre).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'right' } });
    const tooLong = await failure(provider.expand(expand(square, { left: 200, right: 200 }), run()));
    expect(tooLong).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'left' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('declares the outpaint limits, with the sizes it can deliver', async () => {
    const { provider } = await setup();
    expect(provider.capabilities.models[0]!.operations).toContain('OUTPAINT');
    expect(provider.capabilities.outpaint).toMatchObject({
      squareSourceOnly: true,
      centredOnly: true,
      prompt: false,
      maxMargin: null,
    });
    expect(provider.capabilities.outpaint!.resolutions).toHaveLength(69);
  });
});

describe('enhance', () => {
  it('upscales through legacy /upscale with image_file and a JSON image_request part', async () => {
    const { fake, provider } = await setup();
    const source = solid(200, 150, [40, 160, 90]);
    const result: ProviderResult = await provider.enhance(
      { source, scale: 2, prompt: 'crisp leaves' },
      run(),
    );
    const sent = fake.requests[0]!;
    expect(sent).toMatchObject({ path: '/upscale', status: 200 });
    expect(sent.files.map((f) => f.field)).toEqual(['image_file']);
    expect(JSON.parse(sent.fields.image_request![0]!)).toEqual({
      prompt: 'crisp leaves',
      resemblance: 80,
      detail: 50,
      magic_prompt_option: 'OFF',
      num_images: 1,
    });
    const image = result.images[0]!;
    expect(image).toMatchObject({ width: 400, height: 300 });
    expect(image.metadata).toMatchObject({ resolution: '200x150', upscaledResolution: '400x300' });
    const decoded = await decodeImage(image.bytes);
    expect([decoded.width, decoded.height]).toEqual([400, 300]);
  });

  it('offers 2× only', async () => {
    const { fake, provider } = await setup();
    expect(provider.capabilities.enhance?.scales).toEqual([2]);
    const error = await failure(
      provider.enhance({ source: solid(64, 64, [1, 2, 3]), scale: 4, prompt: null }, run()),
    );
    expect(error.code).toBe('UNSUPPORTED');
    expect(fake.requests).toHaveLength(0);
  });

  it('routes the factors Ideogram lacks to the local enhancer and says so, sending Ideogram nothing', async () => {
    const asked: number[] = [];
    const { fake, provider } = await setup(
      {},
      {
        enhanceLocally: {
          scales: [2, 4],
          enhance: async (request) => {
            asked.push(request.scale);
            const { width, height } = request.source;
            const out = solid(width * request.scale, height * request.scale, [9, 9, 9]);
            return {
              images: [
                {
                  bytes: out.bytes,
                  mime: out.mime,
                  width: out.width,
                  height: out.height,
                  seed: null,
                  model: 'esrgan',
                  metadata: {},
                },
              ],
              withheld: 0,
              costUsd: null,
              providerMs: null,
            };
          },
        },
      },
    );
    expect(provider.capabilities.enhance?.scales).toEqual([2, 4]);
    expect(provider.capabilities.enhance?.note).toMatch(/4× by Atelier locally with ESRGAN/);
    const result = await provider.enhance(
      { source: solid(64, 48, [1, 2, 3]), scale: 4, prompt: null },
      run(),
    );
    expect(result.images[0]).toMatchObject({ width: 256, height: 192, model: 'esrgan' });
    expect(asked).toEqual([4]);
    expect(fake.requests).toHaveLength(0);

    await provider.enhance({ source: solid(64, 48, [1, 2, 3]), scale: 2, prompt: null }, run());
    expect(fake.requests.map((r) => r.path)).toEqual(['/upscale']);
    expect(asked).toEqual([4]);
  });
});
