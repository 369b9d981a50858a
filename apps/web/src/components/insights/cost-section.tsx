import { useMemo } from 'react';
import { ChartPanel } from './chart-panel';
import type { Column } from './csv';
import { DataTable } from './data-table';
import { formatCount, formatUsd } from './insights-format';
import { useProviderName } from './insights-labels';
import type { CostPoint, CostSummary, PersonCost } from './insights-types';
import { InsightsSection } from './section';
import { pivotByDay, totalsBy, withNames } from './series';
import { costSummaryText } from './summaries';

interface ModelCost {
  provider: string;
  model: string;
  costUsd: number;
  images: number;
}

const perImage = (row: { costUsd: number; images: number }) =>
  row.images > 0 ? row.costUsd / row.images : null;

function modelColumns(name: (id: string) => string): Column<ModelCost>[] {
  return [
    { label: 'Provider', value: (row) => row.provider, render: (row) => name(row.provider) },
    { label: 'Model', value: (row) => row.model },
    { label: 'Images', numeric: true, value: (row) => row.images, render: (row) => formatCount(row.images) },
    {
      label: 'Spend (USD)',
      numeric: true,
      value: (row) => row.costUsd,
      render: (row) => formatUsd(row.costUsd),
    },
    {
      label: 'Per image (USD)',
      numeric: true,
      value: perImage,
      render: (row) => formatUsd(perImage(row), { precise: true }),
    },
  ];
}

const personColumns: Column<PersonCost>[] = [
  { label: 'Person', value: (row) => row.name },
  { label: 'Images', numeric: true, value: (row) => row.images, render: (row) => formatCount(row.images) },
  {
    label: 'Spend (USD)',
    numeric: true,
    value: (row) => row.costUsd,
    render: (row) => formatUsd(row.costUsd),
  },
  {
    label: 'Per image (USD)',
    numeric: true,
    value: perImage,
    render: (row) => formatUsd(perImage(row), { precise: true }),
  },
];

function byModel(cost: readonly CostPoint[]): ModelCost[] {
  const rows = new Map<string, ModelCost>();
  for (const point of cost) {
    const key = `${point.provider}/${point.model}`;
    const row = rows.get(key) ?? { provider: point.provider, model: point.model, costUsd: 0, images: 0 };
    row.costUsd += point.costUsd;
    row.images += point.images;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.costUsd - a.costUsd);
}

const formatChartUsd = (value: number) => formatUsd(value);

/** Spend per day by provider, per image, this month so far and at this pace; per person for admins. */
export function CostSection({
  cost,
  summary,
  byPerson,
  span,
  instance,
}: {
  cost: readonly CostPoint[];
  summary: CostSummary;
  byPerson: readonly PersonCost[];
  span: string;
  instance: boolean;
}) {
  const name = useProviderName();
  const perDay = useMemo(
    () =>
      withNames(
        pivotByDay(
          cost,
          (p) => p.day,
          (p) => p.provider,
          (p) => p.costUsd,
        ),
        name,
      ),
    [cost, name],
  );
  const columns = useMemo(() => modelColumns(name), [name]);
  return (
    <InsightsSection id="cost" title="Cost">
      <dl className="insights-figures">
        <div>
          <dt>Spend in range</dt>
          <dd>{formatUsd(summary.totalUsd)}</dd>
        </div>
        <div>
          <dt>Per image</dt>
          <dd>{formatUsd(summary.perImageUsd, { precise: true })}</dd>
        </div>
        <div>
          <dt>Month to date</dt>
          <dd>{formatUsd(summary.monthToDateUsd)}</dd>
        </div>
        <div>
          <dt>Projected this month</dt>
          <dd>{formatUsd(summary.projectedMonthUsd)}</dd>
        </div>
      </dl>
      <ChartPanel
        title="Spend per day by provider"
        summary={costSummaryText(
          totalsBy(
            cost,
            (p) => p.provider,
            (p) => p.costUsd,
          ),
          span,
          name,
        )}
        data={perDay}
        kind="stacked-bars"
        format={formatChartUsd}
        totals
      />
      <h3>Per provider and model</h3>
      <DataTable
        title="Spend per provider and model"
        columns={columns}
        rows={byModel(cost)}
        rowKey={(row) => `${row.provider}/${row.model}`}
        captionHidden
      />
      {instance && (
        <>
          <h3>Per person</h3>
          <DataTable
            title="Spend per person"
            columns={personColumns}
            rows={byPerson}
            rowKey={(row) => row.userId}
            captionHidden
          />
        </>
      )}
    </InsightsSection>
  );
}
