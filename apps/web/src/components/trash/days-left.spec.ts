import { describe, expect, it } from 'vitest';
import { daysLeft, daysLeftLabel } from './days-left';

describe('days left in the trash', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('rounds up, so a freshly trashed image has 30 days left', () => {
    expect(daysLeft('2026-03-31T12:00:00Z', now)).toBe(30);
    expect(daysLeft('2026-03-02T11:00:00Z', now)).toBe(1);
    expect(daysLeftLabel('2026-03-02T11:00:00Z', now)).toBe('1 day left');
  });

  it('never goes below zero once the purge is due', () => {
    expect(daysLeft('2026-02-27T00:00:00Z', now)).toBe(0);
    expect(daysLeftLabel('2026-02-27T00:00:00Z', now)).toBe('Deleted within the day');
  });
});
