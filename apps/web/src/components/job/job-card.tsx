import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { JobCard_JobFragment } from '../../gql/graphql';
import { imageHref } from '../../lib/links';
import { prefillFromJob, UseAllParametersButton } from '../generate/use-all-parameters';
import { useProviderName } from '../generate/use-providers';
import { useToast } from '../ui/toast';
import { culpritOf, errorDetail, explainJobError } from './job-errors';
import { formatCost, formatLatency, isActive, jobKindLabel, stageText } from './job-stage';
import './jobs.css';

/** Everything a job card shows. Mutation, list and subscription all select it, so a card never waits. */
export const JobCard_Job = graphql(`
  fragment JobCard_Job on Job {
    id
    kind
    status
    stage
    progress
    seq
    preview
    queuePosition
    provider
    createdAt
    finishedAt
    input {
      prompt
      provider
      count
      width
      height
      aspectRatio
      model
      scale
      strength
      styleText
      fallbackProviders
      sourceImage {
        id
        prompt
      }
    }
    attempts {
      provider
      model
      outcome
      message
      startedAt
      finishedAt
      latencyMs
      costUsd
      withheld
    }
    error {
      code
      message
      details
      retryable
    }
    images {
      ...ImageLineage_Relative
    }
    ...UseAllParameters_Job
  }
`);

export const JobCard_JobById = graphql(`
  query JobCard_JobById($id: ID!) {
    job(id: $id) {
      ...JobCard_Job
    }
  }
`);

