/** "in 25 min", "in 1 h 20 min", "in 3 h", "in 2 days". */
export function timeUntil(target: Date, now: Date = new Date()): string {
  const minutes = Math.max(1, Math.ceil((target.getTime() - now.getTime()) / 60_000));
  if (minutes < 60) return `in ${minutes} min`;
  if (minutes < 120) {
    const rest = minutes - 60;
    return rest === 0 ? 'in 1 h' : `in 1 h ${rest} min`;
  }
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "12 days ago". */
export function timeAgo(then: Date, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

// Made on first use: building an Intl formatter costs tens of ms, too much for the first screen.
let dateTime: Intl.DateTimeFormat | undefined;

export function formatDateTime(value: string | Date): string {
  dateTime ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return dateTime.format(typeof value === 'string' ? new Date(value) : value);
}
