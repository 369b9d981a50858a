import { isFallbackable, ProviderError, type ProviderErrorCode } from './errors';
import type { ImageProvider, ProviderResult } from './image-provider';
import { backoffMs, type RetryPolicy, sleep } from './retry';

/** One call to one provider, as recorded on the job. */
export interface Attempt {
  provider: string;
  model: string | null;
  /** INTERRUPTED: the worker making the call stopped (shut down or died) before it ended. */
  outcome: 'SUCCEEDED' | 'INTERRUPTED' | ProviderErrorCode;
  message: string | null;
  startedAt: Date;
  finishedAt: Date;
  latencyMs: number;
  costUsd: number | null;
  withheld: number;
}

export interface FallbackEvents {
  /** A call to a provider begins. */
  onAttemptStart?(provider: ImageProvider, model: string | null, startedAt: Date): void;
  /** Every attempt, successful or not, as soon as it ends. */
  onAttempt(attempt: Attempt): void;
  /** Waiting before another try on the same provider. */
  onRetry(provider: ImageProvider, error: ProviderError, waitMs: number): void;
  /** Giving up on `from` and moving to `to`. */
  onSwitch(from: ImageProvider, to: ImageProvider, error: ProviderError): void;
}

export interface FallbackOptions extends FallbackEvents {
  signal: AbortSignal;
  /** Tries per provider after the first, for retryable failures. */
  policy: RetryPolicy;
  random?: () => number;
}

/**
 * Calls the providers of `chain` in order. A retryable failure is retried on the same provider with
 * backoff (honouring Retry-After); a failure that is about the provider rather than the request
 * (see isFallbackable) moves on to the next one. A failure about the request itself (bad input,
 * content filter) or a cancellation ends the chain at once.
 */
export async function runWithFallback(
  chain: readonly ImageProvider[],
  call: (provider: ImageProvider) => { model: string | null; result: Promise<ProviderResult> },
  options: FallbackOptions,
): Promise<{ provider: ImageProvider; result: ProviderResult }> {
  let lastError: ProviderError | undefined;
  for (const [index, provider] of chain.entries()) {
    for (let attempt = 1; ; attempt++) {
      const startedAt = new Date();
      const { model, result } = call(provider);
      options.onAttemptStart?.(provider, model, startedAt);
      try {
        const value = await result;
        options.onAttempt(record(provider, model, startedAt, 'SUCCEEDED', null, value));
        return { provider, result: value };
      } catch (error) {
        const failure = asProviderError(error);
        options.onAttempt(record(provider, model, startedAt, failure.code, failure.message, null));
        if (failure.code === 'CANCELED') throw failure;
        lastError = failure;
        if (failure.retryable && attempt <= options.policy.retries) {
          const waitMs = backoffMs(options.policy, attempt, failure.retryAfterMs, options.random);
          options.onRetry(provider, failure, waitMs);
          await sleep(waitMs, options.signal);
          continue;
        }
        const next = chain[index + 1];
        if (next && isFallbackable(failure)) {
          options.onSwitch(provider, next, failure);
          break;
        }
        throw failure;
      }
    }
  }
  throw lastError ?? new ProviderError({ code: 'PROVIDER_UNAVAILABLE', message: 'No provider to try' });
}

function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  // A bug in a client, not a provider's answer: worth a retry, but never show internals.
  return new ProviderError({
    code: 'API_ERROR',
    message: 'The provider call failed unexpectedly',
    retryable: true,
  });
}

function record(
  provider: ImageProvider,
  model: string | null,
  startedAt: Date,
  outcome: Attempt['outcome'],
  message: string | null,
  result: ProviderResult | null,
): Attempt {
  const finishedAt = new Date();
  return {
    provider: provider.id,
    model,
    outcome,
    message,
    startedAt,
    finishedAt,
    latencyMs: finishedAt.getTime() - startedAt.getTime(),
    costUsd: result?.costUsd ?? null,
    withheld: result?.withheld ?? 0,
  };
}
