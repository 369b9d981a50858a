import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { EmptyState, ErrorState, LoadingState } from '../ui/view-state';
import { batchStatusText } from './batch-status';

/** What a batch shows in the list; creating one answers with it, so the list needs no refetch. */
export const BatchList_Batch = graphql(`
  fragment BatchList_Batch on Batch {
    id
    title
    kind
    status
    progress
    createdAt
    counts {
      total
      queued
      running
      succeeded
      failed
      canceled
    }
  }
`);

export const BatchList_Batches = graphql(`
  query BatchList_Batches($after: String) {
    batches(first: 20, after: $after) {
      edges {
        # The fields of BatchList_Batch, written out: a spread here would cost more under the query limits.
        node {
          id
          title
          kind
          status
          progress
          createdAt
          counts {
            total
            queued
            running
            succeeded
            failed
            canceled
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The viewer's batches, newest first, each with its progress. */
export function BatchList() {
  const [{ data, error }, reexecute] = useQuery({
    query: BatchList_Batches,
    requestPolicy: 'cache-and-network',
  });
  if (error && !data) {
    return (
      <ErrorState
        what="your batches"
        error={error}
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
      />
    );
  }
  if (!data) return <LoadingState label="Loading batches…" />;
  const batches = data.batches.edges.map((edge) => edge.node);
  if (batches.length === 0) {
    return (
      <EmptyState
        title="No batches yet"
        action={
          <Link className="button button-primary" to="/batches/new">
            New batch
          </Link>
        }
      >
        A batch makes many images at once: paste a list of prompts, run every combination of a template&apos;s
        values, or compare one prompt across providers.
      </EmptyState>
    );
  }
  return (
    <ul className="batch-list" aria-label="Batches">
      {batches.map((batch) => {
        const percent = Math.round(batch.progress * 100);
        const text = batchStatusText(batch);
        return (
          <li key={batch.id} className="batch-list-item">
            <Link to={`/batches/${encodeURIComponent(batch.id)}`} className="batch-list-link">
              {batch.title}
            </Link>
            <span className="muted">{new Date(batch.createdAt).toLocaleString()}</span>
            <div
              className="progress"
              role="progressbar"
              aria-label={`Progress of ${batch.title}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={text}
            >
              <span className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <span className="batch-list-status">{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
