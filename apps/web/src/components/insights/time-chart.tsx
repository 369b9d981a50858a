import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { daySeconds, formatDay } from './insights-format';
import type { DaySeries } from './series';

export type ChartKind = 'stacked-bars' | 'lines';

const PALETTE_SIZE = 8;
const HEIGHT = 240;
const DAY_SECONDS = 86_400;

/** "1 Mar" for uPlot's x value (seconds at UTC midnight). */
const dayLabel = (seconds: number) => formatDay(new Date(seconds * 1000).toISOString());

interface TimeChartProps {
  data: DaySeries;
  kind: ChartKind;
  format: (value: number) => string;
}

/** The theme's chart colours, read from the CSS variables where the chart is drawn. */
export function themeColours(element: Element) {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text-muted', '#a3a3ad'),
    grid: read('--border', '#2d2d32'),
    series: Array.from({ length: PALETTE_SIZE }, (_, i) => read(`--chart-${i + 1}`, '#6a5ae0')),
  };
}

/** The theme changes on <html data-theme>: charts draw again in the new colours. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return version;
}

/**
 * The options and columns uPlot draws. Stacked bars draw cumulative sums, the top of the stack
 * first, so each lower band paints over the one above it; the legend still shows each own figure.
 */
export function chartSetup(
  UPlot: typeof uPlot,
  data: DaySeries,
  kind: ChartKind,
  format: (value: number) => string,
  colours: ReturnType<typeof themeColours>,
  width: number,
): { options: uPlot.Options; columns: uPlot.AlignedData } {
  const xs = data.days.map(daySeconds);
  const colour = (i: number) => colours.series[i % PALETTE_SIZE]!;
  const axis = (values?: uPlot.Axis['values']): uPlot.Axis => ({
    stroke: colours.text,
    grid: { stroke: colours.grid, width: 1 },
    ticks: { stroke: colours.grid, width: 1 },
    values,
  });
  const yValues: uPlot.Axis['values'] = (_u, splits) => splits.map((v) => format(v));
  // Ticks on whole days, labelled as days; bars get half a day of room at each end.
  const xAxis: uPlot.Axis = {
    ...axis((_u, splits) => splits.map(dayLabel)),
    incrs: [1, 2, 7, 14, 30, 60].map((days) => days * DAY_SECONDS),
  };
  const pad = kind === 'stacked-bars' ? DAY_SECONDS / 2 : 0;
  const common = {
    width,
    height: HEIGHT,
    scales: {
      x: {
        time: false,
        range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax =>
          min === max ? [min - DAY_SECONDS / 2, max + DAY_SECONDS / 2] : [min - pad, max + pad],
      },
      y: {
        range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1],
      },
    },
    axes: [xAxis, axis(yValues)],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  };
  const xSeries = { label: 'Day', value: (_u: uPlot, v: number | null) => (v === null ? '—' : dayLabel(v)) };
  if (kind === 'lines') {
    return {
      options: {
        ...common,
        series: [
          xSeries,
          ...data.series.map((s, i) => ({
            label: s.name,
            stroke: colour(i),
            width: 2,
            spanGaps: true,
            points: { show: data.days.length < 40 },
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
          })),
        ],
      },
      columns: [xs, ...data.series.map((s) => s.values)],
    };
  }
  const cumulative: number[][] = [];
  data.series.forEach((s, i) => {
    cumulative.push(s.values.map((v, d) => (v ?? 0) + (i > 0 ? cumulative[i - 1]![d]! : 0)));
  });
  const order = data.series.map((_, i) => i).reverse();
  const bars = UPlot.paths.bars!({ size: [0.7, 48], gap: 1 });
  return {
    options: {
      ...common,
      series: [
        xSeries,
        ...order.map((i) => ({
          label: data.series[i]!.name,
          stroke: colour(i),
          fill: colour(i),
          width: 0,
          paths: bars,
          points: { show: false },
          value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) => {
            const own = idx === null ? null : data.series[i]!.values[idx];
            return own === null || own === undefined ? '—' : format(own);
          },
        })),
      ],
    },
    columns: [xs, ...order.map((i) => cumulative[i]!)],
  };
}

/** A uPlot chart over days, as wide as its box; uPlot loads with the first chart drawn. */
export function TimeChart({ data, kind, format }: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let chart: uPlot | null = null;
    let observer: ResizeObserver | null = null;
    let gone = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (gone) return;
      const width = Math.max(element.clientWidth, 280);
      const { options, columns } = chartSetup(UPlot, data, kind, format, themeColours(element), width);
      chart = new UPlot(options, columns, element);
      observer = new ResizeObserver(() => {
        chart?.setSize({ width: Math.max(element.clientWidth, 280), height: HEIGHT });
      });
      observer.observe(element);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [data, kind, format, themeVersion]);
  return <div ref={box} className="insights-chart-canvas" aria-hidden="true" style={{ minHeight: HEIGHT }} />;
}
