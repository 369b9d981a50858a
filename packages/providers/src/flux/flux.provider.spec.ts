/** Contract tests: the Flux provider against the fake BFL API, over real HTTP. */
import { describe, expect, it as base, vi } from 'vitest';
import { type BflFake, type BflFakeOptions, startBflFake } from '../../testing/bfl/bfl-fake';
import { describeImage, renderImage } from '../../testing/bfl/bfl-images';
import { ProviderError } from '../errors';
import type {
  GenerateRequest,
  ImageProvider,
  GenerationParams,
  ProgressUpdate,
  ProviderResult,
  RunContext,
  SourceImage,
} from '../image-provider';
import { decodeImage } from '../local/pixels';
import { FluxClient } from './flux.client';
import { createFluxProvider, type FluxProviderOptions } from './flux.provider';

type Setup = (
  fakeOptions?: BflFakeOptions,
  options?: Partial<FluxProviderOptions>,
) => Promise<{ fake: BflFake; provider: ImageProvider }>;

/** Each test starts its own fake (closed when the test ends) and a provider pointed at it. */
const it = base.extend<{ setup: Setup }>({
  // eslint-disable-next-line no-empty-pattern
  setup: async ({}, use) => {
    const fakes: BflFake[] = [];
    await use(async (fakeOptions = {}, options = {}) => {
      // Small renders keep the suite fast; tests that check output sizes ask for renderScale 1.
      const fake = await startBflFake({ taskDurationMs: 120, renderScale: 0.25, ...fakeOptions });
      fakes.push(fake);
      const provider = createFluxProvider({
        apiKey: fake.apiKey,
        baseUrl: fake.apiUrl,
        trustedHosts: [fake.hosts.global, fake.hosts.cluster],
        deliveryHosts: [fake.hosts.delivery],
        pollIntervalMs: 15,
        maxPollIntervalMs: 40,
        retryPolicy: { retries: 3, baseMs: 10, capMs: 100 },
        ...options,
      });
      return { fake, provider };
    });
    await Promise.all(fakes.map((fake) => fake.close()));
  },
});

const params = (changes: Partial<GenerationParams> = {}): GenerationParams => ({
  width: 512,
  height: 384,
  aspectRatio: null,
  quality: 'STANDARD',
  style: null,
  negativePrompt: null,
  seed: 7,
  steps: null,
  magicPrompt: null,
  ...changes,
});

const request = (changes: Partial<GenerateRequest> = {}, paramChanges: Partial<GenerationParams> = {}) => ({
  prompt: 'a red bicycle by the sea',
  model: 'flux-2-pro',
  count: 1,
  ...changes,
  params: params(paramChanges),
});

