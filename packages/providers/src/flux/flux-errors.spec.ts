import { describe, expect, it } from 'vitest';
import { fieldProblems, httpError, mayResubmit, submitNetworkError, taskError } from './flux-errors';
import { ProviderError } from '../errors';

const headers = (entries: Record<string, string> = {}) => new Headers(entries);
const submit = { phase: 'submit' as const, model: 'flux-2-pro' };
const poll = { phase: 'poll' as const, model: 'flux-2-pro' };

describe('httpError', () => {
  it.each([
    [401, 'UNAUTHORIZED', false],
    [403, 'UNAUTHORIZED', false],
    [402, 'INSUFFICIENT_CREDITS', false],
    [404, 'UNSUPPORTED', false],
    [400, 'INVALID_INPUT', false],
    [422, 'INVALID_INPUT', false],
    [429, 'RATE_LIMIT', true],
    [500, 'API_ERROR', false],
    [502, 'PROVIDER_UNAVAILABLE', false],
    [503, 'PROVIDER_UNAVAILABLE', true],
    [504, 'PROVIDER_UNAVAILABLE', false],
  ] as const)('maps a submit answered %i to %s (retryable %s)', (status, code, retryable) => {
    expect(httpError(status, { detail: 'nope' }, headers(), submit)).toMatchObject({ code, retryable });
  });

  it('lets polls be retried after 5xx, since a poll cannot create a task', () => {
    expect(httpError(500, '', headers(), poll)).toMatchObject({ code: 'API_ERROR', retryable: true });
    expect(httpError(502, '', headers(), poll)).toMatchObject({ retryable: true });
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(httpError(429, {}, headers({ 'retry-after': '3' }), submit).retryAfterMs).toBe(3000);
    const date = new Date(10_000).toUTCString();
    expect(
      httpError(429, {}, headers({ 'retry-after': date }), { ...submit, now: () => 4000 }).retryAfterMs,
    ).toBe(6000);
    expect(httpError(429, {}, headers(), submit).retryAfterMs).toBeUndefined();
  });

  it('takes the message from detail as a string, or from error/message', () => {
    expect(httpError(402, { detail: 'Insufficient credits' }, headers(), submit).message).toContain(
      'Insufficient credits',
    );
    expect(httpError(400, { message: 'bad base64' }, headers(), submit).message).toContain('bad base64');
  });
});

describe('fieldProblems', () => {
  it('turns FastAPI detail entries into fields without the body/query prefix', () => {
    const body = {
      detail: [
        { type: 'multiple_of', loc: ['body', 'width'], msg: 'Input should be a multiple of 32' },
        { type: 'missing', loc: ['query', 'id'], msg: 'Field required' },
        { loc: [], msg: 5 },
      ],
    };
    expect(fieldProblems(body)).toEqual([
      { field: 'width', message: 'Input should be a multiple of 32', type: 'multiple_of' },
      { field: 'id', message: 'Field required', type: 'missing' },
      { field: 'body', message: 'invalid', type: null },
    ]);
    expect(fieldProblems({ detail: 'Not Found' })).toEqual([]);
  });
});

describe('submit network failures', () => {
  it('are resent only when they provably never left', () => {
    const refused = new ProviderError({
      code: 'PROVIDER_UNAVAILABLE',
      message: 'Could not reach Flux (ECONNREFUSED)',
      retryable: true,
      details: { sent: false },
    });
    const reset = new ProviderError({
      code: 'PROVIDER_UNAVAILABLE',
      message: 'Could not reach Flux (ECONNRESET)',
      retryable: true,
      details: { sent: true },
    });
    expect(mayResubmit(submitNetworkError(refused))).toBe(true);
    expect(submitNetworkError(reset)).toMatchObject({ retryable: false });
    expect(mayResubmit(submitNetworkError(reset))).toBe(false);
  });
});

describe('taskError', () => {
  it('reads the error message from details, error or message', () => {
    expect(taskError('Error', { details: { message: 'OOM' } }, 't').message).toContain('OOM');
    expect(taskError('Error', { error: 'worker lost' }, 't').message).toContain('worker lost');
    expect(taskError('Error', { details: null }, 't').message).toContain('without a reason');
  });

  it('tolerates moderation without details', () => {
    expect(taskError('Request Moderated', { details: null }, 't')).toMatchObject({
      code: 'CONTENT_FILTER',
      details: { stage: 'request', reasons: [] },
    });
  });
});
