import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { describe, expect, it as base } from 'vitest';
import { type BflFake, type BflFakeOptions, startBflFake } from './bfl-fake';
import { describeImage, renderImage } from './bfl-images';
import { bflModels } from './bfl-models';
import { BFL_SCENARIO_TOKENS, scenarioFromPrompt, stripScenarioTokens } from './bfl-scenarios';

/** Each test starts its own fakes, closed when the test ends. */
const it = base.extend<{ start: (options?: BflFakeOptions) => Promise<BflFake> }>({
  // eslint-disable-next-line no-empty-pattern
  start: async ({}, use) => {
    const fakes: BflFake[] = [];
    await use(async (options = {}) => {
      const fake = await startBflFake(options);
      fakes.push(fake);
      return fake;
    });
    await Promise.all(fakes.map((fake) => fake.close()));
  },
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function call(
  url: string,
  init: { method?: string; key?: string | null; body?: unknown; raw?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.key) headers['x-key'] = init.key;
  const response = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body };
}

const submit = (fake: BflFake, model: string, body: unknown, base = fake.apiUrl) =>
  call(`${base}/v1/${model}`, { key: fake.apiKey, body });
const poll = (fake: BflFake, id: string, base = fake.clusterUrl) => call(`${base}/v1/get_result?id=${id}`);

const pngBase64 = async (width: number, height: number) =>
  (await renderImage('a hill', 1, { width, height }, 'png')).bytes.toString('base64');

describe.concurrent('routing and auth', () => {
  it('serves every model path, 404s unknown ones, and keeps finetuned inference on the regional host', async ({
    start,
  }) => {
    const fake = await start();
    for (const model of bflModels) {
      const global = await submit(fake, model.path, {});
      const regional = await submit(fake, model.path, {}, fake.clusterUrl);
      // An empty body is valid for models whose fields are all optional, a 422 for the others.
      if (model.regionalOnly) expect(global.status, model.path).toBe(404);
      else expect([200, 422], model.path).toContain(global.status);
      expect([200, 422], model.path).toContain(regional.status);
    }
    const unknown = await submit(fake, 'flux-9-hyper', { prompt: 'x' });
    expect(unknown).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    const get = await call(`${fake.apiUrl}/v1/flux-2-pro`, { key: fake.apiKey });
    expect(get.status).toBe(405);
  });

  it('answers a missing key with 403 (or 401 when configured) and a wrong key with 403', async ({
    start,
  }) => {
    const fake = await start();
    const missing = await call(`${fake.apiUrl}/v1/flux-2-pro`, { body: { prompt: 'x' } });
    expect(missing).toMatchObject({ status: 403, body: { detail: 'Not authenticated' } });
    fake.configure({ missingKeyStatus: 401, wrongKeyStatus: 401 });
    expect((await call(`${fake.apiUrl}/v1/credits`)).status).toBe(401);
    const wrong = await call(`${fake.apiUrl}/v1/flux-2-pro`, { key: 'nope', body: { prompt: 'x' } });
    expect(wrong.status).toBe(401);
    expect(typeof wrong.body.detail).toBe('string');
  });

  it('refuses a key without access to a model with 403', async ({ start }) => {
    const fake = await start({ extraKeys: { limited: { models: ['flux-dev'] } } });
    const denied = await call(`${fake.apiUrl}/v1/flux-2-pro`, { key: 'limited', body: { prompt: 'x' } });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toContain('flux-2-pro');
    const allowed = await call(`${fake.apiUrl}/v1/flux-dev`, { key: 'limited', body: { prompt: 'x' } });
    expect(allowed.status).toBe(200);
  });

  it('serves submits on the eu and us hosts too', async ({ start }) => {
    const fake = await start();
    expect((await submit(fake, 'flux-2-pro', { prompt: 'x' }, fake.euUrl)).status).toBe(200);
    expect((await submit(fake, 'flux-2-pro', { prompt: 'x' }, fake.usUrl)).status).toBe(200);
    expect(fake.tasks.map((task) => task.host)).toEqual(['eu', 'us']);
  });
});

describe.concurrent('body validation', () => {
  it('answers FastAPI 422 arrays: multiples of 32 for FLUX.1, safety 0–5 for FLUX.2, required fields', async ({
    start,
  }) => {
    const fake = await start();
    const flux1 = await submit(fake, 'flux-pro-1.1', { prompt: 'x', width: 1000, height: 768 });
    expect(flux1.status).toBe(422);
    expect(flux1.body.detail).toEqual([
      {
        type: 'multiple_of',
        loc: ['body', 'width'],
        msg: 'Input should be a multiple of 32',
        input: 1000,
        ctx: { multiple_of: 32 },
      },
    ]);
    const flux2 = await submit(fake, 'flux-2-pro', { prompt: 'x', safety_tolerance: 6 });
    expect(flux2.body.detail[0]).toMatchObject({
      type: 'less_than_equal',
      loc: ['body', 'safety_tolerance'],
    });
    expect((await submit(fake, 'flux-kontext-pro', { prompt: 'x', safety_tolerance: 6 })).status).toBe(200);
    const missing = await submit(fake, 'flux-2-pro', { width: 512 });
    expect(missing.body.detail[0]).toMatchObject({
      type: 'missing',
      loc: ['body', 'prompt'],
      msg: 'Field required',
    });
    const format = await submit(fake, 'flux-dev', { prompt: 'x', output_format: 'gif' });
    expect(format.body.detail[0]).toMatchObject({ type: 'literal_error', loc: ['body', 'output_format'] });
    const ratio = await submit(fake, 'flux-pro-1.1-ultra', { prompt: 'x', aspect_ratio: '3:1' });
    expect(ratio.body.detail[0]).toMatchObject({ type: 'value_error', loc: ['body', 'aspect_ratio'] });
  });

  it('forbids extra fields on outpainting only, and rejects bad JSON and undecodable images', async ({
    start,
  }) => {
    const fake = await start();
    const image = await pngBase64(256, 256);
    const outpaint = await submit(fake, 'flux-tools/outpainting-v1', {
      input_image: image,
      width: 512,
      height: 512,
      seed: 3,
    });
    expect(outpaint.body.detail).toEqual([
      expect.objectContaining({ type: 'extra_forbidden', loc: ['body', 'seed'] }),
    ]);
    expect((await submit(fake, 'flux-2-pro', { prompt: 'x', unknown_field: 1 })).status).toBe(200);
    const json = await call(`${fake.apiUrl}/v1/flux-2-pro`, { key: fake.apiKey, raw: '{"prompt": ' });
    expect(json.body.detail[0]).toMatchObject({ type: 'json_invalid' });
    const bad = await submit(fake, 'flux-kontext-pro', { prompt: 'x', input_image: 'bm90IGFuIGltYWdl' });
    expect(bad.status).toBe(400);
    expect(typeof bad.body.detail).toBe('string');
    const mismatch = await submit(fake, 'flux-pro-1.0-fill', { image, mask: await pngBase64(128, 128) });
    expect(mismatch.status).toBe(400);
  });
});

describe.concurrent('submit', () => {
  it('answers 200 with a UUID id, a polling_url on the cluster host and costs that can be null or absent', async ({
    start,
  }) => {
    const fake = await start();
    const answer = await submit(fake, 'flux-pro-1.1', { prompt: 'x' });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answer.body.polling_url).toBe(`${fake.clusterUrl}/v1/get_result?id=${answer.body.id}`);
    expect(answer.body).toMatchObject({ cost: 4, input_mp: 0, output_mp: 0.79 });
    const nulls = await submit(fake, 'flux-2-pro', { prompt: 'x [bfl:cost-null]' });
    expect(nulls.body).toMatchObject({ cost: null, input_mp: null, output_mp: null });
    const absent = await submit(fake, 'flux-2-pro', { prompt: 'x [bfl:cost-absent]' });
    expect(Object.keys(absent.body).sort()).toEqual(['id', 'polling_url']);
  });

  it('answers the webhook shape with or without polling_url when asked to', async ({ start }) => {
    const fake = await start({ webhookResponse: 'webhook' });
    const body = { prompt: 'x', webhook_url: 'https://example.test/hook' };
    const bare = await submit(fake, 'flux-2-pro', body);
    expect(bare.body).toMatchObject({ status: 'Pending', webhook_url: 'https://example.test/hook' });
    expect(bare.body.polling_url).toBeUndefined();
    fake.configure({ webhookResponse: 'webhook+polling' });
    expect((await submit(fake, 'flux-2-pro', body)).body.polling_url).toContain('/v1/get_result?id=');
  });

  it('limits active tasks per key (24 by default, kontext-max 6) with 429 and an optional Retry-After', async ({
    start,
  }) => {
    const fake = await start({ concurrencyLimit: 2, kontextMaxLimit: 1, taskDurationMs: 1000 });
    expect((await submit(fake, 'flux-kontext-max', { prompt: 'x' })).status).toBe(200);
    const kontext = await submit(fake, 'flux-kontext-max', { prompt: 'x' });
    expect(kontext.status).toBe(429);
    expect(kontext.headers.get('retry-after')).toBe('1');
    expect((await submit(fake, 'flux-2-pro', { prompt: 'x' })).status).toBe(200);
    fake.configure({ retryAfterSeconds: null });
    const full = await submit(fake, 'flux-2-pro', { prompt: 'x' });
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBeNull();
    expect(typeof full.body.detail).toBe('string');
    fake.advance(1000);
    expect((await submit(fake, 'flux-2-pro', { prompt: 'x' })).status).toBe(200);
  });

  it('charges credits only when a task turns Ready, and answers 402 when the balance is short', async ({
    start,
  }) => {
    const fake = await start({ credits: 10, taskDurationMs: 1000 });
    expect((await submit(fake, 'flux-pro-1.1', { prompt: 'x' })).status).toBe(200);
    expect((await submit(fake, 'flux-pro-1.1', { prompt: 'x [bfl:content-moderated]' })).status).toBe(200);
    expect((await call(`${fake.apiUrl}/v1/credits`, { key: fake.apiKey })).body).toEqual({ credits: 10 });
    fake.advance(1000);
    expect((await call(`${fake.apiUrl}/v1/credits`, { key: fake.apiKey })).body).toEqual({ credits: 6 });
    expect((await submit(fake, 'flux-pro-1.1', { prompt: 'x' })).status).toBe(200);
    fake.advance(1000);
    const short = await submit(fake, 'flux-pro-1.1', { prompt: 'x' });
    expect(short.status).toBe(402);
    expect(fake.credits).toBe(2);
  });

  it('injects submit faults: 500 and resets after creating the task, 503 without', async ({ start }) => {
    const fake = await start();
    expect((await submit(fake, 'flux-2-pro', { prompt: 'a [bfl:submit-500]' })).status).toBe(500);
    expect((await submit(fake, 'flux-2-pro', { prompt: 'a [bfl:submit-502]' })).status).toBe(502);
    await expect(submit(fake, 'flux-2-pro', { prompt: 'a [bfl:submit-reset]' })).rejects.toThrow();
    expect((await submit(fake, 'flux-2-pro', { prompt: 'a [bfl:submit-503]' })).status).toBe(503);
    expect(fake.tasks).toHaveLength(3);
    const once = { prompt: 'b [bfl:rate-limit:1]' };
    expect((await submit(fake, 'flux-2-pro', once)).status).toBe(429);
    expect((await submit(fake, 'flux-2-pro', once)).status).toBe(200);
  });
});

