import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { GenerateForm_Providers } from '../generate/use-providers';
import { FilterDateRange, FilterSelect } from '../ui/filter-select';
import {
  clearInsightsFilters,
  hasInsightsFilter,
  type InsightsParams,
  OPERATIONS,
  ORIGINS,
  RANGES,
  type RangeKey,
} from './insights-filter';
import { operationName } from './insights-format';

/** What the preset, template and collection filters offer: the viewer's own, by name. */
// Three documents, not one: the three pages of 100 in one request would pass graphql-armor's static
// cost limit (7,000 of 6,000); each alone costs about 2,300.
export const InsightsFilters_Presets = graphql(`
  query InsightsFilters_Presets {
    stylePresets(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const InsightsFilters_Templates = graphql(`
  query InsightsFilters_Templates {
    templates(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const InsightsFilters_Collections = graphql(`
  query InsightsFilters_Collections {
    collections(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

interface InsightsFiltersProps {
  params: InsightsParams;
  onChange: (params: InsightsParams) => void;
}

/** The range and the filters, each choice written to the URL at once. */
export function InsightsFilters({ params, onChange }: InsightsFiltersProps) {
  const [providers] = useQuery({ query: GenerateForm_Providers, requestPolicy: 'cache-first' });
  const [presets] = useQuery({ query: InsightsFilters_Presets, requestPolicy: 'cache-first' });
  const [templates] = useQuery({ query: InsightsFilters_Templates, requestPolicy: 'cache-first' });
  const [collections] = useQuery({ query: InsightsFilters_Collections, requestPolicy: 'cache-first' });
  const providerList = providers.data?.providers ?? [];
  const models = providerList
    .filter((provider) => !params.provider || provider.id === params.provider)
    .flatMap((provider) =>
      provider.capabilities.models.map((model) => ({
        key: `${provider.id}/${model.id}`,
        value: model.id,
        label: params.provider ? model.name : `${model.name} (${provider.displayName})`,
      })),
    );
  const nodes = <T,>(edges: readonly ({ node?: T | null } | null)[] | undefined) =>
    (edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));
  const set = <K extends keyof InsightsParams>(key: K, value: InsightsParams[K] | '') => {
    const next = { ...params, [key]: value || undefined };
    // A model belongs to its provider: choosing another provider forgets it.
    if (key === 'provider') delete next.model;
    onChange(next);
  };
  const setRange = (range: RangeKey) => {
    const next: InsightsParams = { ...params, range };
    if (range !== 'custom') {
      delete next.from;
      delete next.until;
    }
    onChange(next);
  };
  return (
    <form className="insights-filters" aria-label="Filter insights" onSubmit={(e) => e.preventDefault()}>
      <label className="filter">
        <span className="filter-label">Range</span>
        <select
          className="input input-small"
          value={params.range}
          onChange={(e) => setRange(e.target.value as RangeKey)}
        >
          {RANGES.map((range) => (
            <option key={range.key} value={range.key}>
              {range.label}
            </option>
          ))}
        </select>
      </label>
      {params.range === 'custom' && (
        <FilterDateRange
          from={params.from}
          until={params.until}
          untilLabel="Until"
          onFromChange={(value) => set('from', value)}
          onUntilChange={(value) => set('until', value)}
        />
      )}
      <FilterSelect
        label="Provider"
        allLabel="Any provider"
        value={params.provider ?? ''}
        options={providerList.map((provider) => ({ value: provider.id, label: provider.displayName }))}
        onChange={(value) => set('provider', value)}
      />
      <FilterSelect
        label="Model"
        allLabel="Any model"
        value={params.model ?? ''}
        options={withCurrent(models, params.model)}
        onChange={(value) => set('model', value)}
      />
      <FilterSelect
        label="Operation"
        allLabel="Any operation"
        value={params.operation ?? ''}
        options={OPERATIONS.map((operation) => ({ value: operation, label: operationName(operation) }))}
        onChange={(value) => set('operation', value as InsightsParams['operation'])}
      />
      <FilterSelect
        label="Preset"
        allLabel="Any preset"
        value={params.preset ?? ''}
        options={withCurrent(
          nodes(presets.data?.stylePresets.edges).map((preset) => ({ value: preset.id, label: preset.name })),
          params.preset,
        )}
        onChange={(value) => set('preset', value)}
      />
      <FilterSelect
        label="Template"
        allLabel="Any template"
        value={params.template ?? ''}
        options={withCurrent(
          nodes(templates.data?.templates.edges).map((template) => ({
            value: template.id,
            label: template.name,
          })),
          params.template,
        )}
        onChange={(value) => set('template', value)}
      />
      <FilterSelect
        label="Collection"
        allLabel="Any collection"
        value={params.collection ?? ''}
        options={withCurrent(
          nodes(collections.data?.collections.edges).map((collection) => ({
            value: collection.id,
            label: collection.name,
          })),
          params.collection,
        )}
        onChange={(value) => set('collection', value)}
      />
      <FilterSelect
        label="Origin"
        allLabel="Any origin"
        value={params.origin ?? ''}
        options={ORIGINS}
        onChange={(value) => set('origin', value as InsightsParams['origin'])}
      />
      {hasInsightsFilter(params) && (
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => onChange(clearInsightsFilters(params))}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

/** A value from the URL stays selectable while its list loads (or when it is not in the list). */
function withCurrent(options: { key?: string; value: string; label: string }[], current: string | undefined) {
  if (!current || options.some((option) => option.value === current)) return options;
  return [...options, { value: current, label: current }];
}
