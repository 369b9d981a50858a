import type { ProviderErrorCode } from '@atelier/providers';

/** Every code a client can meet in a typed error. Extends the providers' codes, never renames them. */
export type ErrorCode = ProviderErrorCode | 'NOT_FOUND' | 'UNKNOWN_PROVIDER' | 'INVALID_STATE';

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
