import { graphql } from '../../gql';
import type { QuotaLimit } from '../../gql/graphql';
import { timeUntil } from '../../lib/time';

export interface QuotaErrorLike {
  message: string;
  limit: QuotaLimit;
  max: number;
  resetsAt?: string | null;
}

function clock(date: Date, now: Date): string {
  const sameDay = date.toDateString() === now.toDateString();
  const withinADay = date.getTime() - now.getTime() < 24 * 3600_000;
  return new Intl.DateTimeFormat(undefined, {
    ...(sameDay || withinADay ? {} : { dateStyle: 'medium' }),
    timeStyle: 'short',
  }).format(date);
}

function limitPhrase(error: QuotaErrorLike): string | null {
  switch (error.limit) {
    case 'IMAGES_PER_DAY':
      return `You have reached your limit of ${error.max} ${error.max === 1 ? 'image' : 'images'} per day`;
    case 'CONCURRENT_JOBS':
      return `You have reached your limit of ${error.max} ${error.max === 1 ? 'job' : 'jobs'} at once`;
    default:
      return null;
  }
}

/**
 * What a person reads when a limit stops a job, from the error's facts (the server's own words
 * only for a limit this app does not know), with when it frees up in local time —
 * "You have reached your limit of 100 images per day; it resets at 01:00 (in 3 h)."
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
  const advice =
    error.limit === 'IMAGES_PER_DAY' ? ' Ask for fewer images, or ask an admin to raise the limit.' : '';
  return `${said}${when}.${advice}`;
}

export const QuotaMessage_Error = graphql(`
  fragment QuotaMessage_Error on QuotaExceededError {
    code
    message
    limit
    max
    resetsAt
  }
`);