export const JobCard_CancelJob = graphql(`
  mutation JobCard_CancelJob($id: ID!) {
    cancelJob(id: $id) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export const JobCard_RetryJob = graphql(`
  mutation JobCard_RetryJob($id: ID!) {
    retryJob(id: $id) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

interface JobCardProps {
  id: string;
  compact?: boolean;
  onDismiss?: (id: string) => void;
}

/** A job read from the cache, where the mutation, the active list or the subscription put it. */
export function JobCard({ id, compact = false, onDismiss }: JobCardProps) {
  const [{ data }] = useQuery({ query: JobCard_JobById, variables: { id }, requestPolicy: 'cache-first' });
  const job = data?.job;
  if (!job) return null;
  return <JobCardView job={job} compact={compact} onDismiss={onDismiss} />;
}

interface JobCardViewProps {
  job: JobCard_JobFragment;
  compact: boolean;
  onDismiss?: ((id: string) => void) | undefined;
}

export function JobCardView({ job, compact, onDismiss }: JobCardViewProps) {
  const toast = useToast();
  const providerName = useProviderName();
  const [cancelState, cancelJob] = useMutation(JobCard_CancelJob);
  const [retryState, retryJob] = useMutation(JobCard_RetryJob);
  const active = isActive(job.status);
  const percent = Math.round(job.progress * 100);
  const text = stageText(job);
  const { input } = job;
  const shape = input.aspectRatio ?? (input.width && input.height ? `${input.width}×${input.height}` : null);
  const kind = jobKindLabel(job);
  const count = `${input.count} ${input.count === 1 ? 'image' : 'images'}`;
  const route =
    job.provider !== input.provider
      ? `${providerName(input.provider)} → ${providerName(job.provider)}`
      : providerName(job.provider);

  const cancel = async () => {
    const result = await cancelJob({ id: job.id });
    const outcome = result.data?.cancelJob;
    if (result.error) {
      toast.show({ tone: 'error', message: `Could not cancel: ${result.error.message}. Try again.` });
    } else if (outcome && outcome.__typename !== 'Job') {
      toast.show({ tone: 'error', message: outcome.message });
    }
  };

  const retry = async () => {
    const result = await retryJob({ id: job.id });
    const outcome = result.data?.retryJob;
    if (result.error) {
      toast.show({ tone: 'error', message: `Could not retry: ${result.error.message}. Try again.` });
    } else if (outcome && outcome.__typename !== 'Job') {
      toast.show({ tone: 'error', message: outcome.message });
    } else if (outcome) {
      toast.show({ message: `Queued again: “${input.prompt}”` });
    }
  };

  return (
    <article
      className={`job-card${compact ? ' job-card-compact' : ''}`}
      data-status={job.status.toLowerCase()}
      aria-label={`Job: ${input.prompt}`}
    >
      <JobVisual job={job} />
      <div className="job-body">
        <p className="job-prompt" title={input.prompt}>
          {input.prompt}
        </p>
        <p className="job-meta">{[kind, count, shape, route].filter(Boolean).join(' · ')}</p>
        <div
          className="progress"
          role="progressbar"
          aria-label="Progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={text}
        >
          <span className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <p className="job-stage">{text}</p>
        {!compact && <p className="job-times">{jobTimes(job)}</p>}
        {job.status === 'FAILED' && job.error && <JobErrorView job={job} />}
        {job.status === 'CANCELED' && <p className="job-note">{canceledNote(job)}</p>}
        {job.attempts.length > 0 && <AttemptList job={job} />}
        <div className="job-actions">
          {active && (
            <button
              type="button"
              className="button button-small"
              onClick={cancel}
              disabled={cancelState.fetching}
            >
              Cancel
            </button>
          )}
          {!active && (
            <button
              type="button"
              className="button button-small"
              onClick={retry}
              disabled={retryState.fetching}
              aria-label={`Retry job: ${input.prompt}`}
            >
              Retry
            </button>
          )}
          <UseAllParametersButton small source={`job: ${input.prompt}`} prefill={prefillFromJob(job)} />
          {!active && onDismiss && (
            <button
              type="button"
              className="button button-small"
              onClick={() => onDismiss(job.id)}
              aria-label={`Dismiss job: ${input.prompt}`}
            >
              Dismiss
            </button>
          )}
        </div>
      </div>
    </article>
  );
}

function canceledNote(job: JobCard_JobFragment): string {
  const kept = job.images.length;
  if (kept === 0) return 'Canceled — nothing was saved.';
  return `Canceled — kept the ${kept} of ${job.input.count} images already finished.`;
}

/** When it was submitted, how long it took, and what the providers charged. */
function jobTimes(job: JobCard_JobFragment): string {
  const submitted = new Date(job.createdAt);
  const took = job.finishedAt ? new Date(job.finishedAt).getTime() - submitted.getTime() : null;
  const costs = job.attempts.map((attempt) => attempt.costUsd).filter((c): c is number => c != null);
  const cost = costs.length > 0 ? formatCost(costs.reduce((sum, c) => sum + c, 0)) : null;
  return [
    `Submitted ${submitted.toLocaleString()}`,
    took !== null ? `took ${formatLatency(Math.max(0, took))}` : null,
    cost ? `cost ${cost}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What went wrong, what the provider said, and what to do. */
function JobErrorView({ job }: { job: JobCard_JobFragment }) {
  const providerName = useProviderName();
  const error = job.error;
  if (!error) return null;
  const culprit = culpritOf(job);
  const explanation = explainJobError(error, { name: providerName(culprit), id: culprit });
  const detail = errorDetail(error.message, explanation);
  return (
    <div className="job-error" role="alert">
      <p className="job-error-title">{explanation.title}</p>
      {detail && <p className="job-error-message">{detail}</p>}
      {explanation.reasons.length > 0 && (
        <ul className="job-error-reasons" aria-label="Reasons">
          {explanation.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <p className="job-error-advice">{explanation.advice}</p>
    </div>
  );
}

/** Every provider call so far: retries and fallbacks, each with its outcome, time and cost. */
function AttemptList({ job }: { job: JobCard_JobFragment }) {
  const providerName = useProviderName();
  return (
    <ol className="attempts" role="list" aria-label="Attempts">
      {job.attempts.map((attempt, index) => {
        const ok = attempt.outcome === 'SUCCEEDED';
        const cost = formatCost(attempt.costUsd);
        const facts = [
          providerName(attempt.provider),
          attempt.model,
          formatLatency(attempt.latencyMs),
          cost,
          attempt.withheld > 0 ? `${attempt.withheld} withheld as unsafe` : null,
        ].filter(Boolean);
        return (
          <li
            key={`${attempt.startedAt}-${index}`}
            className="attempt"
            data-outcome={ok ? 'ok' : 'failed'}
            title={attempt.message ?? undefined}
          >
            {ok ? (
              <span className="attempt-outcome">
                <span aria-hidden="true">✓</span>
                <span className="visually-hidden">Succeeded</span>
              </span>
            ) : (
              <span className="attempt-outcome attempt-code">{attempt.outcome}</span>
            )}
            <span className="attempt-facts">{facts.join(' · ')}</span>
          </li>
        );
      })}
    </ol>
  );
}

function JobVisual({ job }: { job: JobCard_JobFragment }) {
  // A canceled job shows the images it had finished: they were kept.
  if (job.images.length > 0) {
    return (
      <ul className="job-results" aria-label="Results">
        {job.images.map((image) => (
          <li key={image.id}>
            <Link to={imageHref(image.id)} aria-label={`Open image: ${image.prompt}`}>
              <img
                src={image.thumbnails[0]?.url ?? image.url}
                alt={image.prompt}
                width={64}
                height={64}
                loading="lazy"
              />
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="job-preview" aria-hidden="true">
      {job.preview ? <img src={job.preview} alt="" /> : <span className="job-preview-empty" />}
    </div>
  );
}
