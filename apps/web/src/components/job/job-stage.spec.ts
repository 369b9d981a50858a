import { describe, expect, it } from 'vitest';
import { formatCost, formatLatency, ordinal, stageText } from './job-stage';

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

describe('stage notices', () => {
  it('leaves retry and fallback notices without a percentage', () => {
    expect(
      stageText({ status: 'RUNNING', stage: 'retrying Flux in 3 s (rate limited)', progress: 0.2 }),
    ).toBe('retrying Flux in 3 s (rate limited)');
    expect(
      stageText({
        status: 'RUNNING',
        stage: 'Flux failed (insufficient credits); trying Ideogram',
        progress: 0,
      }),
    ).toBe('Flux failed (insufficient credits); trying Ideogram');
  });
});

describe('formatting', () => {
  it('gives latency and cost in plain units', () => {
    expect([formatLatency(850), formatLatency(3240), formatLatency(65_000)]).toEqual([
      '850 ms',
      '3.2 s',
      '1 min 5 s',
    ]);
    expect([formatCost(0.04), formatCost(0.003), formatCost(null)]).toEqual(['$0.04', '$0.003', null]);
  });
});
