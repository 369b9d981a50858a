import { graphql } from '../../gql';
import type { QuotaLimit } from '../../gql/graphql';
import { timeUntil } from '../../lib/time';

export interface QuotaErrorLike {
  message: string;
  limit: QuotaLimit;
  max: number;
  resetsAt?: string | null;
  /** How much of the limit is still free (images left today). */
  remaining?: number | null;
}

function clock(date: Date, now: Date): string {
  const sameDay = date.toDateString() === now.toDateString();
  const withinADay = date.getTime() - now.getTime() < 24 * 3600_000;
  return new Intl.DateTimeFormat(undefined, {
    ...(sameDay || withinADay ? {} : { dateStyle: 'medium' }),
    timeStyle: 'short',
  }).format(date);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Images the person may still make today, when some are left. */
export function imagesLeft(error: QuotaErrorLike): number | null {
  return error.limit === 'IMAGES_PER_DAY' && error.remaining && error.remaining > 0 ? error.remaining : null;
}

function limitPhrase(error: QuotaErrorLike): string | null {
  switch (error.limit) {
    case 'IMAGES_PER_DAY': {
      const left = imagesLeft(error);
      return left
        ? `Only ${left} of your ${plural(error.max, 'image', 'images')} per day ${left === 1 ? 'is' : 'are'} left`
        : `You have reached your limit of ${plural(error.max, 'image', 'images')} per day`;
    }
    case 'CONCURRENT_JOBS':
      return `You have reached your limit of ${plural(error.max, 'job', 'jobs')} at once`;
    default:
      return null;
  }
}

/**
 * What a person reads when a limit stops a job, from the error's facts (the server's own words
 * only for a limit this app does not know), with how much is left and when it frees up in local
 * time — "Only 2 of your 41 images per day are left; it resets at 01:00 (in 3 h). Make 2, or …"
 */
export function quotaMessage(error: QuotaErrorLike, now: Date = new Date()): string {
  const said = (limitPhrase(error) ?? error.message).trim().replace(/[.;]+$/, '');
  const resets = error.resetsAt ? new Date(error.resetsAt) : null;
  if (error.limit === 'CONCURRENT_JOBS') {
    return `${said}. Wait for a running job to finish (or cancel one), then try again.`;
  }
  const when =
    resets && !Number.isNaN(resets.getTime())
      ? `; it resets at ${clock(resets, now)} (${timeUntil(resets, now)})`
      : '';
  const left = imagesLeft(error);
  const advice =
    error.limit !== 'IMAGES_PER_DAY'
      ? ''
      : left
        ? ` Make ${plural(left, 'image', 'images')} now, or ask an admin to raise the limit.`
        : ' Ask an admin to raise the limit.';
  return `${said}${when}.${advice}`;
}

export const QuotaMessage_Error = graphql(`
  fragment QuotaMessage_Error on QuotaExceededError {
    code
    message
    limit
    max
    resetsAt
    remaining
  }
`);
