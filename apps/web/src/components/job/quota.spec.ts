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

  it('tells a person at the concurrent-jobs limit to wait for a job', () => {
    expect(quotaMessage({ message: 'busy', limit: 'CONCURRENT_JOBS', max: 1, resetsAt: null }, now)).toBe(
      'You have reached your limit of 1 job at once. Wait for a running job to finish (or cancel one), then try again.',
    );
  });
});
