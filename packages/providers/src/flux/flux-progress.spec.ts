import { describe, expect, it } from 'vitest';
import { FluxProgress, nextPollDelay } from './flux-progress';

describe('FluxProgress', () => {
  it('reads values above 1 as percentages and the rest as fractions', () => {
    const percent = new FluxProgress();
    expect(percent.running('Pending', 0).progress).toBe(0);
    expect(percent.running('Pending', 45).progress).toBeCloseTo(0.45);
    expect(percent.running('Pending', 0.5).progress).toBeCloseTo(0.45);
    const fraction = new FluxProgress();
    expect(fraction.running('Pending', 0.3).progress).toBeCloseTo(0.3);
    expect(fraction.running('Pending', 1).progress).toBe(0.99);
  });

  it('reads an exact 1 before any fraction as 1 %, not as done', () => {
    const progress = new FluxProgress();
    expect(progress.running('Pending', 1).progress).toBeCloseTo(0.01);
    expect(progress.running('Pending', 2).progress).toBeCloseTo(0.02);
  });

  it('never goes backwards and ignores null or junk', () => {
    const progress = new FluxProgress();
    progress.running('Generating', 0.6);
    expect(progress.running('Generating', 0.2).progress).toBeCloseTo(0.6);
    expect(progress.running('Generating', null)).toEqual({ progress: 0.6, stage: 'Flux: generating 60 %' });
    expect(progress.running('Generating', 'x').progress).toBeCloseTo(0.6);
  });

  it('names the stage from the status', () => {
    const progress = new FluxProgress();
    expect(progress.running('Pending', null).stage).toBe('Flux: queued');
    expect(progress.running('Reasoning', null).stage).toBe('Flux: reasoning about the prompt');
    expect(progress.running('Generating', null).stage).toBe('Flux: generating');
    expect(progress.running('Pending', 45).stage).toBe('Flux: generating 45 %');
    expect(progress.running('Upscaling', null).stage).toBe('Flux: upscaling 45 %');
  });
});

describe('nextPollDelay', () => {
  it('polls fast at first, then a twentieth of the elapsed time, within the bounds', () => {
    expect(nextPollDelay(0, 250, 4000)).toBe(250);
    expect(nextPollDelay(3000, 250, 4000)).toBe(250);
    expect(nextPollDelay(10_000, 250, 4000)).toBe(500);
    expect(nextPollDelay(120_000, 250, 4000)).toBe(4000);
  });

  it('polls around the expected end when the task reports progress, and more often near it', () => {
    expect(nextPollDelay(10_000, 250, 4000, 0.05)).toBe(500);
    expect(nextPollDelay(10_000, 250, 4000, 0.98)).toBe(204);
    expect(nextPollDelay(10_000, 250, 4000, 1)).toBe(100);
    expect(nextPollDelay(60_000, 250, 4000, 0.5)).toBe(3000);
  });
});
