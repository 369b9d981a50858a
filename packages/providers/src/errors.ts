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

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Throws the signal's reason as a CANCELED provider error when the caller has aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new ProviderError({ code: 'CANCELED', message: 'The job was canceled' });
  }
}
