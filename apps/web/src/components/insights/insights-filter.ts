import type { InsightsOperation, InsightsScope, JobOrigin } from './insights-types';

export type RangeKey = '24h' | '7d' | '30d' | '90d' | 'custom';
export type RangePreset = 'LAST_24_HOURS' | 'LAST_7_DAYS' | 'LAST_30_DAYS' | 'LAST_90_DAYS';

/** The Insights page's range, filters and scope, as they live in its URL. */
export interface InsightsParams {
  range: RangeKey;
  /** Local calendar days, YYYY-MM-DD, only with the custom range; `until` is included. */
  from?: string;
  until?: string;
  provider?: string;
  model?: string;
  operation?: InsightsOperation;
  preset?: string;
  template?: string;
  collection?: string;
  origin?: JobOrigin;
  scope: InsightsScope;
}

export const DEFAULT_RANGE: RangeKey = '30d';

export const RANGES: readonly { key: RangeKey; label: string; preset?: RangePreset; days: number }[] = [
  { key: '24h', label: 'Last 24 hours', preset: 'LAST_24_HOURS', days: 1 },
  { key: '7d', label: 'Last 7 days', preset: 'LAST_7_DAYS', days: 7 },
  { key: '30d', label: 'Last 30 days', preset: 'LAST_30_DAYS', days: 30 },
  { key: '90d', label: 'Last 90 days', preset: 'LAST_90_DAYS', days: 90 },
  { key: 'custom', label: 'Custom', days: 0 },
];

export const OPERATIONS: readonly InsightsOperation[] = [
  'GENERATE',
  'VARIATION',
  'ENHANCE',
  'RESTYLE',
  'EDIT',
  'OUTPAINT',
];
export const ORIGINS: readonly { value: JobOrigin; label: string }[] = [
  { value: 'WEB', label: 'Web' },
  { value: 'API', label: 'API' },
  { value: 'MCP', label: 'MCP' },
  { value: 'BATCH', label: 'Batch' },
];

const FILTER_KEYS = ['provider', 'model', 'operation', 'preset', 'template', 'collection', 'origin'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | null): string | undefined {
  return value && DAY.test(value) && !Number.isNaN(new Date(`${value}T00:00`).getTime()) ? value : undefined;
}

function text(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 128) : undefined;
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

/** The page's state in a URL's query; anything unknown or malformed falls back to the default. */
export function readInsightsParams(search: URLSearchParams): InsightsParams {
  const rangeKey = pick(
    search.get('range'),
    RANGES.map((range) => range.key),
  );
  const from = day(search.get('from'));
  const until = day(search.get('until'));
  const custom = rangeKey === 'custom' || (!rangeKey && (from || until));
  const params: InsightsParams = {
    range: custom ? 'custom' : (rangeKey ?? DEFAULT_RANGE),
    from: custom ? from : undefined,
    until: custom ? until : undefined,
    provider: text(search.get('provider')),
    model: text(search.get('model')),
    operation: pick(search.get('operation'), OPERATIONS),
    preset: text(search.get('preset')),
    template: text(search.get('template')),
    collection: text(search.get('collection')),
    origin: pick(
      search.get('origin'),
      ORIGINS.map((origin) => origin.value),
    ),
    scope: search.get('scope') === 'instance' ? 'INSTANCE' : 'PERSON',
  };
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined),
  ) as InsightsParams;
}

/** The URL query for the page's state, keys in a stable order, defaults left out. */
export function insightsSearch(params: InsightsParams): string {
  const search = new URLSearchParams();
  if (params.range !== DEFAULT_RANGE) search.set('range', params.range);
  if (params.range === 'custom') {
    if (params.from) search.set('from', params.from);
    if (params.until) search.set('until', params.until);
  }
  for (const key of FILTER_KEYS) {
    const value = params[key];
    if (value) search.set(key, value);
  }
  if (params.scope === 'INSTANCE') search.set('scope', 'instance');
  const query = search.toString();
  return query ? `?${query}` : '';
}

export function hasInsightsFilter(params: InsightsParams): boolean {
  return FILTER_KEYS.some((key) => params[key]);
}

export function clearInsightsFilters(params: InsightsParams): InsightsParams {
  const cleared: InsightsParams = { range: params.range, scope: params.scope };
  if (params.from) cleared.from = params.from;
  if (params.until) cleared.until = params.until;
  return cleared;
}

function startOfDay(value: string, plusDays = 0): string {
  const date = new Date(`${value}T00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

function one<T>(value: T | undefined): T[] | null {
  return value === undefined ? null : [value];
}

/**
 * The `insights` query's arguments. A custom range is local days (`until` included); one missing end
 * is 30 days before the other, or now.
 */
export function insightsVariables(params: InsightsParams, now = new Date()) {
  const preset = RANGES.find((range) => range.key === params.range)?.preset;
  let range: { preset?: RangePreset; from?: string; until?: string };
  if (preset) range = { preset };
  else {
    const until = params.until ? startOfDay(params.until, 1) : now.toISOString();
    const from = params.from
      ? startOfDay(params.from)
      : new Date(new Date(until).getTime() - 30 * 86_400_000).toISOString();
    range = { from, until };
  }
  return {
    range,
    filter: {
      providers: one(params.provider),
      models: one(params.model),
      operations: one(params.operation),
      presetIds: one(params.preset),
      templateIds: one(params.template),
      collectionId: params.collection ?? null,
      origins: one(params.origin),
    },
    scope: params.scope,
  };
}

/** "Last 30 days", or "1 Mar – 14 Mar 2026" for a custom range. */
export function rangeLabel(params: InsightsParams): string {
  const range = RANGES.find((item) => item.key === params.range);
  if (params.range !== 'custom') return range?.label ?? 'Last 30 days';
  if (params.from && params.until) return `${params.from} to ${params.until}`;
  if (params.from) return `since ${params.from}`;
  if (params.until) return `30 days to ${params.until}`;
  return 'Last 30 days';
}
