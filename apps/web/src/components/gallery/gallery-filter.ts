import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ImageOperation, ImageQueryParams, ImageSort } from '../../gql/graphql';

/**
 * The gallery's search, filters and order as they appear in the URL, e.g.
 * `?q=red+boat&provider=local&from=2026-01-01&to=2026-01-31&tags=sea,night&starred=1&op=EDIT&batch=…&sort=oldest`.
 */
export interface GalleryFilterParams {
  q?: string;
  provider?: string;
  model?: string;
  from?: string;
  to?: string;
  tags?: string[];
  starred?: boolean;
  operations?: ImageOperation[];
  /** A collection's global id. */
  collection?: string;
  /** A batch's global id: only the images it made. */
  batch?: string;
  sort?: 'oldest';
}

export const OPERATIONS: readonly ImageOperation[] = [
  'GENERATE',
  'VARIATION',
  'ENHANCE',
  'RESTYLE',
  'EDIT',
  'IMPORT',
  'ADJUST',
  'OUTPAINT',
] as ImageOperation[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function localMidnight(date: string, addDays = 0): string | undefined {
  if (!DATE.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(y, m - 1, d + addDays);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function readFilterParams(search: URLSearchParams): GalleryFilterParams {
  const params: GalleryFilterParams = {};
  const q = search.get('q')?.trim();
  const provider = search.get('provider');
  const model = search.get('model');
  const from = search.get('from');
  const to = search.get('to');
  const tags = list(search.get('tags')).map((tag) => tag.toLowerCase());
  const operations = list(search.get('op')).filter((op): op is ImageOperation =>
    OPERATIONS.includes(op as ImageOperation),
  );
  const collection = search.get('collection');
  const batch = search.get('batch');
  if (q) params.q = q;
  if (provider) params.provider = provider;
  if (model) params.model = model;
  if (from && DATE.test(from)) params.from = from;
  if (to && DATE.test(to)) params.to = to;
  if (tags.length > 0) params.tags = tags;
  if (search.get('starred') === '1') params.starred = true;
  if (operations.length > 0) params.operations = operations;
  if (collection) params.collection = collection;
  if (batch) params.batch = batch;
  if (search.get('sort') === 'oldest') params.sort = 'oldest';
  return params;
}

/** The API filter: whole local days, `to` included (so the end is the next midnight, exclusive). */
export function toImageFilter(params: GalleryFilterParams): ImageQueryParams | undefined {
  const filter: ImageQueryParams = {};
  if (params.q) filter.search = params.q;
  if (params.provider) filter.provider = params.provider;
  if (params.model) filter.models = [params.model];
  const start = params.from ? localMidnight(params.from) : undefined;
  const end = params.to ? localMidnight(params.to, 1) : undefined;
  if (start) filter.startDate = start;
  if (end) filter.endDate = end;
  if (params.tags?.length) filter.tags = params.tags;
  if (params.starred) filter.starred = true;
  if (params.operations?.length) filter.operations = params.operations;
  if (params.collection) filter.collectionId = params.collection;
  if (params.batch) filter.batchId = params.batch;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

export function toImageSort(params: GalleryFilterParams): ImageSort | undefined {
  return params.sort === 'oldest' ? 'OLDEST' : undefined;
}

export function filterSearch(params: GalleryFilterParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.provider) search.set('provider', params.provider);
  if (params.model) search.set('model', params.model);
  if (params.from) search.set('from', params.from);
  if (params.to) search.set('to', params.to);
  if (params.tags?.length) search.set('tags', params.tags.join(','));
  if (params.starred) search.set('starred', '1');
  if (params.operations?.length) search.set('op', params.operations.join(','));
  if (params.collection) search.set('collection', params.collection);
  if (params.batch) search.set('batch', params.batch);
  if (params.sort) search.set('sort', params.sort);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The gallery narrowed to the images one batch made. */
export function batchGalleryHref(batchId: string): string {
  return `/gallery${filterSearch({ batch: batchId })}`;
}

/** Whether any filter (not just the order) narrows the list. */
export function isFiltered(params: GalleryFilterParams): boolean {
  return toImageFilter(params) !== undefined;
}

/** Filters from the URL, plus a setter that rewrites the URL (replacing, so Back leaves the page). */
export function useGalleryFilter() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => readFilterParams(search), [search]);
  const filter = useMemo(() => toImageFilter(params), [params]);
  const sort = toImageSort(params);
  const setParams = (next: GalleryFilterParams) => {
    const cleaned = readFilterParams(new URLSearchParams(filterSearch(next)));
    setSearch(new URLSearchParams(filterSearch(cleaned)), { replace: true });
  };
  return { params, filter, sort, setParams, search: filterSearch(params) };
}
