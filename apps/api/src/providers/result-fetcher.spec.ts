import { createFluxProvider, createIdeogramProvider, ProviderError } from '@atelier/providers';
import { startBflFake, startIdeogramFake } from '@atelier/providers/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createResultFetcher } from './result-fetcher';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const run = () => ({ signal: new AbortController().signal, onProgress: () => undefined });
const params = {
  width: null,
  height: null,
  aspectRatio: '1:1',
  quality: 'STANDARD',
  style: null,
  negativePrompt: null,
  seed: 7,
  steps: null,
  magicPrompt: 'OFF',
} as const;
const fast = { retries: 1, baseMs: 5, capMs: 10 };

async function ideogram(resultHosts: (imagesHost: string) => string[]) {
  const fake = await startIdeogramFake({ renderScale: 0.25, strictImageHost: true });
  closers.push(() => fake.close());
  const provider = createIdeogramProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    // No downloadHosts: the built-in list (ideogram.ai) does not name the fake's host.
    fetchResult: createResultFetcher(resultHosts(fake.imagesHost)),
    retryPolicy: fast,
  });
  return { fake, provider };
}

describe('provider results through the SSRF-safe fetcher', () => {
  it('downloads an Ideogram result from a host outside the built-in list, without sending the key', async () => {
    const { fake, provider } = await ideogram((imagesHost) => [imagesHost]);
    const result = await provider.generate(
      { prompt: 'a lighthouse', model: 'ideogram-v3', count: 2, params },
      run(),
    );
    expect(result.images).toHaveLength(2);
    expect(result.images.every((image) => image.bytes.subarray(1, 4).toString() === 'PNG')).toBe(true);
    expect(fake.downloads).toBeGreaterThanOrEqual(2);
    expect(fake.keyLeaks).toEqual([]);
  });

  it('downloads a Flux result from an unlisted delivery host, without sending x-key', async () => {
    const fake = await startBflFake({ taskDurationMs: 50, renderScale: 0.25, strictDelivery: true });
    closers.push(() => fake.close());
    const provider = createFluxProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.apiUrl,
      trustedHosts: [fake.hosts.global, fake.hosts.cluster],
      fetchResult: createResultFetcher([fake.hosts.delivery]),
      pollIntervalMs: 15,
      retryPolicy: fast,
    });
    const result = await provider.generate(
      {
        prompt: 'a lighthouse',
        model: 'flux-2-pro',
        count: 1,
        params: { ...params, width: 512, height: 512, aspectRatio: null, magicPrompt: null },
      },
      run(),
    );
    expect(result.images).toHaveLength(1);
    expect(fake.keyLeaks).toEqual([]);
  });

  it('refuses a result on a private address with a typed error naming the address', async () => {
    const { provider } = await ideogram(() => []);
    const failure = await provider
      .generate({ prompt: 'a lighthouse', model: 'ideogram-v3', count: 1, params }, run())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({
      code: 'API_ERROR',
      retryable: false,
      details: { resultRefused: 'FORBIDDEN_ADDRESS' },
    });
    expect((failure as Error).message).toMatch(/127\.0\.0\.1/);
  });

  it('refuses a plain http result link on a public host before connecting', async () => {
    const fetchResult = createResultFetcher([]);
    const failure = await fetchResult('http://93.184.215.14/a.png', {
      maxBytes: 1024,
      timeoutMs: 1000,
      signal: new AbortController().signal,
      provider: 'Ideogram',
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'API_ERROR', details: { resultRefused: 'INVALID_URL' } });
  });
});
