/**
 * Turns BFL's poll answers into steady progress. `progress` is undocumented: null for most models,
 * and integrations have seen both fractions (0–1) and percentages (0–100), so the scale is learnt
 * from the values, and what is reported never goes backwards.
 */
export interface FluxProgressUpdate {
  progress: number;
  stage: string;
}

// Running tasks never show 100 %: that is for Ready.
const RUNNING_CAP = 0.99;

export class FluxProgress {
  private best = 0;
  private scale: 'unknown' | 'fraction' | 'percent' = 'unknown';
  private sawNumber = false;

  /** Progress 0..1 from a raw value, or null when the value says nothing. */
  normalise(raw: unknown): number | null {
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) return null;
    if (raw > 1) this.scale = 'percent';
    else if (raw > 0 && raw < 1 && this.scale === 'unknown') this.scale = 'fraction';
    // An exact 1 is ambiguous: 100 % as a fraction, 1 % as a percentage. While the task still
    // runs, "1 %" is the likelier reading unless the values so far were fractions.
    const fraction = this.scale === 'percent' || (raw === 1 && this.scale === 'unknown') ? raw / 100 : raw;
    return Math.min(1, fraction);
  }

  /** The progress seen so far (0..1), or null when the task reports none. */
  get fraction(): number | null {
    return this.sawNumber ? this.best : null;
  }

  /** The update for a running task's poll answer. */
  running(status: string, raw: unknown): FluxProgressUpdate {
    const value = this.normalise(raw);
    if (value !== null) {
      this.sawNumber = true;
      this.best = Math.max(this.best, Math.min(RUNNING_CAP, value));
    }
    const percent = `${Math.round(this.best * 100)} %`;
    let stage: string;
    switch (status) {
      case 'Pending':
        stage = this.sawNumber && this.best > 0 ? `Flux: generating ${percent}` : 'Flux: queued';
        break;
      case 'Reasoning':
        stage = 'Flux: reasoning about the prompt';
        break;
      case 'Generating':
        stage = this.sawNumber ? `Flux: generating ${percent}` : 'Flux: generating';
        break;
      default:
        stage = `Flux: ${status.toLowerCase()}${this.sawNumber ? ` ${percent}` : ''}`;
    }
    return { progress: this.best, stage };
  }

  get current(): number {
    return this.best;
  }
}

/**
 * The next poll delay: fast at first (most tasks finish in seconds), then a twentieth of the time
 * spent so far, so a long task costs few polls and a finished one is noticed at most ~5 % late
 * (2.5 % on average). Polls do not count against BFL's concurrency limit.
 */
export function nextPollDelay(
  elapsedMs: number,
  minMs: number,
  maxMs: number,
  progress: number | null = null,
): number {
  const base = Math.min(Math.max(minMs, elapsedMs * 0.05), Math.max(minMs, maxMs));
  if (progress === null || progress < 0.1 || elapsedMs <= 0) return Math.round(base);
  // The task reports progress: poll when it should be done (linear estimate), and more often near
  // the end, so a finished task is noticed within a fraction of the base interval.
  const remaining = (elapsedMs * (1 - progress)) / progress;
  return Math.round(Math.min(base, Math.max(base / 5, remaining)));
}