describe.concurrent('polling', () => {
  it('runs a task for taskDurationMs of Pending with rising progress, then Ready with the result fields', async ({
    start,
  }) => {
    const fake = await start({ taskDurationMs: 5000 });
    const { body } = await submit(fake, 'flux-2-pro', { prompt: 'a lake [bfl:progress-fraction]', seed: 42 });
    const first = await poll(fake, body.id);
    expect(first.body).toMatchObject({ id: body.id, status: 'Pending', result: null });
    expect(first.body.progress).toBeLessThan(0.1);
    fake.advance(2500);
    const middle = await poll(fake, body.id);
    expect(middle.body.status).toBe('Pending');
    expect(middle.body.progress).toBeGreaterThanOrEqual(0.5);
    fake.advance(2600);
    const ready = await poll(fake, body.id);
    expect(ready.body).toMatchObject({ status: 'Ready', progress: null, details: null, preview: null });
    expect(ready.body.result).toMatchObject({ prompt: 'a lake', seed: 42 });
    expect(ready.body.result.duration).toBeGreaterThanOrEqual(5);
    expect(ready.body.result.end_time - ready.body.result.start_time).toBeCloseTo(
      ready.body.result.duration,
      3,
    );
    expect(new URL(ready.body.result.sample).host).toBe(fake.hosts.delivery);
  });

  it('follows a poll-count timeline with percentages and the newer running statuses', async ({ start }) => {
    const fake = await start();
    const { body } = await submit(fake, 'flux-2-pro', {
      prompt: 'x [bfl:pending:4] [bfl:progress-percent] [bfl:reasoning]',
    });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await poll(fake, body.id)).body);
    expect(answers.map((answer) => answer.status)).toEqual([
      'Pending',
      'Reasoning',
      'Generating',
      'Generating',
      'Ready',
    ]);
    expect(answers.slice(0, 4).map((answer) => answer.progress)).toEqual([0, 33, 66, 99]);
  });

  it('moderates requests at once and content after Pending, with reasons, and reports errors', async ({
    start,
  }) => {
    const fake = await start({ scenario: { pendingPolls: 1 } });
    const request = await submit(fake, 'flux-2-pro', { prompt: 'x [bfl:moderated:Violence|Hate]' });
    expect((await poll(fake, request.body.id)).body).toMatchObject({
      status: 'Request Moderated',
      result: null,
      details: { 'Moderation Reasons': ['Violence', 'Hate'] },
    });
    const content = await submit(fake, 'flux-2-pro', { prompt: 'x [bfl:content-moderated]' });
    expect((await poll(fake, content.body.id)).body.status).toBe('Pending');
    expect((await poll(fake, content.body.id)).body).toMatchObject({
      status: 'Content Moderated',
      details: { 'Moderation Reasons': ['Sexual Content'] },
    });
    const failed = await submit(fake, 'flux-2-pro', { prompt: 'x [bfl:error:GPU melted]' });
    await poll(fake, failed.body.id);
    expect((await poll(fake, failed.body.id)).body).toMatchObject({
      status: 'Error',
      details: { error: 'GPU melted' },
    });
    const state = await submit(fake, 'flux-2-pro', { prompt: 'x [bfl:state-field]' });
    expect((await poll(fake, state.body.id)).body).toMatchObject({ state: 'Pending' });
  });

  it('answers Task not found for unknown ids (200, or 404 when set), other hosts and expired tasks', async ({
    start,
  }) => {
    const fake = await start({ taskDurationMs: 10, retentionMs: 60_000 });
    expect((await call(`${fake.clusterUrl}/v1/get_result`)).body.detail[0]).toMatchObject({
      type: 'missing',
      loc: ['query', 'id'],
    });
    expect(await poll(fake, 'nope')).toMatchObject({ status: 200, body: { status: 'Task not found' } });
    const { body } = await submit(fake, 'flux-2-pro', { prompt: 'x' });
    expect((await poll(fake, body.id, fake.apiUrl)).body.status).toBe('Task not found');
    fake.advance(20);
    expect((await poll(fake, body.id)).body.status).toBe('Ready');
    fake.advance(61_000);
    expect((await poll(fake, body.id)).body.status).toBe('Task not found');
    fake.setDefaults({ notFoundStatus: 404 });
    expect((await poll(fake, 'nope')).status).toBe(404);
  });

  it('injects transient poll failures before answering normally', async ({ start }) => {
    const fake = await start();
    const { body } = await submit(fake, 'flux-2-pro', { prompt: 'x [bfl:poll-503:2]' });
    expect((await poll(fake, body.id)).status).toBe(503);
    expect((await poll(fake, body.id)).status).toBe(503);
    expect((await poll(fake, body.id)).status).toBe(200);
    fake.configure({ keylessPolling: false });
    expect((await poll(fake, body.id)).status).toBe(403);
  });
});

