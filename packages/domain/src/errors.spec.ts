import { describe, expect, it } from 'vitest';
import { DomainError, InvalidInputError, NotFoundError, QuotaExceededError } from './errors';

describe('domain errors', () => {
  it('blames the prompt when a prompt field is at fault', () => {
    const error = new InvalidInputError([{ path: ['input', 'prompt'], message: 'too long' }]);
    expect(error.code).toBe('INVALID_PROMPT');
    expect(error.message).toBe('input.prompt: too long');
  });

  it('calls any other bad field invalid input', () => {
    const error = new InvalidInputError([
      { path: ['input', 'width'], message: 'too wide' },
      { path: ['input', 'height'], message: 'too tall' },
    ]);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('input.width: too wide; input.height: too tall');
  });

  it('says when a quota frees up, retryably', () => {
    const resetsAt = new Date('2026-01-02T00:00:00.000Z');
    const error = new QuotaExceededError('IMAGES_PER_DAY', 100, resetsAt, 'Daily limit reached', 3);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.retryable).toBe(true);
    expect(error.details).toEqual({
      limit: 'IMAGES_PER_DAY',
      max: 100,
      resetsAt: resetsAt.toISOString(),
      remaining: 3,
    });
  });

  it('names what was not found', () => {
    expect(new NotFoundError('Image').message).toBe('Image was not found');
  });
});
