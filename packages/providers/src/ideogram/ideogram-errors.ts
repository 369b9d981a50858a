import { ProviderError } from '../errors';
import { errorMessage, type HttpResponse } from '../http';
import { parseRetryAfter } from '../retry';

const creditReasons: Record<string, string> = {
  insufficient_funds: 'the Ideogram account balance is too low; add credits at ideogram.ai',
  daily_limit: 'the Ideogram account reached its daily limit; it resets tomorrow (or raise the limit)',
  subscription_required: 'this Ideogram feature needs a paid subscription',
  priority_credit_required: 'this Ideogram request needs priority credits',
  feature_limit: "the Ideogram account reached this feature's limit",
};

function field(body: unknown, key: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
}

/** A non-200 answer from Ideogram as a ProviderError. The request reached Ideogram (`sent: true`). */
export function errorFromResponse(
  response: HttpResponse,
  endpoint: string,
  now: () => number,
): ProviderError {
  const { status, body } = response;
  const message = errorMessage(body, `HTTP ${status}`);
  const details: Record<string, unknown> = { status, endpoint, sent: true, body };
  const rejectReason = field(body, 'reject_reason');
  if (typeof rejectReason === 'string') details.rejectReason = rejectReason;

  switch (status) {
    case 400:
    case 404:
    case 413:
      return new ProviderError({
        code: 'INVALID_INPUT',
        message: `Ideogram rejected the request: ${message}`,
        details,
      });
    case 401:
    case 403:
      return new ProviderError({
        code: 'UNAUTHORIZED',
        message: `Ideogram refused the API key (HTTP ${status}: ${message}); check IDEOGRAM_API_KEY and its access`,
        details,
      });
    case 402: {
      const reason = typeof rejectReason === 'string' ? creditReasons[rejectReason] : undefined;
      return new ProviderError({
        code: 'INSUFFICIENT_CREDITS',
        message: reason
          ? `Ideogram refused the request: ${reason}`
          : `Ideogram refused the request: ${message}`,
        details,
      });
    }
    case 422: {
      const aboutImage = /^image\b/i.test(message);
      return new ProviderError({
        code: 'CONTENT_FILTER',
        message: aboutImage
          ? 'Ideogram rejected the image as unsafe'
          : 'Ideogram rejected the prompt as unsafe',
        // `reasons` as a list, like every provider's CONTENT_FILTER details.
        details: { ...details, reasons: [message], billed: false },
      });
    }
    case 429: {
      const max = field(body, 'max_inflight_requests');
      if (typeof max === 'number') details.maxInflightRequests = max;
      return new ProviderError({
        code: 'RATE_LIMIT',
        message:
          rejectReason === 'inflight_limit'
            ? `Ideogram is busy with this account's other images (at most ${typeof max === 'number' ? max : 10} in flight)`
            : `Ideogram is rate limiting this account: ${message}`,
        retryable: true,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now),
        details,
      });
    }
    case 503:
      // A capacity refusal: nothing ran, nothing billed, so another try is safe.
      return new ProviderError({
        code: 'PROVIDER_UNAVAILABLE',
        message: `Ideogram is temporarily unavailable (HTTP 503: ${message})`,
        retryable: true,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now),
        details,
      });
    default:
      return new ProviderError({
        code: 'API_ERROR',
        message:
          status >= 500
            ? `Ideogram failed (HTTP ${status}: ${message}); not sent again automatically, as a retry could be billed twice`
            : `Ideogram answered HTTP ${status}: ${message}`,
        retryable: false,
        details,
      });
  }
}

/**
 * A failure in transit. Only one that proves the request never left may be sent again: after
 * sending, Ideogram may have generated (and billed) the images even though no answer arrived.
 */
export function afterSending(error: ProviderError, endpoint: string): ProviderError {
  if (error.code === 'CANCELED' || error.details.sent === false) return error;
  const message =
    error.code === 'TIMEOUT'
      ? `${error.message}; the images may still have been generated and billed, so it was not sent again`
      : `Ideogram closed the connection before answering; the images may have been generated and billed, so it was not sent again`;
  return new ProviderError({
    code: error.code,
    message,
    retryable: false,
    details: { ...error.details, endpoint },
  });
}
