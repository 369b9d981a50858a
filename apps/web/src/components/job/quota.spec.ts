import { describe, expect, it } from 'vitest';
import { quotaMessage } from './quota';

describe('quotaMessage', () => {
  const now = new Date(2026, 0, 1, 22, 0);

  it('says which limit, when it resets (local time) and how long until then', () => {
    const message = quotaMessage(
      {
        message: 'limit',
        limit: 'IMAGES_PER_DAY',
        max: 100,
        resetsAt: new Date(2026, 0, 2, 1, 0).toISOString(),
      },
      now,
    );
    expect(message).toMatch(
      /^You have reached your limit of 100 images per day; it resets at .*1:00.* \(in 3 h\)\./,
    );
  });

  it('with 39 of 41 used, says 2 are left, when the limit resets, and offers to make 2', () => {
    const message = quotaMessage(
      {
        message: 'limit',
        limit: 'IMAGES_PER_DAY',
        max: 41,
        remaining: 2,
        resetsAt: new Date(2026, 0, 2, 1, 0).toISOString(),
      },
      now,
    );
    expect(message).toMatch(/^Only 2 of your 41 images per day are left; it resets at .*1:00.* \(in 3 h\)\./);
    expect(message).toContain('Make 2 images now');
    expect(message).not.toContain('reached your limit');
  });

  it('tells a person at the concurrent-jobs limit to wait for a job', () => {
    expect(quotaMessage({ message: 'busy', limit: 'CONCURRENT_JOBS', max: 1, resetsAt: null }, now)).toBe(
      'You have reached your limit of 1 job at once. Wait for a running job to finish (or cancel one), then try again.',
    );
  });
});
