/**
 * Codes shared by every provider. The first five are the seed's names and are never renamed;
 * the rest extend them.
 */
export const providerErrorCodes = [
  'INVALID_PROMPT',
  'API_ERROR',
  'RATE_LIMIT',
  'CONTENT_FILTER',
  'STORAGE_ERROR',
  'INVALID_INPUT',
  'UNSUPPORTED',
  'UNAUTHORIZED',
  'INSUFFICIENT_CREDITS',
  'TIMEOUT',
  'PROVIDER_UNAVAILABLE',
  'CANCELED',
] as const;

export type ProviderErrorCode = (typeof providerErrorCodes)[number];

export interface ProviderErrorInit {
  code: ProviderErrorCode;
  message: string;
  retryable?: boolean;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown>;

  constructor(init: ProviderErrorInit) {
    super(init.message);
    this.name = 'ProviderError';
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.details = init.details ?? {};
  }
}

/**
 * Whether trying the next provider in a fallback chain may help: the failure is about this
 * provider (down, slow, out of credits, bad key, busy), not about the request itself.
 */
export function isFallbackable(error: ProviderError): boolean {
  switch (error.code) {
    case 'API_ERROR':
    case 'RATE_LIMIT':
    case 'STORAGE_ERROR':
    case 'UNAUTHORIZED':
    case 'INSUFFICIENT_CREDITS':
    case 'TIMEOUT':
    case 'PROVIDER_UNAVAILABLE':
    case 'UNSUPPORTED':
      return true;
    case 'INVALID_PROMPT':
    case 'INVALID_INPUT':
    case 'CONTENT_FILTER':
    case 'CANCELED':
      return false;
  }
}

export function unsupported(provider: string, operation: string): ProviderError {
  return new ProviderError({ code: 'UNSUPPORTED', message: `${provider} cannot ${operation}` });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Throws the signal's reason as a CANCELED provider error when the caller has aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new ProviderError({ code: 'CANCELED', message: 'The job was canceled' });
  }
}
