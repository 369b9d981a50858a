/** The fake's error answers: the `Refusal` that carries one, and the bodies Ideogram sends. */
import type { IdeogramFakeOptions } from './fake-options';

/** An error answer, thrown from deep in a request and sent by the API handler. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.error === 'string' ? body.error : `HTTP ${status}`);
  }
}

/** A 400/401/403/404/405 body, in the configured style (Ideogram's own is unconfirmed). */
export const errorBody = (
  style: IdeogramFakeOptions['errorStyle'],
  status: number,
  title: string,
  detail: string,
): Record<string, unknown> =>
  style === 'error' ? { error: detail } : { type: 'about:blank', title, status, detail };

export const inflightLimit = (maxInflight: number, retryAfterSeconds: number | null | undefined): Refusal =>
  new Refusal(
    429,
    {
      error: `Too many images in progress: the limit is ${maxInflight}`,
      reject_reason: 'inflight_limit',
      max_inflight_requests: maxInflight,
    },
    retryAfterSeconds != null ? { 'retry-after': String(retryAfterSeconds) } : {},
  );

export const insufficientFunds = (): Refusal =>
  new Refusal(402, {
    error: 'Insufficient balance to run this request',
    reject_reason: 'insufficient_funds',
  });

export const dailyLimitReached = (): Refusal =>
  new Refusal(402, { error: 'Daily generation limit reached', reject_reason: 'daily_limit' });

/** 422 for a prompt (or, on /describe, an image) that fails the safety check. */
export const unsafeInput = (what: 'Prompt' | 'Image'): Refusal =>
  new Refusal(422, {
    error: `${what} provided failed safety check due to the inclusion of prohibited content.`,
  });

export const unavailable = (): Refusal =>
  new Refusal(503, { error: 'Service temporarily unavailable, please try again later' });

export const serverError = (): Refusal => new Refusal(500, { error: 'Internal server error' });