function context(signal = new AbortController().signal) {
  const updates: ProgressUpdate[] = [];
  const run: RunContext = { signal, onProgress: (update) => updates.push(update) };
  return { run, updates };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

async function sourceImage(width: number, height: number, prompt = 'a hill'): Promise<SourceImage> {
  const { bytes } = await renderImage(prompt, 3, { width, height }, 'png');
  return { bytes, mime: 'image/png', width, height };
}

const isBase64Image = (value: unknown) =>
  typeof value === 'string' &&
  !value.startsWith('data:') &&
  Buffer.from(value, 'base64').subarray(1, 4).toString() === 'PNG';

describe.concurrent('generate', () => {
  it('submits once, polls, and returns a PNG at the requested size with cost, seed and timing', async ({
    setup,
  }) => {
    const { fake, provider } = await setup({ renderScale: 1 });
    const { run, updates } = context();
    const result = await provider.generate(request(), run);

    expect(fake.submits()).toHaveLength(1);
    expect(fake.tasks[0]!.body).toMatchObject({
      prompt: 'a red bicycle by the sea',
      width: 512,
      height: 384,
      seed: 7,
    });
    expect(fake.tasks[0]!.body.output_format).toBe('png');
    const [image] = result.images;
    expect(image!.mime).toBe('image/png');
    expect(await describeImage(image!.bytes)).toEqual({ format: 'png', width: 512, height: 384 });
    expect(image).toMatchObject({ seed: 7, model: 'flux-2-pro', width: 512, height: 384 });
    expect(image!.metadata).toMatchObject({
      taskId: fake.tasks[0]!.id,
      seed: 7,
      prompt: 'a red bicycle by the sea',
      costCredits: 3,
    });
    expect(result.costUsd).toBeCloseTo(0.03, 10);
    expect(result.withheld).toBe(0);
    expect(result.providerMs).toBeGreaterThanOrEqual(100);
    const progress = updates.map((update) => update.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(updates.at(-1)!.progress).toBeGreaterThanOrEqual(0.99);
  });

  it('polls the returned polling_url on the other cluster with the key, and never sends the key to delivery', async ({
    setup,
  }) => {
    const { fake, provider } = await setup({ strictDelivery: true });
    await provider.generate(request(), context().run);

    const polls = fake.polls();
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((entry) => entry.host === 'cluster' && entry.key === fake.apiKey)).toBe(true);
    expect(fake.requests.filter((entry) => entry.host === 'global').map((entry) => entry.path)).toEqual([
      '/v1/flux-2-pro',
    ]);
    const downloads = fake.requests.filter((entry) => entry.host === 'delivery');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.key).toBeNull();
    expect(fake.keyLeaks).toEqual([]);
  });

  it('does not send the key to a polling host it does not trust', async ({ setup }) => {
    const { fake, provider } = await setup({}, { trustedHosts: [] });
    await provider.generate(request(), context().run);
    expect(fake.submits()[0]!.key).toBe(fake.apiKey);
    expect(fake.polls().every((entry) => entry.key === null)).toBe(true);
  });

  it('submits to a regional host and tolerates a webhook-shaped answer by polling get_result there', async ({
    setup,
  }) => {
    const { fake } = await setup({ pollAnyHost: true });
    const eu = createFluxProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.euUrl,
      deliveryHosts: [fake.hosts.delivery],
      pollIntervalMs: 15,
      maxPollIntervalMs: 40,
    });
    const result = await eu.generate(request({ prompt: 'a lake [bfl:webhook-shape]' }), context().run);
    expect(result.images).toHaveLength(1);
    expect(fake.submits()[0]!.host).toBe('eu');
    expect(fake.polls().every((entry) => entry.host === 'eu' && entry.key === fake.apiKey)).toBe(true);
  });

  it('maps sizes and knobs per model: ×32 for FLUX1.1, aspect ratios for ultra, steps for dev', async ({
    setup,
  }) => {
    const { fake, provider } = await setup();
    await provider.generate(request({ model: 'flux-pro-1.1' }, { magicPrompt: 'ON' }), context().run);
    await provider.generate(
      request({ model: 'flux-pro-1.1-ultra' }, { width: null, height: null, aspectRatio: '21:9' }),
      context().run,
    );
    await provider.generate(
      request({ model: 'flux-dev' }, { steps: 12, magicPrompt: 'AUTO' }),
      context().run,
    );
    expect(fake.tasks.map((task) => task.body)).toMatchObject([
      { width: 512, height: 384, prompt_upsampling: true },
      { aspect_ratio: '21:9', prompt_upsampling: false },
      { width: 512, height: 384, steps: 12, prompt_upsampling: false },
    ]);
    expect(fake.tasks[1]!.body.width).toBeUndefined();

    const wrongSize = await failure(
      provider.generate(request({ model: 'flux-pro-1.1' }, { width: 500 }), context().run),
    );
    expect(wrongSize).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'width' } });
    expect(fake.submits()).toHaveLength(3);
  });

  it('runs count n as n tasks with seeds seed…seed+n-1 and keeps the images when one is withheld', async ({
    setup,
  }) => {
    const { fake, provider } = await setup();
    fake.nextScenario({}, { outcome: 'Content Moderated' }, {});
    const result = await provider.generate(request({ count: 3 }), context().run);
    expect(fake.tasks.map((task) => task.body.seed).sort()).toEqual([7, 8, 9]);
    expect(result.images).toHaveLength(2);
    expect(result.withheld).toBe(1);
    expect(result.costUsd).toBeCloseTo(0.06, 10);
  });
});

