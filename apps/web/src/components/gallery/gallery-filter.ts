import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ImageQueryParams } from '../../gql/graphql';

/** The gallery's filters as they appear in the URL: `?provider=local&from=2026-01-01&to=2026-01-31`. */
export interface GalleryFilterParams {
  provider?: string;
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function localMidnight(date: string, addDays = 0): string | undefined {
  if (!DATE.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(y, m - 1, d + addDays);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

export function readFilterParams(search: URLSearchParams): GalleryFilterParams {
  const params: GalleryFilterParams = {};
  const provider = search.get('provider');
  const from = search.get('from');
  const to = search.get('to');
  if (provider) params.provider = provider;
  if (from && DATE.test(from)) params.from = from;
  if (to && DATE.test(to)) params.to = to;
  return params;
}

/** The API filter: whole local days, `to` included (so the end is the next midnight, exclusive). */
export function toImageFilter(params: GalleryFilterParams): ImageQueryParams | undefined {
  const filter: ImageQueryParams = {};
  if (params.provider) filter.provider = params.provider;
  const start = params.from ? localMidnight(params.from) : undefined;
  const end = params.to ? localMidnight(params.to, 1) : undefined;
  if (start) filter.startDate = start;
  if (end) filter.endDate = end;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

export function filterSearch(params: GalleryFilterParams): string {
  const search = new URLSearchParams();
  if (params.provider) search.set('provider', params.provider);
  if (params.from) search.set('from', params.from);
  if (params.to) search.set('to', params.to);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Filters from the URL, plus a setter that rewrites the URL (replacing, so Back leaves the page). */
export function useGalleryFilter() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => readFilterParams(search), [search]);
  const filter = useMemo(() => toImageFilter(params), [params]);
  const setParams = (next: GalleryFilterParams) => {
    const cleaned = readFilterParams(new URLSearchParams(filterSearch(next)));
    setSearch(new URLSearchParams(filterSearch(cleaned)), { replace: true });
  };
  return { params, filter, setParams, search: filterSearch(params) };
}
