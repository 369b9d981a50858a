import { ProviderError, throwIfAborted } from './errors';

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  baseMs: number;
  capMs: number;
}

/** BFL's official SDK policy: three retries, exponential backoff with full jitter, capped at 30 s. */
export const defaultRetryPolicy: RetryPolicy = { retries: 3, baseMs: 500, capMs: 30_000 };

/**
 * How long to wait before retry number `attempt` (1-based): the server's Retry-After when it gave
 * one (capped), otherwise full jitter over an exponential window.
 */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.capMs);
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * window);
}

/** Parses a Retry-After header: seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: () => number = Date.now): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}

/** Waits `ms`, or rejects with CANCELED the moment `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ProviderError({ code: 'CANCELED', message: 'The job was canceled' }));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `operation` and retries it while it fails with a retryable ProviderError. Only wrap calls
 * that are safe to repeat (polls, downloads, a submit that was refused): never a paid submit
 * whose outcome is unknown.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: {
    policy?: RetryPolicy;
    signal: AbortSignal;
    onRetry?: (error: ProviderError, waitMs: number, attempt: number) => void;
    random?: () => number;
  },
): Promise<T> {
  const policy = options.policy ?? defaultRetryPolicy;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || attempt > policy.retries) throw error;
      const waitMs = backoffMs(policy, attempt, error.retryAfterMs, options.random);
      options.onRetry?.(error, waitMs, attempt);
      await sleep(waitMs, options.signal);
    }
  }
}