describe.concurrent('progress', () => {
  it.for([
    ['percent', '[bfl:progress-percent]'],
    ['fraction', '[bfl:progress-fraction]'],
  ])('normalises %s progress to 0..1 and never goes backwards', async ([, token], { setup }) => {
    const { provider } = await setup({}, { pollIntervalMs: 5, maxPollIntervalMs: 5 });
    const { run, updates } = context();
    await provider.generate(request({ prompt: `a lake [bfl:pending:6] ${token}` }), run);
    const generating = updates.filter((update) => update.stage.startsWith('Flux: generating'));
    expect(generating.length).toBeGreaterThanOrEqual(4);
    expect(generating.map((update) => update.stage)).toContain('Flux: generating 40 %');
    const values = updates.map((update) => update.progress);
    expect(values.every((value) => value >= 0 && value <= 1)).toBe(true);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('shows queued while progress is null and walks through Reasoning and Generating', async ({ setup }) => {
    const { provider } = await setup({}, { pollIntervalMs: 5, maxPollIntervalMs: 5 });
    const { run, updates } = context();
    const result = await provider.generate(
      request({ prompt: 'x [bfl:pending:6] [bfl:progress-null] [bfl:reasoning]' }),
      run,
    );
    expect(result.images).toHaveLength(1);
    const stages = new Set(updates.map((update) => update.stage));
    expect(stages).toContain('Flux: queued');
    expect(stages).toContain('Flux: reasoning about the prompt');
    expect(stages).toContain('Flux: generating');
  });

  it('waits through statuses it does not know', async ({ setup }) => {
    const { fake, provider } = await setup();
    fake.nextScenario({ runningStatuses: ['Upscaling'], pendingPolls: 3 });
    const { run, updates } = context();
    expect((await provider.generate(request(), run)).images).toHaveLength(1);
    expect(updates.map((update) => update.stage)).toContain('Flux: upscaling 99 %');
  });

  it('accepts poll bodies that carry state instead of status', async ({ setup }) => {
    const { provider } = await setup();
    expect(
      (await provider.generate(request({ prompt: 'x [bfl:state-field]' }), context().run)).images,
    ).toHaveLength(1);
  });
});

describe.concurrent('terminal failures', () => {
  it('maps Request Moderated to CONTENT_FILTER at the request stage with the reasons, after one poll', async ({
    setup,
  }) => {
    const { fake, provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'x [bfl:moderated:Violence|Hate]' }), context().run),
    );
    expect(error).toMatchObject({
      code: 'CONTENT_FILTER',
      retryable: false,
      details: { stage: 'request', reasons: ['Violence', 'Hate'], taskId: fake.tasks[0]!.id },
    });
    expect(error.message).toContain('Violence, Hate');
    expect(fake.polls()).toHaveLength(1);
    expect(fake.credits).toBe(10_000);
  });

  it('maps Content Moderated to CONTENT_FILTER at the content stage', async ({ setup }) => {
    const { provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'x [bfl:content-moderated:Sexual Content]' }), context().run),
    );
    expect(error).toMatchObject({
      code: 'CONTENT_FILTER',
      details: { stage: 'content', reasons: ['Sexual Content'] },
    });
  });

  it('maps Error to API_ERROR with the message BFL gave, and charges nothing', async ({ setup }) => {
    const { fake, provider } = await setup();
    const error = await failure(
      provider.generate(request({ prompt: 'x [bfl:error:GPU melted]' }), context().run),
    );
    expect(error.code).toBe('API_ERROR');
    expect(error.message).toContain('GPU melted');
    expect(fake.credits).toBe(10_000);
  });

  it.for([['200'], ['404']])(
    'maps Task not found (HTTP %s) to a non-retryable API_ERROR',
    async ([status], { setup }) => {
      const { fake, provider } = await setup();
      const token = status === '404' ? '[bfl:not-found:404]' : '[bfl:not-found]';
      const error = await failure(provider.generate(request({ prompt: `x ${token}` }), context().run));
      expect(error).toMatchObject({
        code: 'API_ERROR',
        retryable: false,
        details: { taskId: fake.tasks[0]!.id },
      });
      expect(fake.submits()).toHaveLength(1);
    },
  );
});

