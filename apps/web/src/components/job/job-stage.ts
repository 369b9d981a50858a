import type { ImageOperation, JobStatus } from '../../gql/graphql';

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
      // Retry and fallback notices ("retrying Flux in 3 s (rate limited)") read best without a number.
      return words.includes('%') || isNotice(words) ? words : `${words} ${Math.round(progress * 100)} %`;
    }
    case 'SUCCEEDED':
      return 'done';
    case 'FAILED':
      return 'failed';
    case 'CANCELED':
      return 'canceled';
  }
}

function isNotice(stage: string): boolean {
  return /\b(retry|retrying|trying|failed|waiting|fall(ing)? ?back)\b|;/i.test(stage);
}

interface KindInput {
  kind: ImageOperation;
  input: { scale?: number | null; styleText?: string | null };
}

/** "Variations", "Enhance ×2", "Restyle · watercolor", "Edit"; nothing for plain generation. */
export function jobKindLabel({ kind, input }: KindInput): string | null {
  switch (kind) {
    case 'GENERATE':
      return null;
    case 'VARIATION':
      return 'Variations';
    case 'ENHANCE':
      return input.scale ? `Enhance ×${input.scale}` : 'Enhance';
    case 'RESTYLE':
      return input.styleText ? `Restyle · ${input.styleText}` : 'Restyle';
    case 'EDIT':
      return 'Edit';
    case 'IMPORT':
      return 'Import';
    case 'ADJUST':
      return 'Editor';
    case 'OUTPAINT':
      return 'Expand';
  }
}

/** "850 ms", "3.2 s", "1 min 5 s". */
export function formatLatency(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** "$0.04", "$0.003"; null when the provider reported no cost. */
export function formatCost(usd: number | null | undefined): string | null {
  if (usd === null || usd === undefined) return null;
  return `$${usd >= 0.01 || usd === 0 ? usd.toFixed(2) : usd.toFixed(3)}`;
}

const STATUS_NAMES: Record<JobStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
};

export function statusName(status: JobStatus): string {
  return STATUS_NAMES[status];
}

const KIND_NAMES: Record<ImageOperation, string> = {
  GENERATE: 'Generate',
  VARIATION: 'Variations',
  ENHANCE: 'Enhance',
  RESTYLE: 'Restyle',
  EDIT: 'Edit',
  IMPORT: 'Import',
  ADJUST: 'Editor',
  OUTPAINT: 'Expand',
};

/** An operation's name, as a filter choice. */
export function jobKindName(kind: ImageOperation): string {
  return KIND_NAMES[kind];
}
