import { useId, useState } from 'react';
import type { Column } from './csv';
import { DataTable } from './data-table';
import { formatDay } from './insights-format';
import type { DaySeries } from './series';
import { TimeChart, type ChartKind } from './time-chart';

interface ChartPanelProps {
  title: string;
  /** One sentence a screen reader (and a hurried reader) gets instead of the picture. */
  summary: string;
  data: DaySeries;
  kind: ChartKind;
  /** A figure as a person reads it: "$1.20", "4.2 s", "1,240". */
  format: (value: number) => string;
  /** Stacked charts also list each day's total in their table. */
  totals?: boolean;
}

type DayRow = { day: string; values: (number | null)[] };

/**
 * A chart over days with its text summary and a "Show as table" toggle: the same figures in a real
 * table (with CSV export), for those who would rather read them.
 */
export function ChartPanel({ title, summary, data, kind, format, totals = false }: ChartPanelProps) {
  const [asTable, setAsTable] = useState(false);
  const summaryId = useId();
  const rows: DayRow[] = data.days.map((day, i) => ({
    day,
    values: data.series.map((s) => s.values[i] ?? null),
  }));
  const columns: Column<DayRow>[] = [
    { label: 'Day', value: (row) => row.day, render: (row) => formatDay(row.day) },
    ...data.series.map((s, i) => ({
      label: s.name,
      numeric: true,
      value: (row: DayRow) => row.values[i] ?? null,
      render: (row: DayRow) => {
        const value = row.values[i];
        return value === null || value === undefined ? '—' : format(value);
      },
    })),
  ];
  if (totals) {
    const total = (row: DayRow) => row.values.reduce<number>((a, b) => a + (b ?? 0), 0);
    columns.push({ label: 'Total', numeric: true, value: total, render: (row) => format(total(row)) });
  }
  return (
    <figure className="insights-chart" aria-labelledby={`${summaryId}-title`} aria-describedby={summaryId}>
      <div className="insights-chart-head">
        <h3 id={`${summaryId}-title`}>{title}</h3>
        <button
          type="button"
          className="button button-small button-ghost"
          aria-pressed={asTable}
          aria-label={`Show as table: ${title}`}
          onClick={() => setAsTable((shown) => !shown)}
        >
          Show as table
        </button>
      </div>
      <p id={summaryId} className="insights-summary">
        {summary}
      </p>
      {asTable ? (
        <DataTable title={title} columns={columns} rows={rows} rowKey={(row) => row.day} captionHidden />
      ) : (
        <TimeChart data={data} kind={kind} format={format} />
      )}
    </figure>
  );
}