describe.concurrent('never a second paid task', () => {
  it.for([['poll-503'], ['poll-500'], ['poll-429'], ['poll-reset']])(
    'retries the poll after %s and submits exactly once',
    async ([fault], { setup }) => {
      const { fake, provider } = await setup();
      const result = await provider.generate(request({ prompt: `x [bfl:${fault}:2]` }), context().run);
      expect(result.images).toHaveLength(1);
      expect(fake.submits()).toHaveLength(1);
      expect(fake.tasks).toHaveLength(1);
      expect(fake.polls().filter((entry) => entry.status !== 200).length).toBe(2);
    },
  );

  it('keeps polling the same task when a poll fails more times than the retry policy allows', async ({
    setup,
  }) => {
    const { fake, provider } = await setup({}, { retryPolicy: { retries: 1, baseMs: 5, capMs: 10 } });
    const result = await provider.generate(request({ prompt: 'x [bfl:poll-503:5]' }), context().run);
    expect(result.images).toHaveLength(1);
    expect(fake.submits()).toHaveLength(1);
  });

  it.for([['download-503'], ['download-reset']])(
    're-downloads after %s without re-submitting',
    async ([fault], { setup }) => {
      const { fake, provider } = await setup();
      const result = await provider.generate(request({ prompt: `x [bfl:${fault}:2]` }), context().run);
      expect(result.images).toHaveLength(1);
      expect(fake.submits()).toHaveLength(1);
      expect(fake.tasks[0]!.downloads).toBe(3);
    },
  );

  it.for([
    ['submit-500', 'API_ERROR'],
    ['submit-502', 'PROVIDER_UNAVAILABLE'],
    ['submit-reset', 'PROVIDER_UNAVAILABLE'],
  ])('surfaces %s as %s, not retryable, after exactly one submit', async ([fault, code], { setup }) => {
    const { fake, provider } = await setup();
    const error = await failure(provider.generate(request({ prompt: `x [bfl:${fault}]` }), context().run));
    expect(error).toMatchObject({ code, retryable: false });
    expect(error.message).toMatch(/may have been created and billed/);
    expect(fake.submits()).toHaveLength(1);
    expect(fake.tasks).toHaveLength(1);
  });

  it('surfaces a submit that outlives the request deadline as a non-retryable TIMEOUT', async ({ setup }) => {
    const { fake, provider } = await setup({}, { requestTimeoutMs: 100 });
    const error = await failure(provider.generate(request({ prompt: 'x [bfl:slow:300]' }), context().run));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false });
    expect(fake.submits()).toHaveLength(1);
  });

  it('reports a 503 refusal as retryable but does not resend it itself', async ({ setup }) => {
    const { fake, provider } = await setup();
    const error = await failure(provider.generate(request({ prompt: 'x [bfl:submit-503]' }), context().run));
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(fake.submits()).toHaveLength(1);
    expect(fake.tasks).toHaveLength(0);
  });

  it('resubmits after a 429, waiting as long as Retry-After says', async ({ setup }) => {
    // Without Retry-After the backoff would be under 10 ms (baseMs 10, full jitter).
    const { fake, provider } = await setup(
      { retryAfterSeconds: 0.3 },
      { retryPolicy: { retries: 3, baseMs: 10, capMs: 30_000 } },
    );
    const result = await provider.generate(request({ prompt: 'x [bfl:rate-limit:1]' }), context().run);
    expect(result.images).toHaveLength(1);
    const [refused, accepted] = fake.submits();
    expect([refused!.status, accepted!.status]).toEqual([429, 200]);
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(295);
    expect(accepted!.at - refused!.at).toBeLessThan(1000);
  });

  it('gives up on a persistent 429 with a retryable RATE_LIMIT carrying retryAfterMs', async ({ setup }) => {
    const { fake, provider } = await setup({ retryAfterSeconds: 0.01 });
    const error = await failure(provider.generate(request({ prompt: 'x [bfl:rate-limit]' }), context().run));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', retryable: true, retryAfterMs: 10 });
    expect(fake.submits()).toHaveLength(4);
  });
});

