import type { ErrorCode, ErrorPayload } from '@atelier/domain';
import { ProviderError } from '@atelier/providers';
import { StorageUnavailableError } from '../../repositories/storage.repository';

/** A failure we understood, with the payload to record on the job (retryable or not). */
export class JobFailure extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
  }
}

/** The one way to say why a job failed: a code, words for the person, and whether trying again may help. */
export function jobFailure(
  code: ErrorCode,
  message: string,
  options: { retryable?: boolean; details?: Record<string, unknown> } = {},
): JobFailure {
  return new JobFailure({
    code,
    message,
    retryable: options.retryable ?? false,
    details: options.details ?? {},
  });
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof JobFailure) return error.payload;
  if (error instanceof ProviderError) {
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      details: {
        ...error.details,
        ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
      },
    };
  }
  // Reading a source or mask from a bucket that is away (writes are caught where they happen).
  if (error instanceof StorageUnavailableError) {
    return {
      code: 'STORAGE_ERROR',
      message: 'The file storage is unavailable',
      retryable: true,
      details: {},
    };
  }
  // A bug or an outage we did not foresee: worth another attempt, but say nothing internal.
  return { code: 'API_ERROR', message: 'The job failed unexpectedly', retryable: true, details: {} };
}
