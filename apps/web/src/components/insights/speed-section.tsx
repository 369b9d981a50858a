import { useMemo } from 'react';
import { ChartPanel } from './chart-panel';
import type { Column } from './csv';
import { DataTable } from './data-table';
import { formatCount, formatDuration } from './insights-format';
import { useProviderName } from './insights-labels';
import type { SpeedPoint, SpeedRow } from './insights-types';
import { InsightsSection } from './section';
import type { DaySeries } from './series';
import { pivotByDay } from './series';
import { speedSummary, speedTrendSummary } from './summaries';

function speedColumns(name: (id: string) => string): Column<SpeedRow>[] {
  const ms = (label: string, pick: (row: SpeedRow) => number | null): Column<SpeedRow> => ({
    label,
    numeric: true,
    value: pick,
    render: (row) => formatDuration(pick(row)),
  });
  return [
    { label: 'Provider', value: (row) => row.provider, render: (row) => name(row.provider) },
    { label: 'Model', value: (row) => row.model },
    { label: 'Jobs', numeric: true, value: (row) => row.jobs, render: (row) => formatCount(row.jobs) },
    ms('Queue wait p50', (row) => row.queueWaitP50Ms),
    ms('Queue wait p95', (row) => row.queueWaitP95Ms),
    ms('Provider time p50', (row) => row.providerP50Ms),
    ms('Provider time p95', (row) => row.providerP95Ms),
    ms('Total p50', (row) => row.totalP50Ms),
    ms('Total p95', (row) => row.totalP95Ms),
  ];
}

/** p50 and p95 of each provider's total time per day, one line each. */
function overTime(points: readonly SpeedPoint[], name: (id: string) => string): DaySeries {
  const p50 = pivotByDay(
    points,
    (p) => p.day,
    (p) => p.provider,
    (p) => p.totalP50Ms,
    { sum: false },
  );
  const p95 = pivotByDay(
    points,
    (p) => p.day,
    (p) => p.provider,
    (p) => p.totalP95Ms,
    { sum: false },
  );
  return {
    days: p50.days,
    series: p50.series.flatMap((s) => {
      const high = p95.series.find((other) => other.name === s.name);
      return [
        { name: `${name(s.name)} p50`, values: s.values },
        ...(high ? [{ name: `${name(s.name)} p95`, values: high.values }] : []),
      ];
    }),
  };
}

export function SpeedSection({
  speed,
  speedOverTime,
}: {
  speed: readonly SpeedRow[];
  speedOverTime: readonly SpeedPoint[];
}) {
  const name = useProviderName();
  const columns = useMemo(() => speedColumns(name), [name]);
  const trend = useMemo(() => overTime(speedOverTime, name), [speedOverTime, name]);
  return (
    <InsightsSection id="speed" title="Speed">
      <p className="insights-summary">{speedSummary(speed, name)}</p>
      <DataTable
        title="Speed per provider and model"
        columns={columns}
        rows={speed}
        rowKey={(row) => `${row.provider}/${row.model}`}
      />
      <ChartPanel
        title="Total time over time"
        summary={speedTrendSummary(speedOverTime, name)}
        data={trend}
        kind="lines"
        format={formatDuration}
      />
    </InsightsSection>
  );
}
