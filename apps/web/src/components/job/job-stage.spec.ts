import { describe, expect, it } from 'vitest';
import { ordinal, stageText } from './job-stage';

describe('stageText', () => {
  it('gives the queue place while queued', () => {
    expect(stageText({ status: 'QUEUED', progress: 0, queuePosition: 2 })).toBe('queued · 2nd');
    expect(stageText({ status: 'QUEUED', progress: 0, queuePosition: null })).toBe('queued');
  });

  it('adds the percentage to the server stage while running', () => {
    expect(stageText({ status: 'RUNNING', stage: 'rendering', progress: 0.454 })).toBe('rendering 45 %');
    expect(stageText({ status: 'RUNNING', stage: null, progress: 0.1 })).toBe('running 10 %');
    expect(stageText({ status: 'RUNNING', stage: 'upscaling 80 %', progress: 0.8 })).toBe('upscaling 80 %');
  });

  it('names the end states', () => {
    expect(stageText({ status: 'CANCELED', progress: 0.3 })).toBe('canceled');
    expect(stageText({ status: 'FAILED', progress: 0.3 })).toBe('failed');
  });
});

describe('ordinal', () => {
  it('handles the teens', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });
});
