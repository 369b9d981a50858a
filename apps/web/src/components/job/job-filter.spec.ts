import { describe, expect, it } from 'vitest';
import { jobFilterSearch, jobFilterVariables, readJobFilter } from './job-filter';

describe('the Jobs page filters in the URL', () => {
  it('round-trips through the URL, ignoring what is not a filter', () => {
    const filter = readJobFilter(
      new URLSearchParams('status=FAILED&provider=flux&kind=EDIT&from=2026-12-01&to=nonsense&x=1'),
    );
    expect(filter).toEqual({ status: 'FAILED', provider: 'flux', kind: 'EDIT', from: '2026-12-01' });
    expect(jobFilterSearch(filter, 'job-1')).toBe(
      '?status=FAILED&provider=flux&kind=EDIT&from=2026-12-01&job=job-1',
    );
    expect(readJobFilter(new URLSearchParams('status=LOST&kind=IMPORT'))).toEqual({});
  });

  it('asks for whole local days, the last one included', () => {
    const variables = jobFilterVariables({ from: '2026-12-01', to: '2026-12-03' });
    expect(new Date(variables.createdFrom!).getTime()).toBe(new Date('2026-12-01T00:00').getTime());
    expect(new Date(variables.createdUntil!).getTime()).toBe(new Date('2026-12-04T00:00').getTime());
    expect(variables).toMatchObject({ statuses: null, providers: null, kinds: null });
  });
});
