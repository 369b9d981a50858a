import { dayKey } from './insights-format';

/** One chart's data: days along x, one named series per group, and what the text summary says. */
export interface DaySeries {
  days: string[];
  series: { name: string; values: (number | null)[] }[];
}

/**
 * Pivots rows of (day, group, value) into one series per group over every day that has a row, groups
 * ordered by their total, largest first (the stack's base and the legend's head).
 */
export function pivotByDay<T>(
  rows: readonly T[],
  day: (row: T) => string,
  group: (row: T) => string,
  value: (row: T) => number | null,
  { sum = true } = {},
): DaySeries {
  const days = [...new Set(rows.map((row) => dayKey(day(row))))].sort();
  const index = new Map(days.map((key, i) => [key, i]));
  const groups = new Map<string, (number | null)[]>();
  for (const row of rows) {
    const name = group(row);
    let values = groups.get(name);
    if (!values) groups.set(name, (values = days.map(() => null)));
    const i = index.get(dayKey(day(row)))!;
    const v = value(row);
    if (v === null) continue;
    values[i] = sum ? (values[i] ?? 0) + v : v;
  }
  const total = (values: (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
  const series = [...groups.entries()]
    .map(([name, values]) => ({ name, values }))
    .sort((a, b) => total(b.values) - total(a.values) || a.name.localeCompare(b.name));
  return { days, series };
}

/** Sums of a value per group, largest first. */
export function totalsBy<T>(rows: readonly T[], group: (row: T) => string, value: (row: T) => number) {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(group(row), (totals.get(group(row)) ?? 0) + value(row));
  return [...totals.entries()]
    .map(([name, total]) => ({ name, total }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

export function seriesTotal(data: DaySeries): number {
  return data.series.reduce((sum, s) => sum + s.values.reduce<number>((a, b) => a + (b ?? 0), 0), 0);
}

/** The same series under display names (provider ids → names). */
export function withNames(data: DaySeries, name: (id: string) => string): DaySeries {
  return { ...data, series: data.series.map((s) => ({ ...s, name: name(s.name) })) };
}
