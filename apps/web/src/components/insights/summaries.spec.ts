import { describe, expect, it } from 'vitest';
import { costSummaryText, countSummary, spanWords, speedSummary } from './summaries';

const names = new Map([['flux', 'Flux']]);
const name = (id: string) => names.get(id) ?? id;

describe('chart summaries', () => {
  it('counts, names the range and the leading provider with its share', () => {
    const totals = [
      { name: 'flux', total: 768 },
      { name: 'ideogram', total: 472 },
    ];
    expect(countSummary(['image', 'images'], totals, '30 days', name)).toBe(
      '1,240 images over 30 days, most from Flux (62 %).',
    );
    expect(countSummary(['image', 'images'], [{ name: 'flux', total: 1 }], '24 hours', name)).toBe(
      '1 image over 24 hours, all from Flux.',
    );
    expect(countSummary(['job', 'jobs'], [], '7 days', name)).toBe('0 jobs over 7 days.');
  });

  it('sums spend', () => {
    expect(
      costSummaryText(
        [
          { name: 'flux', total: 24 },
          { name: 'ideogram', total: 16 },
        ],
        '30 days',
        name,
      ),
    ).toBe('$40.00 spent over 30 days, most on Flux (60 %).');
  });

  it('says how long the range is', () => {
    expect(spanWords('2026-03-06T12:00:00Z', '2026-03-07T12:00:00Z')).toBe('24 hours');
    expect(spanWords('2026-02-05T12:00:00Z', '2026-03-07T12:00:00Z')).toBe('30 days');
  });

  it('names the fastest and slowest provider and model', () => {
    const row = (provider: string, model: string, totalP50Ms: number | null) => ({
      provider,
      model,
      jobs: 1,
      queueWaitP50Ms: null,
      queueWaitP95Ms: null,
      providerP50Ms: null,
      providerP95Ms: null,
      totalP50Ms,
      totalP95Ms: null,
    });
    expect(
      speedSummary([row('ideogram', 'V_2', 9800), row('flux', 'pro', 4200), row('local', 'x', null)], name),
    ).toBe('Fastest: Flux · pro, 4.2 s at the median; slowest: ideogram · V_2, 9.8 s.');
    expect(speedSummary([], name)).toBe('No finished jobs to time in this range.');
  });
});
