import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { chartSetup } from './time-chart';

const bars = () => null;
const FakeUPlot = { paths: { bars: () => bars } } as unknown as typeof uPlot;
const colours = {
  text: '#aaa',
  grid: '#333',
  series: ['#111', '#222', '#333', '#444', '#555', '#666', '#777', '#888'],
};
const data = {
  days: ['2026-03-01', '2026-03-02'],
  series: [
    { name: 'Flux', values: [600, 168] },
    { name: 'Ideogram', values: [200, null] },
  ],
};

describe('chartSetup', () => {
  it('stacks bars: cumulative columns, the top of the stack drawn first, own figures in the legend', () => {
    const { options, columns } = chartSetup(FakeUPlot, data, 'stacked-bars', String, colours, 600);
    expect(columns).toEqual([
      [Date.UTC(2026, 2, 1) / 1000, Date.UTC(2026, 2, 2) / 1000],
      [800, 168],
      [600, 168],
    ]);
    const [, top, base] = options.series;
    expect([top!.label, base!.label]).toEqual(['Ideogram', 'Flux']);
    expect(top!.fill).toBe('#222');
    const legend = top!.value as (u: unknown, v: number, s: number, i: number | null) => string;
    expect(legend(null, 800, 1, 0)).toBe('200');
    expect(legend(null, 168, 1, 1)).toBe('—');
  });

  it('draws lines in the theme colours, gaps spanned', () => {
    const { options, columns } = chartSetup(FakeUPlot, data, 'lines', String, colours, 600);
    expect(columns.slice(1)).toEqual([
      [600, 168],
      [200, null],
    ]);
    expect(options.series.slice(1).map((s) => [s.label, s.stroke, s.spanGaps])).toEqual([
      ['Flux', '#111', true],
      ['Ideogram', '#222', true],
    ]);
    expect(options.axes![0]!.stroke).toBe('#aaa');
  });
});
