import { useEffect, useState } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../../gql';
import { useActiveJobs } from './active-jobs';
import { JobAlerts } from './job-alerts';
import { useJobSession } from './job-session';

export const JobWatcher_JobUpdated = graphql(`
  subscription JobWatcher_JobUpdated($id: ID!, $afterSeq: Int) {
    jobUpdated(id: $id, afterSeq: $afterSeq) {
      ...JobCard_Job
    }
  }
`);

/**
 * Keeps one `jobUpdated` subscription open per active job, for the whole app. Results land in the
 * cache (see `updates.Subscription.jobUpdated`), so every card and the tray follow along; a job
 * leaves the active list at its terminal state, which unmounts its subscription.
 */
export function JobWatcher() {
  const jobs = useActiveJobs();
  const { add } = useJobSession();
  // Remember every job seen running, so its card stays (with the result) after it finishes.
  useEffect(() => add(jobs), [jobs, add]);
  return (
    <>
      {jobs.map((job) => (
        <JobSubscription key={job.id} id={job.id} seq={job.seq} />
      ))}
      <JobAlerts />
    </>
  );
}

function JobSubscription({ id, seq }: { id: string; seq: number }) {
  // Fixed at mount: passing the live seq would restart the subscription on every update. After a
  // reconnect it resumes from the last seq received anyway (lib/subscription-resume.ts).
  const [afterSeq] = useState(seq);
  useSubscription({ query: JobWatcher_JobUpdated, variables: { id, afterSeq } });
  return null;
}
