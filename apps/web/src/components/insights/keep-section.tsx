import { useState } from 'react';
import type { Column } from './csv';
import { DataTable } from './data-table';
import { formatCount, formatPercent } from './insights-format';
import { useProviderName } from './insights-labels';
import type { KeepDimension, KeepRow } from './insights-types';
import { InsightsSection } from './section';
import { FilterSelect } from '../ui/filter-select';

const DIMENSIONS: readonly { value: KeepDimension; label: string }[] = [
  { value: 'PROVIDER', label: 'Provider' },
  { value: 'MODEL', label: 'Model' },
  { value: 'PRESET', label: 'Preset' },
  { value: 'TEMPLATE', label: 'Template' },
];

const dimensionName = (value: KeepDimension) => DIMENSIONS.find((d) => d.value === value)?.label ?? value;

const count = (label: string, pick: (row: KeepRow) => number): Column<KeepRow> => ({
  label,
  numeric: true,
  value: pick,
  render: (row) => formatCount(pick(row)),
});

/** Of the images each provider/model/preset/template made, the share kept, with each signal's count. */
export function KeepSection({ keepRate }: { keepRate: readonly KeepRow[] }) {
  const name = useProviderName();
  const [dimension, setDimension] = useState<KeepDimension | ''>('');
  const rows = dimension ? keepRate.filter((row) => row.dimension === dimension) : keepRate;
  const columns: Column<KeepRow>[] = [
    {
      label: 'Name',
      value: (row) => row.label,
      render: (row) => (row.dimension === 'PROVIDER' ? name(row.key) : row.label),
    },
    { label: 'Kind', value: (row) => row.dimension, render: (row) => dimensionName(row.dimension) },
    count('Images', (row) => row.images),
    count('Starred', (row) => row.starred),
    count('Tagged', (row) => row.tagged),
    count('In a collection', (row) => row.collected),
    count('Downloaded', (row) => row.downloaded),
    count('Shared', (row) => row.shared),
    count('Re-used', (row) => row.reused),
    count('Trashed', (row) => row.trashed),
    {
      label: 'Keep rate',
      numeric: true,
      value: (row) => row.keepRate,
      render: (row) => formatPercent(row.keepRate),
    },
  ];
  return (
    <InsightsSection id="keep" title="Keep rate">
      <p className="muted">
        The share of images kept: starred, tagged, put in a collection, downloaded, shared or re-used, and not
        trashed.
      </p>
      <FilterSelect
        label="Keep rate by"
        allLabel="Everything"
        value={dimension}
        options={DIMENSIONS}
        onChange={(value) => setDimension(value as KeepDimension | '')}
      />
      <DataTable
        title="Keep rate"
        columns={columns}
        rows={rows}
        rowKey={(row) => `${row.dimension}/${row.key}`}
      />
    </InsightsSection>
  );
}