describe.concurrent('HTTP errors', () => {
  it('maps a rejected key and a key without model access to UNAUTHORIZED', async ({ setup }) => {
    const { fake } = await setup();
    const wrongKey = createFluxProvider({ apiKey: 'wrong', baseUrl: fake.apiUrl });
    const error = await failure(wrongKey.generate(request(), context().run));
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', retryable: false, details: { status: 403 } });
    expect(error.message).toMatch(/rejected the API key/);
    fake.configure({ wrongKeyStatus: 401 });
    expect((await failure(wrongKey.generate(request(), context().run))).code).toBe('UNAUTHORIZED');
    const { provider } = await setup();
    const forbidden = await failure(
      provider.generate(request({ prompt: 'x [bfl:forbidden]' }), context().run),
    );
    expect(forbidden.message).toContain('no access to flux-2-pro');
  });

  it('maps 402 to INSUFFICIENT_CREDITS telling the user to add credits', async ({ setup }) => {
    const { provider } = await setup({ credits: 1 });
    const error = await failure(provider.generate(request(), context().run));
    expect(error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', retryable: false });
    expect(error.message).toMatch(/add credits at BFL/);
  });

  it('maps a model BFL no longer serves (404) to UNSUPPORTED', async ({ setup }) => {
    const { provider } = await setup({ retiredModels: ['flux-pro-1.1'] });
    const error = await failure(provider.generate(request({ model: 'flux-pro-1.1' }), context().run));
    expect(error).toMatchObject({ code: 'UNSUPPORTED', details: { status: 404 } });
  });

  it('maps a 422 to INVALID_INPUT with the fields from FastAPI’s detail array', async ({ setup }) => {
    // The provider checks sizes itself, so send a body it would never build straight through the client.
    const { fake } = await setup();
    const client = new FluxClient({
      apiKey: fake.apiKey,
      baseUrl: fake.apiUrl,
      trustedHosts: [],
      deliveryHosts: [],
      pollIntervalMs: 10,
      maxPollIntervalMs: 10,
      timeoutMs: 5000,
      requestTimeoutMs: 5000,
      retryPolicy: { retries: 0, baseMs: 1, capMs: 1 },
      random: Math.random,
      now: Date.now,
      maxImageBytes: 1e6,
    });
    const error = await failure(
      client.submit(
        'flux-pro-1.1',
        { prompt: 'x', width: 1000, height: 768, safety_tolerance: 9 },
        new AbortController().signal,
      ),
    );
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      details: {
        status: 422,
        fields: [
          { field: 'width', message: 'Input should be a multiple of 32', type: 'multiple_of' },
          {
            field: 'safety_tolerance',
            message: 'Input should be less than or equal to 6',
            type: 'less_than_equal',
          },
        ],
      },
    });
    expect(error.message).toContain('body.width: Input should be a multiple of 32');
  });
});

