import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { BatchItem_JobFragment, BatchView_BatchFragment } from '../../gql/graphql';
import { imageHref } from '../../lib/links';
import { explainJobError } from '../job/job-errors';
import { isActive, stageText } from '../job/job-stage';
import { useProviderName } from '../generate/use-providers';

/** One place in a batch, as the batch view reads it. */
export type BatchItem = BatchView_BatchFragment['items']['edges'][number]['node'];

/** What an item shows of its job: lean, since a batch lists up to 100 of them at once. */
export const BatchItem_Job = graphql(`
  fragment BatchItem_Job on Job {
    id
    status
    stage
    progress
    preview
    queuePosition
    provider
    durationMs
    costUsd
    error {
      code
      message
      details
      retryable
    }
    images {
      id
      url
      prompt
      width
      height
      thumbnails {
        size
        url
      }
    }
  }
`);

/** The job's state in words: the provider's refusal explained when it failed. */
export function useItemStatus(): (job: BatchItem_JobFragment) => string {
  const providerName = useProviderName();
  return (job) =>
    job.status === 'FAILED' && job.error
      ? explainJobError(job.error, { name: providerName(job.provider), id: job.provider }).title
      : stageText(job);
}

export function ItemProgress({ job, label }: { job: BatchItem_JobFragment; label: string }) {
  if (!isActive(job.status)) return null;
  const percent = Math.round(job.progress * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <span className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** The item's results as links to their detail pages, or its latest preview while it runs. */
export function ItemImages({
  job,
  size,
  label,
}: {
  job: BatchItem_JobFragment;
  size: number;
  label: string;
}) {
  if (job.status === 'SUCCEEDED' && job.images.length > 0) {
    return (
      <span className="batch-item-images">
        {job.images.map((image) => {
          const thumb = image.thumbnails.find((t) => t.size >= size) ?? image.thumbnails.at(-1);
          return (
            <Link key={image.id} to={imageHref(image.id)} aria-label={`Open image: ${label}`}>
              <img
                src={thumb?.url ?? image.url}
                alt={image.prompt}
                width={image.width}
                height={image.height}
                loading="lazy"
              />
            </Link>
          );
        })}
      </span>
    );
  }
  return (
    <span className="batch-item-preview" aria-hidden="true">
      {job.preview ? <img src={job.preview} alt="" /> : null}
    </span>
  );
}

interface BatchItemRowProps {
  index: number;
  prompt: string;
  values: readonly { name: string; value: string }[] | null | undefined;
  job: BatchItem_JobFragment;
}

/** One item of a prompt-list or matrix batch: its place, values, status and results. */
export function BatchItemRow({ index, prompt, values, job }: BatchItemRowProps) {
  const status = useItemStatus();
  return (
    <li
      className="batch-item"
      data-status={job.status.toLowerCase()}
      aria-label={`Item ${index + 1}: ${prompt}`}
    >
      <span className="batch-item-index" aria-hidden="true">
        {index + 1}
      </span>
      <ItemImages job={job} size={256} label={prompt} />
      <div className="batch-item-body">
        <p className="batch-item-prompt" title={prompt}>
          {prompt}
        </p>
        {values && values.length > 0 && (
          <p className="batch-item-values">
            {values.map((v) => (
              <span key={v.name} className="chip chip-static">
                {v.name}: {v.value}
              </span>
            ))}
          </p>
        )}
        <ItemProgress job={job} label={`Progress of item ${index + 1}`} />
        <p className="batch-item-status">{status(job)}</p>
      </div>
    </li>
  );
}
