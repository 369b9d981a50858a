import { describe, expect, it } from 'vitest';
import { csvFileName, tableCsv, type Column } from './csv';

describe('tableCsv', () => {
  it('writes the headers and raw figures, quoting what needs it', () => {
    const columns: Column<{ prompt: string; uses: number; keepRate: number | null }>[] = [
      { label: 'Prompt', value: (row) => row.prompt },
      { label: 'Uses', value: (row) => row.uses, render: () => 'ignored' },
      { label: 'Keep rate', value: (row) => row.keepRate },
    ];
    const csv = tableCsv(columns, [
      { prompt: 'a red kite, "over" the sea', uses: 1200, keepRate: 0.25 },
      { prompt: 'dusk', uses: 3, keepRate: null },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Prompt,Uses,Keep rate',
      '"a red kite, ""over"" the sea",1200,0.25',
      'dusk,3,',
    ]);
  });

  it('names the file after the table', () => {
    expect(csvFileName('Speed per provider and model')).toBe('atelier-speed-per-provider-and-model.csv');
  });
});
