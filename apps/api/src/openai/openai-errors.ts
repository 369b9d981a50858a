import {
  DomainError,
  InvalidInputError,
  type JobRecord,
  QuotaExceededError,
  ServiceUnavailableError,
} from '@atelier/domain';

/** OpenAI's error types, as its SDKs and the tools built on them read them. */
type OpenAiErrorType = 'invalid_request_error' | 'authentication_error' | 'rate_limit_error' | 'server_error';

/** A refusal in OpenAI's shape: `{ error: { message, type, param, code } }` with the status it implies. */
export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    readonly type: OpenAiErrorType,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'OpenAiError';
  }

  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** Atelier's own field names where OpenAI's differ, so `param` names what the caller sent. */
const PARAM_NAMES: Record<string, string> = {
  width: 'size',
  height: 'size',
  aspectRatio: 'size',
  count: 'n',
  file: 'image',
  maskImageId: 'mask',
  provider: 'model',
  fallbackProviders: 'model',
};

/** A service refusal in OpenAI's terms: bad input 400, quota 429 (with when to retry), outage 503. */
export function openAiErrorOf(error: unknown): OpenAiError | null {
  if (error instanceof OpenAiError) return error;
  if (error instanceof QuotaExceededError) {
    const seconds = error.resetsAt
      ? Math.max(1, Math.ceil((error.resetsAt.getTime() - Date.now()) / 1000))
      : 30;
    return new OpenAiError(429, 'rate_limit_error', error.message, 'insufficient_quota', null, seconds);
  }
  if (error instanceof ServiceUnavailableError) {
    return new OpenAiError(
      503,
      'server_error',
      error.message,
      'service_unavailable',
      null,
      error.retryAfterSeconds,
    );
  }
  if (error instanceof InvalidInputError) {
    const field = error.issues[0]?.path.at(-1) ?? null;
    const message = error.issues.map(
      (issue) => `${PARAM_NAMES[issue.path.at(-1)!] ?? issue.path.at(-1)}: ${issue.message}`,
    );
    return new OpenAiError(
      400,
      'invalid_request_error',
      message.join('; '),
      error.code === 'INVALID_PROMPT' ? 'invalid_prompt' : 'invalid_value',
      field === null ? null : (PARAM_NAMES[field] ?? field),
    );
  }
  if (error instanceof DomainError) {
    if (error.code === 'NOT_FOUND') {
      return new OpenAiError(404, 'invalid_request_error', error.message, 'not_found');
    }
    if (error.code === 'FORBIDDEN') {
      return new OpenAiError(403, 'invalid_request_error', error.message, 'forbidden');
    }
    return new OpenAiError(400, 'invalid_request_error', error.message, error.code.toLowerCase());
  }
  return null;
}

/**
 * A job that did not succeed, in OpenAI's terms: a safety refusal is 400 `content_policy_violation`
 * (as OpenAI answers), a bad prompt 400, and a provider failure once the fallback chain is spent is
 * 503 when it may pass (outage, rate limit, time-out) and 502 otherwise.
 */
export function failedJobError(job: JobRecord): OpenAiError {
  const code = job.error?.code ?? 'API_ERROR';
  const message = `${job.error?.message ?? 'The job failed'} (job ${job.id})`;
  if (job.status === 'CANCELED') {
    return new OpenAiError(499, 'invalid_request_error', `The job was canceled (job ${job.id})`, 'canceled');
  }
  switch (code) {
    case 'CONTENT_FILTER':
      return new OpenAiError(400, 'invalid_request_error', message, 'content_policy_violation', 'prompt');
    case 'INVALID_PROMPT':
      return new OpenAiError(400, 'invalid_request_error', message, 'invalid_prompt', 'prompt');
    case 'INVALID_INPUT':
    case 'UNSUPPORTED':
      return new OpenAiError(400, 'invalid_request_error', message, 'invalid_value');
    case 'PROVIDER_UNAVAILABLE':
    case 'RATE_LIMIT':
    case 'TIMEOUT':
    case 'STORAGE_ERROR':
      return new OpenAiError(503, 'server_error', message, code.toLowerCase(), null, 30);
    default:
      return new OpenAiError(502, 'server_error', message, code.toLowerCase());
  }
}