describe.concurrent('limits, deadlines and cancelation', () => {
  it('never has more than maxConcurrency tasks active at BFL; the rest wait for a slot and all finish', async ({
    setup,
  }) => {
    const { fake, provider } = await setup({ concurrencyLimit: 2 }, { maxConcurrency: 2 });
    const contexts = Array.from({ length: 5 }, () => context());
    const results = await Promise.all(contexts.map(({ run }) => provider.generate(request(), run)));
    expect(results.every((result) => result.images.length === 1)).toBe(true);
    expect(fake.peakActive).toBe(2);
    expect(fake.submits()).toHaveLength(5);
    expect(fake.submits().every((entry) => entry.status === 200)).toBe(true);
    const waited = contexts.filter(({ updates }) => updates[0]?.stage === 'waiting for a free Flux slot');
    expect(waited.length).toBe(3);
  });

  it('keeps flux-kontext-max to its own, smaller pool without holding back other models', async ({
    setup,
  }) => {
    const { fake, provider } = await setup(
      { kontextMaxLimit: 2, taskDurationMs: 250 },
      { kontextMaxConcurrency: 2, maxConcurrency: 24 },
    );
    const source = await sourceImage(256, 256);
    const restyles = Array.from({ length: 4 }, () =>
      provider.restyle(
        { ...request({ model: 'flux-kontext-max' }), source, styleText: 'ink', styleReference: null },
        context().run,
      ),
    );
    const generates = Array.from({ length: 3 }, () => provider.generate(request(), context().run));
    await Promise.all([...restyles, ...generates]);
    expect(fake.peakKontextMaxActive).toBe(2);
    expect(fake.peakActive).toBeGreaterThanOrEqual(5);
    expect(fake.submits().every((entry) => entry.status === 200)).toBe(true);
  });

  it('fails with a clear API_ERROR when the delivery link has expired, without re-submitting', async ({
    setup,
  }) => {
    const { fake, provider } = await setup({ deliveryTtlMs: -1 });
    const error = await failure(provider.generate(request(), context().run));
    expect(error).toMatchObject({ code: 'API_ERROR', retryable: false, details: { status: 403 } });
    expect(error.message).toMatch(/result link no longer works.*expire/);
    expect(fake.submits()).toHaveLength(1);
  });

  it('stops at the overall deadline with TIMEOUT naming the task', async ({ setup }) => {
    // The task would take a minute: only the 2 s deadline can end the call within the test's time.
    const { fake, provider } = await setup({ taskDurationMs: 60_000 }, { timeoutMs: 2_000 });
    const error = await failure(provider.generate(request(), context().run));
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      retryable: false,
      details: { taskId: fake.tasks[0]!.id },
    });
  });

  it('says at the deadline why polls kept failing, still with one submit', async ({ setup }) => {
    const { fake, provider } = await setup({}, { timeoutMs: 1500 });
    const error = await failure(
      provider.generate(request({ prompt: 'x [bfl:poll-503:1000]' }), context().run),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { taskId: fake.tasks[0]!.id } });
    expect(error.message).toMatch(/last poll failed: .*HTTP 503/);
    expect(fake.submits()).toHaveLength(1);
  });

  it('cancels mid-poll promptly and polls no more', async ({ setup }) => {
    const { fake, provider } = await setup({ taskDurationMs: 10_000 });
    const controller = new AbortController();
    const { run } = context(controller.signal);
    const onProgress = run.onProgress;
    run.onProgress = (update) => {
      onProgress(update);
      if (update.stage.startsWith('Flux: generating')) controller.abort();
    };
    const started = performance.now();
    const error = await failure(provider.generate(request(), run));
    expect(error.code).toBe('CANCELED');
    expect(performance.now() - started).toBeLessThan(1000);
    const polls = fake.polls().length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.polls().length).toBe(polls);
  });

  it('hands over each image as its task finishes, so a cancel keeps the ones already made', async ({
    setup,
  }) => {
    const { fake, provider } = await setup({}, { pollIntervalMs: 5, maxPollIntervalMs: 5 });
    fake.nextScenario({ pendingPolls: 0 }, { pendingPolls: 0 }, { pendingPolls: 10_000 });
    const controller = new AbortController();
    const { run } = context(controller.signal);
    const finished: { index: number; seed: number | null }[] = [];
    run.onImage = (image, index) => {
      finished.push({ index, seed: image.seed });
      if (finished.length === 2) controller.abort();
    };
    const error = await failure(provider.generate(request({ count: 3 }), run));
    expect(error.code).toBe('CANCELED');
    expect(finished.sort((a, b) => a.index - b.index)).toEqual([
      { index: 0, seed: 7 },
      { index: 1, seed: 8 },
    ]);
  });

  it('is unavailable without a key, says why, and sends nothing', async ({ setup }) => {
    const { fake } = await setup();
    const provider = createFluxProvider({ apiKey: null, baseUrl: fake.apiUrl });
    expect(provider.availability()).toEqual({ available: false, reason: 'Set BFL_API_KEY to use Flux' });
    const error = await failure(provider.generate(request(), context().run));
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    const source = await sourceImage(256, 256);
    await failure(provider.enhance({ source, scale: 2, prompt: null }, context().run));
    expect(fake.requests).toHaveLength(0);
  });
});

