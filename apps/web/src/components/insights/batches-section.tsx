import { Link } from 'react-router';
import type { Column } from './csv';
import { DataTable } from './data-table';
import { formatCount, formatDuration, formatPercent, formatUsd } from './insights-format';
import { useProviderName } from './insights-labels';
import type { BatchRow } from './insights-types';
import { InsightsSection } from './section';

/** "Compare" batches: the same prompts on several providers, summarised per provider. */
export function BatchesSection({ batches }: { batches: readonly BatchRow[] }) {
  const name = useProviderName();
  const columns: Column<BatchRow>[] = [
    {
      label: 'Batch',
      value: (row) => row.batchId,
      render: (row) => (
        <Link to={`/batches/${encodeURIComponent(row.batchId)}`}>Batch {row.batchId.slice(0, 8)}</Link>
      ),
    },
    { label: 'Provider', value: (row) => row.provider, render: (row) => name(row.provider) },
    { label: 'Jobs', numeric: true, value: (row) => row.jobs, render: (row) => formatCount(row.jobs) },
    {
      label: 'Total p50',
      numeric: true,
      value: (row) => row.totalP50Ms,
      render: (row) => formatDuration(row.totalP50Ms),
    },
    {
      label: 'Spend (USD)',
      numeric: true,
      value: (row) => row.costUsd,
      render: (row) => formatUsd(row.costUsd),
    },
    {
      label: 'Keep rate',
      numeric: true,
      value: (row) => row.keepRate,
      render: (row) => formatPercent(row.keepRate),
    },
  ];
  return (
    <InsightsSection id="batches" title="Compare batches">
      <DataTable
        title="Compare batches"
        columns={columns}
        rows={batches}
        rowKey={(row) => `${row.batchId}/${row.provider}`}
        empty="No compare batch in this range: a batch that runs the same prompts on several providers shows up here."
        captionHidden
      />
    </InsightsSection>
  );
}
