import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../gql/graphql';
import { explainJobError, providerReasons } from './job-errors';

const flux = { name: 'Flux', id: 'flux' };
const ideogram = { name: 'Ideogram', id: 'ideogram' };

function explain(code: ErrorCode, message = '', details: unknown = {}, who = flux) {
  return explainJobError({ code, message, details }, who);
}

describe('explainJobError', () => {
  it('says which provider refused what as unsafe, with its reasons', () => {
    const prompt = explain(
      'CONTENT_FILTER',
      'Ideogram rejected the prompt as unsafe',
      { reason: 'violence' },
      ideogram,
    );
    expect(prompt.title).toBe('Ideogram rejected the prompt as unsafe');
    expect(prompt.reasons).toEqual(['violence']);
    const result = explain('CONTENT_FILTER', "Black Forest Labs' moderation withheld the generated image", {
      stage: 'content',
      reasons: ['Nudity', 'Violence'],
    });
    expect(result.title).toBe('Flux withheld the result as unsafe');
    expect(result.reasons).toEqual(['Nudity', 'Violence']);
  });

  it('gives every provider-side failure its own wording and next step', () => {
    expect(explain('INSUFFICIENT_CREDITS')).toMatchObject({
      title: 'Flux account is out of credits',
      advice: expect.stringContaining('Add credits'),
    });
    expect(explain('UNAUTHORIZED')).toMatchObject({
      title: 'Flux key rejected',
      advice: expect.stringContaining('BFL_API_KEY'),
    });
    expect(explain('UNAUTHORIZED', 'check IDEOGRAM_API_KEY and its access', {}, ideogram).advice).toContain(
      'IDEOGRAM_API_KEY',
    );
    expect(explain('RATE_LIMIT').title).toBe('Flux is rate limiting this account');
    expect(explain('RATE_LIMIT').advice).toContain('fallback');
    expect(explain('TIMEOUT').title).toBe('Flux did not finish in time');
    expect(
      explain('PROVIDER_UNAVAILABLE', 'Ideogram is temporarily unavailable (HTTP 503)', {}, ideogram).title,
    ).toBe('Ideogram is unavailable right now');
    expect(explain('PROVIDER_UNAVAILABLE', 'Set BFL_API_KEY to use Flux').title).toBe(
      'Flux key missing: set BFL_API_KEY',
    );
  });

  it('never leaves a code without words', () => {
    const codes: ErrorCode[] = [
      'API_ERROR',
      'CANCELED',
      'CONTENT_FILTER',
      'INSUFFICIENT_CREDITS',
      'INVALID_INPUT',
      'INVALID_PROMPT',
      'INVALID_STATE',
      'NOT_FOUND',
      'PROVIDER_UNAVAILABLE',
      'RATE_LIMIT',
      'STORAGE_ERROR',
      'TIMEOUT',
      'UNAUTHORIZED',
      'UNKNOWN_PROVIDER',
      'UNSUPPORTED',
    ];
    const titles = codes.map((code) => explain(code).title);
    for (const [i, title] of titles.entries()) {
      expect(title).not.toContain(codes[i]!);
      expect(explain(codes[i]!).advice.length).toBeGreaterThan(0);
    }
    expect(new Set(titles).size).toBe(codes.length);
  });
});

describe('providerReasons', () => {
  it('collects reasons wherever a provider put them, once each', () => {
    expect(providerReasons({ 'Moderation Reasons': ['Violence'], reasons: ['Violence', 'Gore'] })).toEqual([
      'Violence',
      'Gore',
    ]);
    expect(providerReasons(null)).toEqual([]);
    expect(providerReasons({ reason: '  ' })).toEqual([]);
  });
});
