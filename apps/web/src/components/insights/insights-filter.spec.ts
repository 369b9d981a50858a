import { describe, expect, it } from 'vitest';
import { insightsSearch, insightsVariables, readInsightsParams } from './insights-filter';

const read = (query: string) => readInsightsParams(new URLSearchParams(query));

describe('Insights URL', () => {
  it('round-trips every filter, the range and the scope', () => {
    const query =
      '?range=7d&provider=flux&model=flux-pro-1.1&operation=EDIT&preset=pre-1&template=tpl-1&collection=col-1&origin=MCP&scope=instance';
    const params = read(query);
    expect(params).toEqual({
      range: '7d',
      provider: 'flux',
      model: 'flux-pro-1.1',
      operation: 'EDIT',
      preset: 'pre-1',
      template: 'tpl-1',
      collection: 'col-1',
      origin: 'MCP',
      scope: 'INSTANCE',
    });
    expect(insightsSearch(params)).toBe(query);
  });

  it('defaults to the last 30 days of the person and leaves defaults out of the URL', () => {
    expect(read('')).toEqual({ range: '30d', scope: 'PERSON' });
    expect(insightsSearch(read('?range=30d&scope=person'))).toBe('');
  });

  it('ignores what it does not know', () => {
    expect(read('?range=5y&operation=DANCE&origin=FAX&from=yesterday')).toEqual({
      range: '30d',
      scope: 'PERSON',
    });
  });

  it('reads dates alone as a custom range, and turns its local days into instants', () => {
    const params = read('?from=2026-03-01&until=2026-03-07');
    expect(params).toMatchObject({ range: 'custom', from: '2026-03-01', until: '2026-03-07' });
    expect(insightsSearch(params)).toBe('?range=custom&from=2026-03-01&until=2026-03-07');
    expect(insightsVariables(params).range).toEqual({
      from: new Date('2026-03-01T00:00').toISOString(),
      until: new Date('2026-03-08T00:00').toISOString(),
    });
  });

  it('drops custom dates under a preset range', () => {
    expect(read('?range=90d&from=2026-03-01')).toEqual({ range: '90d', scope: 'PERSON' });
  });

  it('asks the query for each filter as a list, and for presets by name', () => {
    expect(insightsVariables(read('?range=24h&provider=flux&origin=BATCH&collection=col-1'))).toEqual({
      range: { preset: 'LAST_24_HOURS' },
      filter: {
        providers: ['flux'],
        models: null,
        operations: null,
        presetIds: null,
        templateIds: null,
        collectionId: 'col-1',
        origins: ['BATCH'],
      },
      scope: 'PERSON',
    });
  });
});
