import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { JobCard_JobFragment } from '../../gql/graphql';
import { GenerateForm_Providers } from '../generate/use-providers';
import { FilterDateRange, FilterSelect } from '../ui/filter-select';
import { EmptyState, ErrorState, LoadingState } from '../ui/view-state';
import { JobCard, JobCardView } from './job-card';
import {
  hasJobFilter,
  JOB_KINDS,
  JOB_STATUSES,
  type JobFilter,
  jobFilterSearch,
  jobFilterVariables,
  readJobFilter,
} from './job-filter';
import { useJobSession } from './job-session';
import { jobKindName, statusName } from './job-stage';
import './jobs.css';

const PAGE_SIZE = 20;

export const JobHistory_Jobs = graphql(`
  query JobHistory_Jobs(
    $statuses: [JobStatus!]
    $providers: [String!]
    $kinds: [ImageOperation!]
    $createdFrom: DateTime
    $createdUntil: DateTime
    $first: Int!
    $after: String
  ) {
    jobs(
      statuses: $statuses
      providers: $providers
      kinds: $kinds
      createdFrom: $createdFrom
      createdUntil: $createdUntil
      first: $first
      after: $after
    ) {
      edges {
        cursor
        node {
          ...JobCard_Job
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Every job of the person, newest first, filtered by what the URL says; `?job=` shows one first. */
export function JobHistory() {
  const [search, setSearch] = useSearchParams();
  const filter = readJobFilter(search);
  const focused = search.get('job');
  const { failures, seeFailures } = useJobSession();
  // On this page every failure is in sight, those that happen while it is open too.
  useEffect(() => seeFailures(), [failures, seeFailures]);
  const setFilter = (next: JobFilter) => setSearch(jobFilterSearch(next));
  return (
    <>
      <JobFilters filter={filter} onChange={setFilter} />
      {/* A new filter starts again from the first page. */}
      <JobPages
        key={jobFilterSearch(filter)}
        filter={filter}
        focused={focused}
        onClear={() => setFilter({})}
      />
    </>
  );
}

interface JobPagesProps {
  filter: JobFilter;
  focused: string | null;
  onClear: () => void;
}

function JobPages({ filter, focused, onClear }: JobPagesProps) {
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: JobHistory_Jobs,
    variables: { ...jobFilterVariables(filter), first: PAGE_SIZE, after },
    requestPolicy: 'cache-and-network',
  });
  if (error && !data) {
    return (
      <ErrorState
        what="your jobs"
        error={error}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
      />
    );
  }
  if (!data) return <LoadingState label="Loading jobs…" />;
  const jobs = data.jobs.edges.map((edge) => edge.node).filter((job): job is JobCard_JobFragment => !!job);
  const focusedListed = focused !== null && jobs.some((job) => job.id === focused);
  return (
    <>
      {focused && !focusedListed && (
        <section className="job-history-focus" aria-label="The job you opened">
          <JobCard id={focused} />
        </section>
      )}
      {jobs.length === 0 ? (
        hasJobFilter(filter) ? (
          <EmptyState
            title="No jobs match these filters"
            action={
              <button type="button" className="button" onClick={onClear}>
                Clear filters
              </button>
            }
          >
            Try another status, provider, operation or dates.
          </EmptyState>
        ) : (
          <EmptyState title="No jobs yet">
            Every image you make or change runs as a job; each one shows up here with its attempts, cost and
            time. Press n to start one.
          </EmptyState>
        )
      ) : (
        <ul className="job-history" aria-label="Jobs">
          {jobs.map((job) => (
            <FocusableJob key={job.id} job={job} focused={job.id === focused} />
          ))}
        </ul>
      )}
      {data.jobs.pageInfo.hasNextPage && (
        <button
          type="button"
          className="button job-history-more"
          disabled={fetching}
          onClick={() => setAfter(data.jobs.pageInfo.endCursor ?? null)}
        >
          {fetching ? 'Loading…' : 'Show older jobs'}
        </button>
      )}
    </>
  );
}

function FocusableJob({ job, focused }: { job: JobCard_JobFragment; focused: boolean }) {
  const [item, setItem] = useState<HTMLLIElement | null>(null);
  useEffect(() => {
    // Optional: not every browser engine (nor jsdom) scrolls elements.
    if (focused && item) item.scrollIntoView?.({ block: 'center' });
  }, [focused, item]);
  return (
    <li ref={setItem} className="job-history-item" data-focused={focused || undefined}>
      <JobCardView job={job} compact={false} />
    </li>
  );
}

function JobFilters({ filter, onChange }: { filter: JobFilter; onChange: (filter: JobFilter) => void }) {
  const [{ data }] = useQuery({ query: GenerateForm_Providers, requestPolicy: 'cache-first' });
  const providers = data?.providers ?? [];
  const set = <K extends keyof JobFilter>(key: K, value: JobFilter[K] | '') =>
    onChange({ ...filter, [key]: value || undefined });
  return (
    <form className="job-filters" aria-label="Filter jobs" onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        label="Status"
        allLabel="Any status"
        value={filter.status ?? ''}
        options={JOB_STATUSES.map((status) => ({ value: status, label: statusName(status) }))}
        onChange={(value) => set('status', value as JobFilter['status'])}
      />
      <FilterSelect
        label="Provider"
        allLabel="Any provider"
        value={filter.provider ?? ''}
        options={providers.map((provider) => ({ value: provider.id, label: provider.displayName }))}
        onChange={(value) => set('provider', value)}
      />
      <FilterSelect
        label="Operation"
        allLabel="Any operation"
        value={filter.kind ?? ''}
        options={JOB_KINDS.map((kind) => ({ value: kind, label: jobKindName(kind) }))}
        onChange={(value) => set('kind', value as JobFilter['kind'])}
      />
      <FilterDateRange
        from={filter.from}
        until={filter.to}
        untilLabel="To"
        onFromChange={(value) => set('from', value)}
        onUntilChange={(value) => set('to', value)}
      />
      {hasJobFilter(filter) && (
        <button type="button" className="button button-small button-ghost" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}