describe.concurrent('vary, restyle, edit, enhance', () => {
  it('varies with Redux image_prompt on FLUX1.1 [pro] and a strength on ultra', async ({ setup }) => {
    const { fake, provider } = await setup();
    const source = await sourceImage(640, 384);
    await provider.vary(
      { ...request({ model: 'flux-pro-1.1' }, { width: null, height: null }), source, strength: 'STRONG' },
      context().run,
    );
    await provider.vary(
      {
        ...request({ model: 'flux-pro-1.1-ultra' }, { width: null, height: null }),
        source,
        strength: 'SUBTLE',
      },
      context().run,
    );
    await provider.vary(
      {
        ...request({ model: 'flux-pro-1.1-ultra' }, { width: null, height: null }),
        source,
        strength: 'STRONG',
      },
      context().run,
    );
    const [redux, subtle, strong] = fake.tasks.map((task) => task.body);
    expect(isBase64Image(redux!.image_prompt)).toBe(true);
    expect(redux).toMatchObject({ prompt: 'a red bicycle by the sea', width: 640, height: 384 });
    expect(subtle).toMatchObject({ image_prompt_strength: 0.8, aspect_ratio: '16:9' });
    expect(strong).toMatchObject({ image_prompt_strength: 0.3 });
    expect(isBase64Image(subtle!.image_prompt)).toBe(true);
  });

  it('varies on FLUX.2 with the source as input_image and words for the strength', async ({ setup }) => {
    const { fake, provider } = await setup();
    const source = await sourceImage(512, 512);
    const result = await provider.vary({ ...request(), source, strength: 'SUBTLE' }, context().run);
    expect(result.images).toHaveLength(1);
    const body = fake.tasks[0]!.body;
    expect(isBase64Image(body.input_image)).toBe(true);
    expect(body.prompt).toMatch(/^Make a subtle variation of image 1/);
    expect(body.prompt).toContain('a red bicycle by the sea');
  });

  it('restyles with Kontext from a style text, and from a reference image as input_image_2', async ({
    setup,
  }) => {
    const { fake, provider } = await setup();
    const source = await sourceImage(384, 256);
    const reference = await sourceImage(256, 256, 'a storm');
    const base = {
      ...request({ model: 'flux-kontext-pro', prompt: '' }, { width: null, height: null }),
      source,
    };
    await provider.restyle({ ...base, styleText: 'watercolor', styleReference: null }, context().run);
    await provider.restyle({ ...base, styleText: null, styleReference: reference }, context().run);
    const [text, styled] = fake.tasks.map((task) => task.body);
    expect(text).toMatchObject({
      prompt: expect.stringMatching(/^Restyle image 1 as: watercolor\./),
      aspect_ratio: '3:2',
    });
    expect(isBase64Image(text!.input_image)).toBe(true);
    expect(text!.input_image_2).toBeUndefined();
    expect(styled!.prompt).toMatch(/in the style of image 2/);
    expect(isBase64Image(styled!.input_image_2)).toBe(true);
    const missing = await failure(
      provider.restyle({ ...base, styleText: ' ', styleReference: null }, context().run),
    );
    expect(missing.code).toBe('INVALID_INPUT');
  });

  it('edits with Fill: image + mask (white = repaint) + prompt, same size out; even when asked on FLUX.2', async ({
    setup,
  }) => {
    const { fake, provider } = await setup({ renderScale: 1 });
    const source = await sourceImage(320, 256);
    const mask = await sourceImage(320, 256, 'snow');
    const result = await provider.edit({ ...request({ prompt: 'a boat' }), source, mask }, context().run);
    const body = fake.tasks[0]!.body;
    expect(fake.tasks[0]!.model).toBe('flux-pro-1.0-fill');
    expect(body).toMatchObject({ prompt: 'a boat', seed: 7, output_format: 'png' });
    expect(body.image).toBe(source.bytes.toString('base64'));
    expect(body.mask).toBe(mask.bytes.toString('base64'));
    expect(body.input_image).toBeUndefined();
    expect(result.images[0]!.model).toBe('flux-pro-1.0-fill');
    expect(await describeImage(result.images[0]!.bytes)).toMatchObject({ width: 320, height: 256 });

    const smallMask = await sourceImage(256, 256);
    const error = await failure(provider.edit({ ...request(), source, mask: smallMask }, context().run));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'mask' } });
    expect(fake.submits()).toHaveLength(1);
  });

  it('delegates Enhance to the injected upscaler and says so; without one it is unsupported', async ({
    setup,
  }) => {
    const upscaled: ProviderResult = { images: [], withheld: 0, costUsd: 0, providerMs: null };
    const enhance = vi.fn(async () => upscaled);
    const { fake, provider } = await setup({}, { enhance });
    expect(provider.capabilities.enhance?.note).toBe(
      'Flux has no upscaler; Atelier upscales locally with ESRGAN.',
    );
    const source = await sourceImage(256, 256);
    const { run } = context();
    expect(await provider.enhance({ source, scale: 4, prompt: null }, run)).toBe(upscaled);
    expect(enhance).toHaveBeenCalledWith({ source, scale: 4, prompt: null }, run);
    expect(fake.requests).toHaveLength(0);

    const { provider: plain } = await setup();
    expect(plain.capabilities.enhance).toBeNull();
    expect((await failure(plain.enhance({ source, scale: 2, prompt: null }, run))).code).toBe('UNSUPPORTED');
  });
});

