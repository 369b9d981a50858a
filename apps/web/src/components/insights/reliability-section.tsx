import { useMemo } from 'react';
import type { Column } from './csv';
import { DataTable } from './data-table';
import { formatCount, formatPercent } from './insights-format';
import { useProviderName } from './insights-labels';
import type { FailureRow, FallbackRow, ReliabilityRow } from './insights-types';
import { InsightsSection } from './section';

const count = <T,>(label: string, pick: (row: T) => number): Column<T> => ({
  label,
  numeric: true,
  value: pick,
  render: (row) => formatCount(pick(row)),
});

function reliabilityColumns(name: (id: string) => string): Column<ReliabilityRow>[] {
  return [
    { label: 'Provider', value: (row) => row.provider, render: (row) => name(row.provider) },
    { label: 'Model', value: (row) => row.model },
    count('Jobs', (row) => row.jobs),
    count('Succeeded', (row) => row.succeeded),
    count('Failed', (row) => row.failed),
    count('Canceled', (row) => row.canceled),
    {
      label: 'Success rate',
      numeric: true,
      value: (row) => row.successRate,
      render: (row) => formatPercent(row.successRate),
    },
    count('Retries', (row) => row.retries),
    count('Moved to a fallback', (row) => row.fallbacks),
  ];
}

function fallbackColumns(name: (id: string) => string): Column<FallbackRow>[] {
  return [
    { label: 'First provider', value: (row) => row.firstProvider, render: (row) => name(row.firstProvider) },
    { label: 'Finished by', value: (row) => row.finishedBy, render: (row) => name(row.finishedBy) },
    count('Jobs', (row) => row.jobs),
  ];
}

/** Success rate per provider/model, failures by error code, and where fallback chains ended. */
export function ReliabilitySection({
  reliability,
  failures,
  fallbackFinishers,
}: {
  reliability: readonly ReliabilityRow[];
  failures: readonly FailureRow[];
  fallbackFinishers: readonly FallbackRow[];
}) {
  const name = useProviderName();
  const columns = useMemo(() => reliabilityColumns(name), [name]);
  const fallbacks = useMemo(() => fallbackColumns(name), [name]);
  const failed = failures.reduce((sum, row) => sum + row.count, 0);
  const failureColumns: Column<FailureRow>[] = [
    { label: 'Error code', value: (row) => row.code },
    count('Failures', (row) => row.count),
    {
      label: 'Share',
      numeric: true,
      value: (row) => (failed > 0 ? row.count / failed : null),
      render: (row) => formatPercent(failed > 0 ? row.count / failed : null),
    },
  ];
  return (
    <InsightsSection id="reliability" title="Reliability">
      <DataTable
        title="Success rate per provider and model"
        columns={columns}
        rows={reliability}
        rowKey={(row) => `${row.provider}/${row.model}`}
      />
      <div className="insights-grid">
        <div>
          <h3>Failures by error code</h3>
          <DataTable
            title="Failures by error code"
            columns={failureColumns}
            rows={failures}
            rowKey={(row) => row.code}
            empty="No failures in this range."
            captionHidden
          />
        </div>
        <div>
          <h3>Fallback finishers</h3>
          <DataTable
            title="Fallback finishers"
            columns={fallbacks}
            rows={fallbackFinishers}
            rowKey={(row) => `${row.firstProvider}/${row.finishedBy}`}
            empty="No job moved to a fallback provider in this range."
            captionHidden
          />
        </div>
      </div>
    </InsightsSection>
  );
}
