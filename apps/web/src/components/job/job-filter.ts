import type { ImageOperation, JobStatus } from '../../gql/graphql';

/** The Jobs page's filters, as they live in its URL. */
export interface JobFilter {
  status?: JobStatus;
  provider?: string;
  kind?: ImageOperation;
  /** Local calendar days, YYYY-MM-DD; `to` is included. */
  from?: string;
  to?: string;
}

export const JOB_STATUSES: readonly JobStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED'];
export const JOB_KINDS: readonly ImageOperation[] = ['GENERATE', 'VARIATION', 'ENHANCE', 'RESTYLE', 'EDIT'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

function day(value: string | null): string | undefined {
  return value && DAY.test(value) && !Number.isNaN(new Date(`${value}T00:00`).getTime()) ? value : undefined;
}

/** The filters in a URL's query; anything unknown or malformed is no filter. */
export function readJobFilter(search: URLSearchParams): JobFilter {
  const provider = search.get('provider')?.trim();
  const filter: JobFilter = {
    status: pick(search.get('status'), JOB_STATUSES),
    provider: provider ? provider.slice(0, 64) : undefined,
    kind: pick(search.get('kind'), JOB_KINDS),
    from: day(search.get('from')),
    to: day(search.get('to')),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}

/** The URL query for filters (and the job to show), keys in a stable order. */
export function jobFilterSearch(filter: JobFilter, job?: string | null): string {
  const search = new URLSearchParams();
  for (const key of ['status', 'provider', 'kind', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) search.set(key, value);
  }
  if (job) search.set('job', job);
  const text = search.toString();
  return text ? `?${text}` : '';
}

function startOfDay(value: string, plusDays = 0): string {
  const date = new Date(`${value}T00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

/** The `jobs` query's arguments for the filters: days are the viewer's local days. */
export function jobFilterVariables(filter: JobFilter) {
  return {
    statuses: filter.status ? [filter.status] : null,
    providers: filter.provider ? [filter.provider] : null,
    kinds: filter.kind ? [filter.kind] : null,
    createdFrom: filter.from ? startOfDay(filter.from) : null,
    createdUntil: filter.to ? startOfDay(filter.to, 1) : null,
  };
}

export function hasJobFilter(filter: JobFilter): boolean {
  return Object.values(filter).some(Boolean);
}
