const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
const smallUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

export function formatCount(value: number): string {
  return integer.format(value);
}

/** Dollars: cents for sums, up to a hundredth of a cent for a price per image. */
export function formatUsd(value: number | null | undefined, { precise = false } = {}): string {
  if (value === null || value === undefined) return '—';
  return (precise ? smallUsd : usd).format(value);
}

/** A share 0…1 as "62 %" (one decimal under 10 %). */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const percent = value * 100;
  const digits = percent > 0 && percent < 10 ? 1 : 0;
  return `${percent.toFixed(digits)} %`;
}

/** Milliseconds as "850 ms", "12.4 s" or "3.2 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** The calendar day of a `day` value (a Date "2026-03-01" or a DateTime), as YYYY-MM-DD. */
export function dayKey(day: string): string {
  return day.slice(0, 10);
}

/** Seconds since the epoch at UTC midnight of a day: uPlot's x values. */
export function daySeconds(day: string): number {
  return Date.parse(`${dayKey(day)}T00:00:00Z`) / 1000;
}

/** "1 Mar" for a day key. */
export function formatDay(day: string): string {
  return new Date(`${dayKey(day)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

const OPERATION_NAMES: Record<string, string> = {
  GENERATE: 'Generate',
  VARIATION: 'Variation',
  ENHANCE: 'Enhance',
  RESTYLE: 'Restyle',
  EDIT: 'Edit',
  OUTPAINT: 'Outpaint',
  ADJUST: 'Adjust',
  IMPORT: 'Import',
};

export function operationName(operation: string): string {
  return OPERATION_NAMES[operation] ?? operation;
}
