import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { BatchView } from '../components/batch/batch-view';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { graphql } from '../gql';
import '../components/batch/batch.css';

export const BatchPage_Batch = graphql(`
  query BatchPage_Batch($id: ID!) {
    batch(id: $id) {
      ...BatchView_Batch
    }
  }
`);

export default function BatchPage() {
  const { id = '' } = useParams();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: BatchPage_Batch, variables: { id } });
  const batch = data?.batch;
  if (batch) {
    return (
      <div className="page batch-page">
        <BatchView batch={batch} />
      </div>
    );
  }
  if (error && !data) {
    return (
      <div className="page">
        <ErrorState
          what="this batch"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (fetching || !data) {
    return <LoadingState label="Loading batch…" spinner className="page" />;
  }
  return (
    <EmptyState title="Batch not found" level={1} className="page">
      It may have been deleted. Your other batches are under <Link to="/batches">Batches</Link>.
    </EmptyState>
  );
}
