import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { BatchView } from '../components/batch/batch-view';
import { ErrorState } from '../components/ui/error-state';
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
    return (
      <div className="page" role="status">
        <span className="spinner" aria-hidden="true" /> Loading batch…
      </div>
    );
  }
  return (
    <div className="page empty-state">
      <h1>Batch not found</h1>
      <p>
        It may have been deleted. Your other batches are under <Link to="/batches">Batches</Link>.
      </p>
    </div>
  );
}
