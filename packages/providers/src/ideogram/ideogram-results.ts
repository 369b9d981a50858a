import { ProviderError } from '../errors';
import { downloadImage, type ResultFetcher } from '../http';
import type { ProgressUpdate, ProviderImage, ProviderResult } from '../image-provider';
import { type RetryPolicy, withRetry } from '../retry';
import type { IdeogramItem, IdeogramResponse } from './ideogram.client';

const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;

export interface CollectContext {
  model: string;
  endpoint: string;
  /** The prompt we sent, to tell whether Magic Prompt rewrote it. */
  sentPrompt: string | null;
  /** Facts about the request worth keeping with every image. */
  requestFacts: Record<string, unknown>;
  downloadHosts: readonly string[];
  fetchResult?: ResultFetcher;
  timeoutMs: number;
  retryPolicy: RetryPolicy;
  random: () => number;
  signal: AbortSignal;
  onProgress: (update: ProgressUpdate) => void;
}

function size(resolution: string | null): { width: number; height: number } | null {
  const match = resolution === null ? null : /^(\d{2,5})x(\d{2,5})$/.exec(resolution);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : null;
}

/**
 * Downloads every image Ideogram let through, at once (its links expire). Withheld items were made
 * and billed: they are counted, and a request where every item was withheld is a content-filter error.
 */
export async function collectResult(
  response: IdeogramResponse,
  context: CollectContext,
): Promise<ProviderResult> {
  const shown = response.items.filter((item): item is IdeogramItem & { url: string } => item.safe);
  const withheld = response.items.length - shown.length;
  if (shown.length === 0) {
    throw new ProviderError({
      code: 'CONTENT_FILTER',
      message: 'Ideogram withheld every image as unsafe',
      details: {
        reasons: ['every image failed Ideogram’s safety check'],
        endpoint: context.endpoint,
        withheld,
        billed: true,
        prompts: response.items.map((i) => i.prompt),
      },
    });
  }
  let done = 0;
  const report = (): void =>
    context.onProgress({
      progress: 0.9 + (0.1 * done) / shown.length,
      stage: `Ideogram: downloading ${Math.min(done + 1, shown.length)}/${shown.length}`,
    });
  report();
  const images = await Promise.all(
    shown.map(async (item): Promise<ProviderImage> => {
      const { bytes, mime } = await withRetry(
        () =>
          downloadImage(item.url, {
            allowedHosts: context.downloadHosts,
            ...(context.fetchResult && { fetcher: context.fetchResult }),
            maxBytes: MAX_DOWNLOAD_BYTES,
            timeoutMs: context.timeoutMs,
            signal: context.signal,
            provider: 'Ideogram',
          }),
        { policy: context.retryPolicy, signal: context.signal, random: context.random },
      ).catch((error: unknown) => {
        throw downloadFailed(error, context.endpoint, response.items.length);
      });
      done++;
      if (done < shown.length) report();
      const dimensions = size(item.upscaledResolution) ?? size(item.resolution);
      return {
        bytes,
        mime,
        ...dimensions,
        seed: item.seed,
        model: context.model,
        metadata: {
          ...context.requestFacts,
          endpoint: context.endpoint,
          prompt: item.prompt,
          promptRewritten:
            item.prompt !== null && context.sentPrompt !== null && item.prompt !== context.sentPrompt,
          resolution: item.resolution,
          ...(item.upscaledResolution !== null && { upscaledResolution: item.upscaledResolution }),
          styleType: item.styleType,
          created: response.created?.toISOString() ?? null,
        },
      };
    }),
  );
  return { images, withheld, costUsd: null, providerMs: null };
}

/**
 * The images exist and were billed; only fetching them failed. Never retryable: trying the
 * operation again would generate (and bill) them a second time.
 */
function downloadFailed(error: unknown, endpoint: string, billed: number): unknown {
  if (!(error instanceof ProviderError) || error.code === 'CANCELED') return error;
  return new ProviderError({
    code: error.code,
    message: `Ideogram made the images but downloading them failed: ${error.message}`,
    retryable: false,
    details: { ...error.details, endpoint, billed },
  });
}