describe.concurrent('delivery', () => {
  it('serves real images in the requested format, without CORS, until the signed link expires', async ({
    start,
  }) => {
    const fake = await start({ taskDurationMs: 0 });
    const { body } = await submit(fake, 'flux-2-pro', {
      prompt: 'x',
      width: 320,
      height: 192,
      output_format: 'webp',
    });
    const { result } = (await poll(fake, body.id)).body;
    const image = await call(result.sample);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(image.headers.get('access-control-allow-origin')).toBeNull();
    expect(await describeImage(image.body)).toEqual({ format: 'webp', width: 320, height: 192 });
    expect(fake.tasks[0]!.renderer).toBe('local');
    const tampered = await call(result.sample.replace('sp=r', 'sp=rw'));
    expect(tampered.status).toBe(403);
    fake.advance(10 * 60_000 + 1);
    const expired = await call(result.sample);
    expect(expired.status).toBe(403);
    expect(expired.body.toString()).toContain('AuthenticationFailed');
  });

  it('defaults FLUX1.1 output to JPEG and records (strict: refuses) an x-key sent to the delivery host', async ({
    start,
  }) => {
    const fake = await start({ taskDurationMs: 0 });
    const { body } = await submit(fake, 'flux-pro-1.1', { prompt: 'x', width: 256, height: 256 });
    const { sample } = (await poll(fake, body.id)).body.result;
    const leaked = await call(sample, { key: fake.apiKey });
    expect(leaked.headers.get('content-type')).toBe('image/jpeg');
    expect(fake.keyLeaks).toHaveLength(1);
    fake.configure({ strictDelivery: true });
    expect((await call(sample, { key: fake.apiKey })).status).toBe(400);
    expect((await call(sample)).status).toBe(200);
  });
});

