import type { JobStatus } from '../../gql/graphql';

export const TERMINAL_STATUSES: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED'];
export const ACTIVE_STATUSES: readonly JobStatus[] = ['QUEUED', 'RUNNING'];

export function isActive(status: JobStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

interface StageInput {
  status: JobStatus;
  stage?: string | null;
  progress: number;
  queuePosition?: number | null;
}

/** The short line under a job's progress bar: "queued · 2nd", "rendering 45 %", "failed". */
export function stageText({ status, stage, progress, queuePosition }: StageInput): string {
  switch (status) {
    case 'QUEUED':
      return queuePosition ? `queued · ${ordinal(queuePosition)}` : 'queued';
    case 'RUNNING': {
      const words = stage?.trim() || 'running';
      return words.includes('%') ? words : `${words} ${Math.round(progress * 100)} %`;
    }
    case 'SUCCEEDED':
      return 'done';
    case 'FAILED':
      return 'failed';
    case 'CANCELED':
      return 'canceled';
  }
}
