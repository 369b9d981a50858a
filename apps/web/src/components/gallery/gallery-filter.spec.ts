import { describe, expect, it } from 'vitest';
import {
  batchGalleryHref,
  filterSearch,
  readFilterParams,
  toImageFilter,
  toImageSort,
} from './gallery-filter';

describe('gallery filter in the URL', () => {
  it('reads provider and dates, ignoring malformed dates', () => {
    const params = readFilterParams(new URLSearchParams('provider=local&from=2026-01-05&to=yesterday'));
    expect(params).toEqual({ provider: 'local', from: '2026-01-05' });
  });

  it('turns whole days into a half-open range with the last day included', () => {
    const filter = toImageFilter({ from: '2026-01-05', to: '2026-01-05' });
    const start = new Date(filter!.startDate!);
    const end = new Date(filter!.endDate!);
    expect(end.getTime() - start.getTime()).toBe(24 * 3600 * 1000);
    expect(start.getHours()).toBe(0);
  });

  it('has no filter at all when nothing is set, so it shares the unfiltered cache entry', () => {
    expect(toImageFilter({})).toBeUndefined();
    expect(toImageSort({})).toBeUndefined();
    expect(filterSearch({})).toBe('');
    expect(filterSearch({ provider: 'local', to: '2026-02-01' })).toBe('?provider=local&to=2026-02-01');
  });

  it('reads search, tags, starred, operations, collection and order, dropping what it does not know', () => {
    const params = readFilterParams(
      new URLSearchParams(
        'q=+red boat+&tags=Sea,,night&starred=1&op=EDIT,BOGUS&collection=Q29s&sort=oldest&model=v3',
      ),
    );
    expect(params).toEqual({
      q: 'red boat',
      model: 'v3',
      tags: ['sea', 'night'],
      starred: true,
      operations: ['EDIT'],
      collection: 'Q29s',
      sort: 'oldest',
    });
    expect(toImageFilter(params)).toEqual({
      search: 'red boat',
      models: ['v3'],
      tags: ['sea', 'night'],
      starred: true,
      operations: ['EDIT'],
      collectionId: 'Q29s',
    });
    expect(toImageSort(params)).toBe('OLDEST');
    expect(readFilterParams(new URLSearchParams(filterSearch(params)))).toEqual(params);
  });

  it('carries a batch id through the URL into the filter, even one with "+", "/" and "="', () => {
    const batch = 'QmF0Y2g6+/x=';
    const href = batchGalleryHref(batch);
    expect(href).toBe('/gallery?batch=QmF0Y2g6%2B%2Fx%3D');
    const params = readFilterParams(new URLSearchParams(href.slice('/gallery'.length)));
    expect(params).toEqual({ batch });
    expect(toImageFilter(params)).toEqual({ batchId: batch });
  });

  it('keeps only an order when that is all there is', () => {
    expect(toImageFilter({ sort: 'oldest' })).toBeUndefined();
    expect(readFilterParams(new URLSearchParams('starred=0&sort=newest'))).toEqual({});
  });
});
