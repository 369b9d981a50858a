import type { ProviderErrorCode } from './providers';

/** Every code a client can meet in a typed error. Extends the providers' codes, never renames them. */
export type ErrorCode =
  | ProviderErrorCode
  | 'NOT_FOUND'
  | 'UNKNOWN_PROVIDER'
  | 'INVALID_STATE'
  | 'INVALID_CREDENTIALS'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'SIGNUP_DISABLED'
  | 'QUOTA_EXCEEDED'
  | 'SERVICE_UNAVAILABLE';

export interface FieldIssue {
  /** Path of the offending input field, e.g. `['input', 'width']`. */
  path: string[];
  message: string;
}

/** An expected failure: reaches clients as a member of a mutation's result union. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found`);
    this.name = 'NotFoundError';
  }
}

/** Bad input: names every offending field. `code` is INVALID_PROMPT when the prompt is at fault. */
export class InvalidInputError extends DomainError {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[], code?: ErrorCode) {
    const promptAtFault = issues.some((issue) => issue.path.at(-1) === 'prompt');
    super(
      code ?? (promptAtFault ? 'INVALID_PROMPT' : 'INVALID_INPUT'),
      issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}

/** A per-person limit was reached: says which, and when it frees up. */
export class QuotaExceededError extends DomainError {
  readonly limit: 'CONCURRENT_JOBS' | 'IMAGES_PER_DAY';
  readonly max: number;
  /** When the limit frees up: the next UTC midnight for a daily limit; null when a job must finish first. */
  readonly resetsAt: Date | null;
  /** How much of the limit is still free now (images today, or jobs at once), so a smaller ask can pass. */
  readonly remaining: number;

  constructor(
    limit: QuotaExceededError['limit'],
    max: number,
    resetsAt: Date | null,
    message: string,
    remaining: number,
  ) {
    super('QUOTA_EXCEEDED', message, {
      retryable: true,
      details: { limit, max, resetsAt: resetsAt?.toISOString() ?? null, remaining },
    });
    this.name = 'QuotaExceededError';
    this.limit = limit;
    this.max = max;
    this.resetsAt = resetsAt;
    this.remaining = remaining;
  }
}

/**
 * The database (or another service the request needs) cannot be reached right now: nothing was
 * done, and the same request may be sent again after `retryAfterSeconds`.
 */
export class ServiceUnavailableError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, what = 'The database') {
    super(
      'SERVICE_UNAVAILABLE',
      `${what} is unavailable right now; nothing was done. Try again in ${retryAfterSeconds} s.`,
      {
        retryable: true,
        details: { retryAfterSeconds },
      },
    );
    this.name = 'ServiceUnavailableError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Images cannot be added to, removed from or moved in a smart collection: its search decides them. */
export class SmartCollectionError extends DomainError {
  constructor() {
    super('INVALID_STATE', 'This is a smart collection: its saved search decides which images it holds');
    this.name = 'SmartCollectionError';
  }
}

/** A template body or its variables cannot work: says where (offset in the body) and which variable. */
export class InvalidTemplateError extends DomainError {
  readonly position: number | null;
  readonly variable: string | null;
  /** The input field at fault, e.g. "input.body" or "input.variables". */
  readonly field: string;

  constructor(message: string, field: string, position: number | null, variable: string | null) {
    super('INVALID_INPUT', message, { details: { field, position, variable } });
    this.name = 'InvalidTemplateError';
    this.field = field;
    this.position = position;
    this.variable = variable;
  }
}
