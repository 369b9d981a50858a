import { useQuery } from 'urql';
import { JobCard_JobById, JobCardView } from './job-card';
import { useJobSession } from './job-session';
import './jobs.css';

/**
 * Jobs working on this image (variations, enhance, restyle, edit) while they run, and the ones that
 * failed, so the result or the reason shows up where the person is looking. Finished results are
 * in "Made from this".
 */
export function ImageJobs({ imageId }: { imageId: string }) {
  const { ids, dismiss } = useJobSession();
  if (ids.length === 0) return null;
  return (
    <div className="image-jobs">
      {ids.map((id) => (
        <SourceJob key={id} id={id} imageId={imageId} onDismiss={dismiss} />
      ))}
    </div>
  );
}

function SourceJob({
  id,
  imageId,
  onDismiss,
}: {
  id: string;
  imageId: string;
  onDismiss: (id: string) => void;
}) {
  const [{ data }] = useQuery({ query: JobCard_JobById, variables: { id }, requestPolicy: 'cache-first' });
  const job = data?.job;
  if (!job || job.input.sourceImage?.id !== imageId || job.status === 'SUCCEEDED') return null;
  return <JobCardView job={job} compact onDismiss={onDismiss} />;
}
