import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../components/auth/session';
import { GenerateForm_Providers } from '../components/generate/use-providers';
import {
  clearInsightsFilters,
  hasInsightsFilter,
  type InsightsParams,
  insightsSearch,
  insightsVariables,
  rangeLabel,
  readInsightsParams,
} from '../components/insights/insights-filter';
import { InsightsFilters } from '../components/insights/insights-filters';
import { ProviderNames } from '../components/insights/insights-labels';
import { InsightsPage_Insights } from '../components/insights/insights-query';
import { InsightsReport, InsightsSkeleton } from '../components/insights/insights-report';
import { ErrorState } from '../components/ui/view-state';
import '../components/insights/insights.css';

/**
 * What each provider, model, preset and template made, how fast, how reliably, at what cost and how
 * much of it was kept; an admin can switch to the whole instance. Everything chosen lives in the URL.
 */
export default function InsightsPage() {
  const [search, setSearch] = useSearchParams();
  const viewer = useViewer();
  const admin = viewer.role === 'ADMIN';
  const read = readInsightsParams(search);
  const params: InsightsParams = admin ? read : { ...read, scope: 'PERSON' };
  const setParams = (next: InsightsParams) => setSearch(insightsSearch(next));
  const instance = params.scope === 'INSTANCE';
  return (
    <div className="page insights-page">
      <header className="page-header">
        <div>
          <h1>Insights</h1>
          <p className="muted">
            {instance ? 'The whole instance' : 'Your jobs'} · {rangeLabel(params)}
          </p>
        </div>
        {admin && (
          <div className="insights-header-actions">
            <button
              type="button"
              className="button button-small"
              aria-pressed={instance}
              title="Show everyone's figures on this instance"
              onClick={() => setParams({ ...params, scope: instance ? 'PERSON' : 'INSTANCE' })}
            >
              Instance
            </button>
          </div>
        )}
      </header>
      <InsightsFilters params={params} onChange={setParams} />
      <InsightsResults params={params} onClearFilters={() => setParams(clearInsightsFilters(params))} />
    </div>
  );
}

function InsightsResults({ params, onClearFilters }: { params: InsightsParams; onClearFilters: () => void }) {
  const key = insightsSearch(params);
  // Built once per URL: a custom range without an end reads the clock, and new variables refetch.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const variables = useMemo(() => insightsVariables(params), [key]);
  const [{ data, error }, reexecute] = useQuery({
    query: InsightsPage_Insights,
    variables,
    requestPolicy: 'cache-and-network',
  });
  const [providers] = useQuery({ query: GenerateForm_Providers, requestPolicy: 'cache-first' });
  const names = useMemo(
    () => new Map((providers.data?.providers ?? []).map((provider) => [provider.id, provider.displayName])),
    [providers.data],
  );
  if (error && !data) {
    return (
      <ErrorState
        what="insights"
        error={error}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
      />
    );
  }
  if (!data) return <InsightsSkeleton />;
  return (
    <ProviderNames.Provider value={names}>
      <InsightsReport
        insights={data.insights}
        filtered={hasInsightsFilter(params)}
        onClearFilters={onClearFilters}
      />
    </ProviderNames.Provider>
  );
}
