import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { JobCard_JobFragment, JobStatus } from '../../gql/graphql';
import { ACTIVE_STATUSES } from './job-stage';

export const ACTIVE_JOBS_PAGE_SIZE = 50;

export const ActiveJobs_Jobs = graphql(`
  query ActiveJobs_Jobs($statuses: [JobStatus!], $first: Int!) {
    jobs(statuses: $statuses, first: $first) {
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

export const activeJobsVariables = {
  statuses: [...ACTIVE_STATUSES] as JobStatus[],
  first: ACTIVE_JOBS_PAGE_SIZE,
};

/**
 * Queued and running jobs, newest first. Always revalidated on mount, so a reload re-attaches to
 * whatever is still running; afterwards the graphcache updaters keep it current.
 */
export function useActiveJobs(): JobCard_JobFragment[] {
  const [{ data }] = useQuery({
    query: ActiveJobs_Jobs,
    variables: activeJobsVariables,
    requestPolicy: 'cache-and-network',
  });
  const edges = data?.jobs.edges;
  return useMemo(
    () => (edges ?? []).map((edge) => edge.node).filter((job): job is JobCard_JobFragment => !!job),
    [edges],
  );
}
