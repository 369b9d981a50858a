import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { useProviderName } from '../generate/use-providers';
import { useToast } from '../ui/toast';
import { JobCard_JobById } from './job-card';
import { culpritOf, explainJobError } from './job-errors';
import { useJobSession } from './job-session';

/** Where a job is shown on the Jobs page. */
export function jobPageHref(id: string): string {
  return `/jobs?job=${encodeURIComponent(id)}`;
}

/**
 * Tells the person, on whatever page they are, when a job of this tab fails: a toast with the
 * reason and a way to the job on the Jobs page, and a failure on the Jobs badge until looked at.
 */
export function JobAlerts() {
  const { ids } = useJobSession();
  return (
    <>
      {ids.map((id) => (
        <JobAlert key={id} id={id} />
      ))}
    </>
  );
}

function JobAlert({ id }: { id: string }) {
  const [{ data }] = useQuery({ query: JobCard_JobById, variables: { id }, requestPolicy: 'cache-only' });
  const { noteFailure } = useJobSession();
  const toast = useToast();
  const navigate = useNavigate();
  const providerName = useProviderName();
  const job = data?.job;
  const failed = job?.status === 'FAILED' && job.error ? job : null;
  useEffect(() => {
    if (!failed?.error || !noteFailure(failed.id)) return;
    const culprit = culpritOf(failed);
    const { title } = explainJobError(failed.error, { name: providerName(culprit), id: culprit });
    toast.show({
      tone: 'error',
      message: `Job failed: ${title} — “${failed.input.prompt}”`,
      action: { label: 'Open in Jobs', onClick: () => void navigate(jobPageHref(failed.id)) },
    });
  }, [failed, noteFailure, providerName, toast, navigate]);
  return null;
}
