import { Link } from 'react-router';
import { type CombinedError, useMutation, useSubscription } from 'urql';
import { graphql } from '../../gql';
import { batchZipHref } from '../../lib/downloads';
import type { BatchView_BatchFragment } from '../../gql/graphql';
import { useToast } from '../ui/toast';
import { BatchActions } from './batch-actions';
import { BatchCompare } from './batch-compare';
import { BatchItemRow } from './batch-item';
import { batchStatusText } from './batch-status';

export const BatchView_Batch = graphql(`
  fragment BatchView_Batch on Batch {
    id
    kind
    title
    status
    progress
    createdAt
    canceledAt
    counts {
      total
      queued
      running
      succeeded
      failed
      canceled
    }
    collection {
      id
      name
    }
    # Every item: a batch has at most 100, the connection's default page.
    items {
      edges {
        node {
          index
          prompt
          target {
            provider
            model
          }
          values {
            name
            value
          }
          job {
            ...BatchItem_Job
          }
        }
      }
    }
  }
`);

export const BatchView_BatchUpdated = graphql(`
  subscription BatchView_BatchUpdated($id: ID!) {
    batchUpdated(id: $id) {
      batch {
        id
        status
        progress
        counts {
          total
          queued
          running
          succeeded
          failed
          canceled
        }
      }
      job {
        ...BatchItem_Job
      }
    }
  }
`);

export const BatchView_CancelBatch = graphql(`
  mutation BatchView_CancelBatch($id: ID!) {
    cancelBatch(id: $id) {
      __typename
      ... on Batch {
        ...BatchView_Batch
      }
      ... on BaseError {
        message
      }
    }
  }
`);

export const BatchView_RetryFailed = graphql(`
  mutation BatchView_RetryFailed($id: ID!) {
    retryFailedBatchItems(id: $id) {
      __typename
      ... on Batch {
        ...BatchView_Batch
      }
      ... on BaseError {
        message
      }
      ... on QuotaExceededError {
        message
      }
    }
  }
`);

type Outcome = { __typename: string; message?: string };

/** A batch: aggregate progress, cancel all, retry failed, and every item with its job. */
export function BatchView({ batch }: { batch: BatchView_BatchFragment }) {
  const toast = useToast();
  const unfinished = batch.counts.queued + batch.counts.running > 0;
  // Follows the items while any is unfinished; a retry starts it again.
  useSubscription({ query: BatchView_BatchUpdated, variables: { id: batch.id }, pause: !unfinished });
  const [cancelState, cancelBatch] = useMutation(BatchView_CancelBatch);
  const [retryState, retryFailed] = useMutation(BatchView_RetryFailed);
  const percent = Math.round(batch.progress * 100);
  const items = batch.items.edges.map((edge) => edge.node);
  const statusText = batchStatusText(batch);

  const report = (what: string, error: CombinedError | undefined, outcome: Outcome | null | undefined) => {
    if (error) toast.show({ tone: 'error', message: `Could not ${what}: ${error.message}. Try again.` });
    else if (outcome && outcome.__typename !== 'Batch' && outcome.message) {
      toast.show({ tone: 'error', message: outcome.message });
    }
  };
  const cancel = async () => {
    const result = await cancelBatch({ id: batch.id });
    report('cancel the batch', result.error, result.data?.cancelBatch);
  };
  const retry = async () => {
    const result = await retryFailed({ id: batch.id });
    report('retry the failed items', result.error, result.data?.retryFailedBatchItems);
  };

  return (
    <div className="batch-view">
      <header className="page-header batch-header">
        <div>
          <h1>{batch.title}</h1>
          <p className="muted">
            {kindLabel(batch.kind)} · {batch.counts.total} {batch.counts.total === 1 ? 'item' : 'items'}
            {batch.collection && (
              <>
                {' '}
                · into{' '}
                <Link to={`/collections/${encodeURIComponent(batch.collection.id)}`}>
                  {batch.collection.name}
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="batch-actions">
          <BatchActions batch={batch} finished={!unfinished} />
          {batch.counts.succeeded > 0 && (
            <a className="button" href={batchZipHref(batch.id)} download>
              Download zip
            </a>
          )}
          {unfinished && (
            <button
              type="button"
              className="button"
              disabled={cancelState.fetching}
              onClick={() => void cancel()}
            >
              Cancel all
            </button>
          )}
          {batch.counts.failed > 0 && (
            <button
              type="button"
              className="button"
              disabled={retryState.fetching}
              onClick={() => void retry()}
            >
              Retry failed ({batch.counts.failed})
            </button>
          )}
        </div>
      </header>
      <div
        className="progress batch-progress"
        role="progressbar"
        aria-label="Batch progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={statusText}
      >
        <span className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="batch-status" role="status" data-status={batch.status.toLowerCase()}>
        {statusText}
      </p>
      {batch.kind === 'COMPARE' ? (
        <BatchCompare items={items} />
      ) : (
        <ol className="batch-items" aria-label="Items">
          {items.map((item) => (
            <BatchItemRow
              key={item.index}
              index={item.index}
              prompt={item.prompt}
              values={item.values}
              job={item.job}
            />
          ))}
        </ol>
      )}
    </div>
  );
}

function kindLabel(kind: BatchView_BatchFragment['kind']): string {
  return kind === 'PROMPTS' ? 'Prompt list' : kind === 'MATRIX' ? 'Template matrix' : 'Compare';
}
