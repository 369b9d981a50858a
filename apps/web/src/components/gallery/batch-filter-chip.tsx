import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/time';

export const BatchFilterChip_Batch = graphql(`
  query BatchFilterChip_Batch($id: ID!) {
    batch(id: $id) {
      id
      title
      createdAt
    }
  }
`);

/** The batch the gallery is narrowed to, by name, with a way back to every image. */
export function BatchFilterChip({ batchId, onClear }: { batchId: string; onClear: () => void }) {
  const [{ data, fetching }] = useQuery({ query: BatchFilterChip_Batch, variables: { id: batchId } });
  const batch = data?.batch;
  const name = batch
    ? batch.title.trim() || formatDateTime(batch.createdAt)
    : fetching || !data
      ? '…'
      : 'not found';
  return (
    <p className="filter-chip">
      Batch: {name}
      <button
        type="button"
        className="button button-ghost button-small"
        aria-label="Clear the batch filter"
        onClick={onClear}
      >
        ×
      </button>
    </p>
  );
}
