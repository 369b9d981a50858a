import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useOnline } from '../../../hooks/use-online';
import { imageEditHref, imageHref } from '../../../lib/links';
import { JobCard, JobCard_JobById } from '../../job/job-card';
import { stageText } from '../../job/job-stage';
import { JobWatcher_JobUpdated } from '../../job/job-watcher';
import type { GenerateStage } from './generate';

interface RunFooterProps {
  label: string;
  disabled: boolean;
  pending: boolean;
  formError: string | null;
  stage: GenerateStage | null;
  /** Unsaved editor operations that will be saved as a new image first. */
  unsaved: number;
  /** The job queued by the last run, followed here to its result. */
  jobId: string | null;
  /** The image the last run saved the unsaved edits as (the job ran on it). */
  savedAs?: string | null;
}

/** The run button, what is happening (saving the edits first, sending), and the job's card and result. */
export function RunFooter({
  label,
  disabled,
  pending,
  formError,
  stage,
  unsaved,
  jobId,
  savedAs = null,
}: RunFooterProps) {
  const online = useOnline();
  return (
    <div className="generative-result">
      {unsaved > 0 && !pending && (
        <p className="field-hint">
          Your {unsaved} unsaved {unsaved === 1 ? 'edit is' : 'edits are'} saved as a new image first; the job
          runs on that image.
        </p>
      )}
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={disabled || pending || !online}>
        {online ? label : 'Offline'}
      </button>
      {pending && <StageLine stage={stage} />}
      {savedAs && !pending && (
        <p className="field-hint generative-row">
          Your edits were saved as a new image and the job runs on it.
          <Link to={imageHref(savedAs)}>Open it</Link>
          <Link to={imageEditHref(savedAs)}>Keep editing from it</Link>
        </p>
      )}
      {jobId && <RunResult jobId={jobId} />}
    </div>
  );
}

function StageLine({ stage }: { stage: GenerateStage | null }) {
  if (stage?.step === 'saving') {
    const percent = Math.round((stage.job?.progress ?? 0) * 100);
    return (
      <div role="status">
        <p className="muted">
          Saving your edits as a new image first… {stage.job ? stageText(stage.job) : 'queuing'}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label="Saving the edits"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <span className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
      </div>
    );
  }
  return (
    <p className="muted" role="status">
      Queuing…
    </p>
  );
}

/** The queued job's card (progress, errors, retry), and links to what it made once it is done. */
function RunResult({ jobId }: { jobId: string }) {
  // Followed here too: the result matters while this panel is open, whatever the job lists hold.
  useSubscription({ query: JobWatcher_JobUpdated, variables: { id: jobId } });
  const [{ data }] = useQuery({
    query: JobCard_JobById,
    variables: { id: jobId },
    requestPolicy: 'cache-first',
  });
  const images = data?.job?.status === 'SUCCEEDED' ? data.job.images : [];
  return (
    <>
      <JobCard id={jobId} compact />
      {images.length > 0 && (
        <ul className="generative-made" aria-label="Made">
          {images.map((image, index) => (
            <li key={image.id} className="generative-row">
              <Link to={imageHref(image.id)} className="button button-small">
                Open {images.length > 1 ? `image ${index + 1}` : 'the new image'}
              </Link>
              <Link to={imageEditHref(image.id)} className="button button-small">
                Edit it
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
