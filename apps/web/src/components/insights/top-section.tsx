import { useState } from 'react';
import type { Column } from './csv';
import { DataTable } from './data-table';
import { formatCount, formatPercent } from './insights-format';
import type { TopEntry, TopPrompt } from './insights-types';
import { InsightsSection } from './section';
import { FilterSelect } from '../ui/filter-select';

type Order = 'uses' | 'keep';

function ordered<T extends { uses: number; keepRate: number | null }>(rows: readonly T[], order: Order): T[] {
  return [...rows].sort((a, b) =>
    order === 'uses' ? b.uses - a.uses : (b.keepRate ?? -1) - (a.keepRate ?? -1) || b.uses - a.uses,
  );
}

const uses = <T extends { uses: number }>(): Column<T> => ({
  label: 'Uses',
  numeric: true,
  value: (row) => row.uses,
  render: (row) => formatCount(row.uses),
});
const keep = <T extends { keepRate: number | null }>(): Column<T> => ({
  label: 'Keep rate',
  numeric: true,
  value: (row) => row.keepRate,
  render: (row) => formatPercent(row.keepRate),
});

const promptColumns: Column<TopPrompt>[] = [{ label: 'Prompt', value: (row) => row.prompt }, uses(), keep()];
const entryColumns = (label: string): Column<TopEntry>[] => [
  { label, value: (row) => row.name },
  uses(),
  keep(),
];

/** Prompts, templates and presets by use or by keep rate. */
export function TopSection({
  topPrompts,
  topTemplates,
  topPresets,
}: {
  topPrompts: readonly TopPrompt[];
  topTemplates: readonly TopEntry[];
  topPresets: readonly TopEntry[];
}) {
  const [order, setOrder] = useState<Order>('uses');
  return (
    <InsightsSection id="top" title="Top lists">
      <FilterSelect
        label="Order top lists by"
        allLabel="Uses"
        value={order === 'uses' ? '' : order}
        options={[{ value: 'keep', label: 'Keep rate' }]}
        onChange={(value) => setOrder(value === 'keep' ? 'keep' : 'uses')}
      />
      <div className="insights-grid insights-grid-3">
        <div>
          <h3>Top prompts</h3>
          <DataTable
            title="Top prompts"
            columns={promptColumns}
            rows={ordered(topPrompts, order)}
            rowKey={(row) => row.prompt}
            captionHidden
          />
        </div>
        <div>
          <h3>Top templates</h3>
          <DataTable
            title="Top templates"
            columns={entryColumns('Template')}
            rows={ordered(topTemplates, order)}
            rowKey={(row) => row.id}
            empty="No template used in this range."
            captionHidden
          />
        </div>
        <div>
          <h3>Top presets</h3>
          <DataTable
            title="Top presets"
            columns={entryColumns('Preset')}
            rows={ordered(topPresets, order)}
            rowKey={(row) => row.id}
            empty="No preset used in this range."
            captionHidden
          />
        </div>
      </div>
    </InsightsSection>
  );
}
