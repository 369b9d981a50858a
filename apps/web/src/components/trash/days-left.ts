const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days until a trashed image is purged, rounded up: "30 days left" on the day it was trashed. */
export function daysLeft(purgeAt: string | Date, now: Date = new Date()): number {
  const at = typeof purgeAt === 'string' ? Date.parse(purgeAt) : purgeAt.getTime();
  return Math.max(0, Math.ceil((at - now.getTime()) / DAY_MS));
}

export function daysLeftLabel(purgeAt: string | Date, now: Date = new Date()): string {
  const days = daysLeft(purgeAt, now);
  if (days === 0) return 'Deleted within the day';
  return days === 1 ? '1 day left' : `${days} days left`;
}
