import { describe, expect, it } from 'vitest';
import { filterSearch, readFilterParams, toImageFilter } from './gallery-filter';

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
    expect(filterSearch({})).toBe('');
    expect(filterSearch({ provider: 'local', to: '2026-02-01' })).toBe('?provider=local&to=2026-02-01');
  });
});
