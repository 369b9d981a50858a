import { ProviderError } from '../errors';
import { errorMessage } from '../http';
import { parseRetryAfter } from '../retry';

/**
 * Which call failed. A submit is a paid, non-idempotent POST: when its outcome is unknown the task
 * may exist and be billed, so such failures are not retryable (a retry would be a second charge).
 * Polls and downloads are safe to repeat.
 */
export type FluxPhase = 'submit' | 'poll';

export interface FieldProblem {
  field: string;
  message: string;
  type: string | null;
}

/** FastAPI's 422 `detail` array as field problems (`loc` without the leading `body`/`query`). */
export function fieldProblems(body: unknown): FieldProblem[] {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (!Array.isArray(detail)) return [];
  return detail.map((item) => {
    const entry = (item ?? {}) as { loc?: unknown; msg?: unknown; type?: unknown };
    const loc = Array.isArray(entry.loc) ? entry.loc.map(String) : [];
    const path = loc[0] === 'body' || loc[0] === 'query' ? loc.slice(1) : loc;
    return {
      field: path.join('.') || 'body',
      message: typeof entry.msg === 'string' ? entry.msg : 'invalid',
      type: typeof entry.type === 'string' ? entry.type : null,
    };
  });
}

/** Maps an HTTP error answer from BFL to a ProviderError. */
export function httpError(
  status: number,
  body: unknown,
  headers: Headers,
  context: { phase: FluxPhase; model: string; now?: () => number },
): ProviderError {
  const message = errorMessage(body, `HTTP ${status}`);
  const details = { status, phase: context.phase, model: context.model, providerMessage: message };
  const submit = context.phase === 'submit';
  if (status === 401 || status === 403) {
    return new ProviderError({
      code: 'UNAUTHORIZED',
      message: `Black Forest Labs rejected the API key, or the key has no access to ${context.model} (${message})`,
      details,
    });
  }
  if (status === 402) {
    return new ProviderError({
      code: 'INSUFFICIENT_CREDITS',
      message: `The Black Forest Labs account is out of credits: add credits at BFL (${message})`,
      details,
    });
  }
  if (status === 404 && submit) {
    return new ProviderError({
      code: 'UNSUPPORTED',
      message: `Black Forest Labs does not offer the model ${context.model} (HTTP 404)`,
      details,
    });
  }
  if (status === 400 || status === 413 || (status === 422 && submit)) {
    const fields = fieldProblems(body);
    return new ProviderError({
      code: 'INVALID_INPUT',
      message: `Black Forest Labs rejected the request: ${message}`,
      details: { ...details, ...(fields.length > 0 && { fields }) },
    });
  }
  if (status === 429) {
    return new ProviderError({
      code: 'RATE_LIMIT',
      message: `Black Forest Labs is at its limit of active tasks for this account (${message})`,
      retryable: true,
      retryAfterMs: parseRetryAfter(headers.get('retry-after'), context.now),
      details,
    });
  }
  // 503 is a refusal ("temporarily unavailable"): nothing was created, so trying again is safe.
  if (status === 503) {
    return new ProviderError({
      code: 'PROVIDER_UNAVAILABLE',
      message: 'Black Forest Labs is temporarily unavailable (HTTP 503)',
      retryable: true,
      retryAfterMs: parseRetryAfter(headers.get('retry-after'), context.now),
      details,
    });
  }
  if (status >= 500) {
    const notResent = submit ? '; the task may have been created and billed, so it was not resent' : '';
    const gateway = status === 502 || status === 504;
    return new ProviderError({
      code: gateway ? 'PROVIDER_UNAVAILABLE' : 'API_ERROR',
      message: `${gateway ? "Black Forest Labs' gateway" : 'Black Forest Labs'} failed (HTTP ${status})${notResent}`,
      retryable: !submit,
      details,
    });
  }
  return new ProviderError({
    code: 'API_ERROR',
    message: `Black Forest Labs answered HTTP ${status}: ${message}`,
    details,
  });
}

/**
 * A network failure or deadline on submit: safe to repeat only when the request provably never
 * left; otherwise the task may exist, and the error says so and is not retryable.
 */
export function submitNetworkError(error: ProviderError): ProviderError {
  if (error.code === 'CANCELED' || error.details.sent === false) return error;
  return new ProviderError({
    code: error.code,
    message: `${error.message}; the task may have been created and billed, so it was not resent`,
    retryable: false,
    details: error.details,
  });
}

/** Whether a failed submit may be sent again right away: a 429, or a request that never left. */
export function mayResubmit(error: ProviderError): boolean {
  return error.code === 'RATE_LIMIT' || (error.retryable && error.details.sent === false);
}

export type TaskFailure = 'Error' | 'Request Moderated' | 'Content Moderated' | 'Task not found';

/** The error for a task that ended without an image. */
export function taskError(status: TaskFailure, body: Record<string, unknown>, taskId: string): ProviderError {
  const details =
    body.details && typeof body.details === 'object' ? (body.details as Record<string, unknown>) : {};
  switch (status) {
    case 'Request Moderated':
    case 'Content Moderated': {
      const stage = status === 'Request Moderated' ? 'request' : 'content';
      const raw = details['Moderation Reasons'];
      const reasons = Array.isArray(raw) ? raw.map(String) : [];
      const because = reasons.length > 0 ? `: ${reasons.join(', ')}` : '';
      return new ProviderError({
        code: 'CONTENT_FILTER',
        message:
          stage === 'request'
            ? `Black Forest Labs' moderation refused the prompt or input image${because}`
            : `Black Forest Labs' moderation withheld the generated image${because}`,
        details: { stage, reasons, taskId },
      });
    }
    case 'Error': {
      const message =
        errorMessage(details, '') ||
        errorMessage(body, '') ||
        firstString(details) ||
        'the task failed without a reason';
      // BFL does not bill failed tasks, so a fresh submit costs nothing extra.
      return new ProviderError({
        code: 'API_ERROR',
        message: `Black Forest Labs could not generate the image: ${message}`,
        retryable: true,
        details: { taskId, providerMessage: message },
      });
    }
    case 'Task not found':
      return new ProviderError({
        code: 'API_ERROR',
        message: 'Black Forest Labs no longer knows the task (it is unknown or expired)',
        details: { taskId },
      });
  }
}

function firstString(record: Record<string, unknown>): string | null {
  const value = Object.values(record).find((entry) => typeof entry === 'string');
  return typeof value === 'string' ? value : null;
}