describe.concurrent('expand (outpaint)', () => {
  const expandRequest = (
    source: SourceImage,
    margins: Partial<Record<'top' | 'right' | 'bottom' | 'left', number>>,
  ) => ({
    source,
    top: 0,
    right: 0,
    bottom: 0,
    left: 0,
    ...margins,
    prompt: 'more sea' as string | null,
    model: 'flux-2-pro',
    count: 1,
    params: params({ width: null, height: null }),
  });

  it('sends flux-pro-1.0-expand the base64 image, the four margins and the prompt; the result is source + margins with the source in the middle', async ({
    setup,
  }) => {
    const { fake, provider } = await setup({ renderScale: 1 });
    const source = await sourceImage(256, 192);
    const result = await provider.expand(
      expandRequest(source, { top: 32, right: 64, left: 16 }),
      context().run,
    );
    const task = fake.tasks[0]!;
    expect(task.model).toBe('flux-pro-1.0-expand');
    expect(task.body).toMatchObject({ top: 32, bottom: 0, left: 16, right: 64, prompt: 'more sea', seed: 7 });
    expect(task.body).toMatchObject({ steps: 50, output_format: 'png' });
    expect(task.body.image).toBe(source.bytes.toString('base64'));
    expect(isBase64Image(task.body.image)).toBe(true);
    const [image] = result.images;
    expect(image!.model).toBe('flux-pro-1.0-expand');
    const out = await decodeImage(image!.bytes);
    expect([out.width, out.height]).toEqual([256 + 16 + 64, 192 + 32]);
    const original = await decodeImage(source.bytes);
    for (const [x, y] of [
      [0, 0],
      [128, 96],
      [255, 191],
      [40, 170],
    ] as const) {
      const a = (y * 256 + x) * 3;
      const b = ((y + 32) * out.width + x + 16) * 3;
      expect([...out.data.subarray(b, b + 3)]).toEqual([...original.data.subarray(a, a + 3)]);
    }
  });

  it('refuses margins over 2048 or all zero before sending anything, naming the field', async ({ setup }) => {
    const { fake, provider } = await setup();
    const source = await sourceImage(256, 256);
    const tooBig = await failure(provider.expand(expandRequest(source, { left: 2049 }), context().run));
    expect(tooBig).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'left' } });
    const none = await failure(provider.expand(expandRequest(source, {}), context().run));
    expect(none).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'top' } });
    const negative = await failure(provider.expand(expandRequest(source, { bottom: -4 }), context().run));
    expect(negative).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'bottom' } });
    expect(fake.submits()).toHaveLength(0);
  });

  it('declares the expand model and its limits', async ({ setup }) => {
    const { provider } = await setup();
    const model = provider.capabilities.models.find((m) => m.id === 'flux-pro-1.0-expand');
    expect(model?.operations).toEqual(['OUTPAINT']);
    expect(provider.capabilities.outpaint).toMatchObject({ maxMargin: 2048, prompt: true, resolutions: [] });
  });
});
