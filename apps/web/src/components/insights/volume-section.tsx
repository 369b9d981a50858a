import { useMemo } from 'react';
import { ChartPanel } from './chart-panel';
import type { Column } from './csv';
import { DataTable } from './data-table';
import { formatCount, formatPercent, operationName } from './insights-format';
import { useProviderName } from './insights-labels';
import type { VolumePoint } from './insights-types';
import { InsightsSection } from './section';
import { pivotByDay, totalsBy, withNames } from './series';
import { countSummary } from './summaries';

interface OperationRow {
  operation: string;
  jobs: number;
  images: number;
  share: number;
}

const operationColumns: Column<OperationRow>[] = [
  { label: 'Operation', value: (row) => row.operation, render: (row) => operationName(row.operation) },
  { label: 'Jobs', numeric: true, value: (row) => row.jobs, render: (row) => formatCount(row.jobs) },
  { label: 'Images', numeric: true, value: (row) => row.images, render: (row) => formatCount(row.images) },
  {
    label: 'Share of images',
    numeric: true,
    value: (row) => row.share,
    render: (row) => formatPercent(row.share),
  },
];

/** Images and jobs per day stacked by provider, and how they split by operation. */
export function VolumeSection({ volume, span }: { volume: readonly VolumePoint[]; span: string }) {
  const name = useProviderName();
  const images = useMemo(
    () =>
      withNames(
        pivotByDay(
          volume,
          (p) => p.day,
          (p) => p.provider,
          (p) => p.images,
        ),
        name,
      ),
    [volume, name],
  );
  const jobs = useMemo(
    () =>
      withNames(
        pivotByDay(
          volume,
          (p) => p.day,
          (p) => p.provider,
          (p) => p.jobs,
        ),
        name,
      ),
    [volume, name],
  );
  const imageTotals = totalsBy(
    volume,
    (p) => p.provider,
    (p) => p.images,
  );
  const jobTotals = totalsBy(
    volume,
    (p) => p.provider,
    (p) => p.jobs,
  );
  const byOperation = operationRows(volume);
  return (
    <InsightsSection id="volume" title="Volume">
      <div className="insights-grid">
        <ChartPanel
          title="Images per day by provider"
          summary={countSummary(['image', 'images'], imageTotals, span, name)}
          data={images}
          kind="stacked-bars"
          format={formatCount}
          totals
        />
        <ChartPanel
          title="Jobs per day by provider"
          summary={countSummary(['job', 'jobs'], jobTotals, span, name)}
          data={jobs}
          kind="stacked-bars"
          format={formatCount}
          totals
        />
      </div>
      <h3>By operation</h3>
      <DataTable
        title="Volume by operation"
        columns={operationColumns}
        rows={byOperation}
        rowKey={(row) => row.operation}
      />
    </InsightsSection>
  );
}

function operationRows(volume: readonly VolumePoint[]): OperationRow[] {
  const rows = new Map<string, OperationRow>();
  let images = 0;
  for (const point of volume) {
    const row = rows.get(point.operation) ?? { operation: point.operation, jobs: 0, images: 0, share: 0 };
    row.jobs += point.jobs;
    row.images += point.images;
    images += point.images;
    rows.set(point.operation, row);
  }
  return [...rows.values()]
    .map((row) => ({ ...row, share: images > 0 ? row.images / images : 0 }))
    .sort((a, b) => b.images - a.images || b.jobs - a.jobs);
}
