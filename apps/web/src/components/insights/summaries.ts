import { formatCount, formatDuration, formatPercent, formatUsd } from './insights-format';
import type { SpeedPoint, SpeedRow } from './insights-types';

/** "30 days", "24 hours", "1 day": how long the range is, from its ends. */
export function spanWords(from: string, until: string): string {
  const hours = Math.max(0, Math.round((Date.parse(until) - Date.parse(from)) / 3_600_000));
  if (hours <= 24) return '24 hours';
  const days = Math.round(hours / 24);
  return days === 1 ? '1 day' : `${formatCount(days)} days`;
}

interface Share {
  name: string;
  total: number;
}

function leader(totals: readonly Share[], sum: number, lead: string, name: (id: string) => string) {
  const top = totals[0];
  if (!top || sum <= 0 || totals.length < 2) return top && sum > 0 ? `, all ${lead} ${name(top.name)}` : '';
  return `, most ${lead} ${name(top.name)} (${formatPercent(top.total / sum)})`;
}

/** "1,240 images over 30 days, most from Flux (62 %)". */
export function countSummary(
  noun: [string, string],
  totals: readonly Share[],
  span: string,
  name: (id: string) => string,
): string {
  const sum = totals.reduce((a, b) => a + b.total, 0);
  const word = sum === 1 ? noun[0] : noun[1];
  return `${formatCount(sum)} ${word} over ${span}${leader(totals, sum, 'from', name)}.`;
}

/** "$12.40 spent over 30 days, most on Flux (70 %)". */
export function costSummaryText(
  totals: readonly Share[],
  span: string,
  name: (id: string) => string,
): string {
  const sum = totals.reduce((a, b) => a + b.total, 0);
  return `${formatUsd(sum)} spent over ${span}${leader(totals, sum, 'on', name)}.`;
}

/** The fastest and slowest provider and model by median total time. */
export function speedSummary(rows: readonly SpeedRow[], name: (id: string) => string): string {
  const timed = rows.filter((row) => row.totalP50Ms !== null).sort((a, b) => a.totalP50Ms! - b.totalP50Ms!);
  if (timed.length === 0) return 'No finished jobs to time in this range.';
  const label = (row: SpeedRow) => `${name(row.provider)} · ${row.model}`;
  const fastest = timed[0]!;
  const slowest = timed.at(-1)!;
  if (timed.length === 1) {
    return `${label(fastest)} took ${formatDuration(fastest.totalP50Ms)} at the median, ${formatDuration(fastest.totalP95Ms)} at p95.`;
  }
  return `Fastest: ${label(fastest)}, ${formatDuration(fastest.totalP50Ms)} at the median; slowest: ${label(slowest)}, ${formatDuration(slowest.totalP50Ms)}.`;
}

/** How the median total time moved from the first day to the last, per provider. */
export function speedTrendSummary(points: readonly SpeedPoint[], name: (id: string) => string): string {
  const byProvider = new Map<string, SpeedPoint[]>();
  for (const point of points) {
    if (point.totalP50Ms === null) continue;
    byProvider.set(point.provider, [...(byProvider.get(point.provider) ?? []), point]);
  }
  if (byProvider.size === 0) return 'No finished jobs to time in this range.';
  const parts = [...byProvider.entries()].map(([provider, list]) => {
    const sorted = [...list].sort((a, b) => a.day.localeCompare(b.day));
    const first = sorted[0]!.totalP50Ms;
    const last = sorted.at(-1)!.totalP50Ms;
    return sorted.length === 1
      ? `${name(provider)} ${formatDuration(last)}`
      : `${name(provider)} from ${formatDuration(first)} to ${formatDuration(last)}`;
  });
  return `Median total time per day: ${parts.join('; ')}.`;
}