describe.concurrent('webhooks and finetunes', () => {
  it('posts the final payload with X-Webhook-Secret and the HMAC signature, retrying a failing receiver', async ({
    start,
  }) => {
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(received.length === 1 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const fake = await start({ taskDurationMs: 20, webhookSignature: 'both', webhookRetryDelayMs: 10 });
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const { body } = await submit(fake, 'flux-2-pro', {
        prompt: 'x',
        webhook_url: hook,
        webhook_secret: 's3cret',
      });
      await expect.poll(() => received.length, { timeout: 3000 }).toBe(2);
      const last = received[1]!;
      expect(last.headers['x-webhook-secret']).toBe('s3cret');
      const hmac = createHmac('sha256', 's3cret').update(last.body).digest('hex');
      expect(last.headers['x-bfl-signature']).toBe(`sha256=${hmac}`);
      expect(JSON.parse(last.body)).toMatchObject({ id: body.id, status: 'Ready' });
      // The fake records a delivery's outcome once the receiver has answered.
      for (let waited = 0; fake.webhooks.length < 2 && waited < 3000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(fake.webhooks.map((delivery) => delivery.outcome)).toEqual([500, 200]);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('manages finetunes on the regional host and runs finetuned inference there', async ({ start }) => {
    const fake = await start();
    const path = (p: string) => `${fake.clusterUrl}/v1/${p}`;
    expect((await call(`${fake.apiUrl}/v1/my_finetunes`, { key: fake.apiKey })).status).toBe(404);
    const created = await call(path('finetune'), {
      key: fake.apiKey,
      body: { file_data: 'UEsDBA==', finetune_comment: 'me', mode: 'character' },
    });
    const id = created.body.finetune_id as string;
    expect((await call(path('my_finetunes'), { key: fake.apiKey })).body).toEqual({ finetunes: [id] });
    expect((await call(path(`finetune_details?finetune_id=${id}`), { key: fake.apiKey })).status).toBe(200);
    expect((await call(path('finetune_details'), { key: fake.apiKey })).status).toBe(422);
    const run = (finetuneId: string) =>
      call(path('flux-pro-1.1-ultra-finetuned'), {
        key: fake.apiKey,
        body: { prompt: 'x', finetune_id: finetuneId },
      });
    expect((await run(id)).status).toBe(200);
    expect((await run('missing')).status).toBe(404);
    const deleted = await call(path('delete_finetune'), { key: fake.apiKey, body: { finetune_id: id } });
    expect(deleted.body).toMatchObject({ deleted_finetune_id: id });
  });
});

describe.concurrent('scenario tokens', () => {
  it('documents every token it understands and strips them from the prompt', () => {
    for (const token of Object.keys(BFL_SCENARIO_TOKENS)) {
      expect(Object.keys(scenarioFromPrompt(`x [bfl:${token}]`)).length, token).toBeGreaterThan(0);
    }
    expect(stripScenarioTokens('a [bfl:slow:10] red  [bfl:error] car')).toBe('a red car');
  });
});

describe.concurrent('expand (flux-pro-1.0-expand)', () => {
  it('validates margins, steps and the image per §4.9 with FastAPI 422 details', async ({ start }) => {
    const fake = await start({ taskDurationMs: 0 });
    const image = await pngBase64(64, 64);
    const bad = await submit(fake, 'flux-pro-1.0-expand', {
      image,
      top: 2049,
      left: -1,
      steps: 10,
      guidance: 200,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'less_than_equal',
          loc: ['body', 'top'],
          input: 2049,
          ctx: { le: 2048 },
        }),
        expect.objectContaining({ type: 'greater_than_equal', loc: ['body', 'left'], input: -1 }),
        expect.objectContaining({ loc: ['body', 'steps'] }),
        expect.objectContaining({ loc: ['body', 'guidance'] }),
      ]),
    );
    const missing = await submit(fake, 'flux-pro-1.0-expand', { top: 10 });
    expect(missing.body.detail).toEqual([
      expect.objectContaining({ type: 'missing', loc: ['body', 'image'] }),
    ]);
    const fractional = await submit(fake, 'flux-pro-1.0-expand', { image, right: 1.5 });
    expect(fractional.status).toBe(422);
    expect(fractional.body.detail[0].loc).toEqual(['body', 'right']);
    expect(fake.tasks).toHaveLength(0);
  });

  it('returns the expanded size (width + left + right × height + top + bottom) with the input unchanged in place', async ({
    start,
  }) => {
    const fake = await start({ taskDurationMs: 0 });
    const input = await renderImage('a hill', 1, { width: 96, height: 64 }, 'png');
    const { body } = await submit(fake, 'flux-pro-1.0-expand', {
      image: input.bytes.toString('base64'),
      top: 8,
      bottom: 24,
      left: 40,
      prompt: 'a wider hill',
      output_format: 'png',
    });
    const { result } = (await poll(fake, body.id)).body;
    const image = await call(result.sample);
    expect(await describeImage(image.body)).toEqual({ format: 'png', width: 136, height: 96 });
    const [kept, original] = await Promise.all([
      sharp(image.body).extract({ left: 40, top: 8, width: 96, height: 64 }).removeAlpha().raw().toBuffer(),
      sharp(input.bytes).removeAlpha().raw().toBuffer(),
    ]);
    expect(kept.equals(original)).toBe(true);
  });
});
