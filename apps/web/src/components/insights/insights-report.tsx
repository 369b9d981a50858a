import { Link } from 'react-router';
import { EmptyState } from '../ui/view-state';
import { BatchesSection } from './batches-section';
import { CostSection } from './cost-section';
import type { InsightsData } from './insights-types';
import { KeepSection } from './keep-section';
import { ReliabilitySection } from './reliability-section';
import { SpeedSection } from './speed-section';
import { spanWords } from './summaries';
import { TopSection } from './top-section';
import { VolumeSection } from './volume-section';

interface InsightsReportProps {
  insights: InsightsData;
  /** Filters narrow the range: the empty state offers to clear them. */
  filtered: boolean;
  onClearFilters: () => void;
}

/** Every section of the Insights page, drawn from one answer of the `insights` query. */
export function InsightsReport({ insights, filtered, onClearFilters }: InsightsReportProps) {
  const jobs = insights.volume.reduce((sum, point) => sum + point.jobs, 0);
  const span = spanWords(insights.from, insights.until);
  if (jobs === 0) {
    return (
      <EmptyState
        title="No jobs in this range"
        action={
          <div className="insights-empty-actions">
            <Link className="button button-primary" to="/">
              Create an image
            </Link>
            {filtered && (
              <button type="button" className="button" onClick={onClearFilters}>
                Clear filters
              </button>
            )}
          </div>
        }
      >
        {filtered
          ? `Nothing over the last ${span} matches these filters. Try a longer range or fewer filters.`
          : `No image was made over the last ${span}. Make some on Create and their speed, cost and keep rate show up here.`}
      </EmptyState>
    );
  }
  return (
    <div className="insights-report">
      <VolumeSection volume={insights.volume} span={span} />
      <SpeedSection speed={insights.speed} speedOverTime={insights.speedOverTime} />
      <ReliabilitySection
        reliability={insights.reliability}
        failures={insights.failures}
        fallbackFinishers={insights.fallbackFinishers}
      />
      <CostSection
        cost={insights.cost}
        summary={insights.costSummary}
        byPerson={insights.costByPerson}
        span={span}
        instance={insights.scope === 'INSTANCE'}
      />
      <KeepSection keepRate={insights.keepRate} />
      <TopSection
        topPrompts={insights.topPrompts}
        topTemplates={insights.topTemplates}
        topPresets={insights.topPresets}
      />
      <BatchesSection batches={insights.batchComparisons} />
    </div>
  );
}

/** Grey blocks where the sections will be, announced as loading. */
export function InsightsSkeleton() {
  return (
    <div className="insights-skeleton" role="status" aria-label="Loading insights">
      {['Volume', 'Speed', 'Reliability', 'Cost'].map((title) => (
        <div key={title} className="insights-skeleton-block" aria-hidden="true" />
      ))}
    </div>
  );
}
