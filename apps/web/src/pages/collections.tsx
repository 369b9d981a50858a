import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { CollectionCard } from '../components/collections/collection-card';
import { CreateCollectionDialog } from '../components/collections/create-collection-dialog';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { PlusIcon } from '../components/ui/icons';
import { graphql } from '../gql';
import '../components/collections/collections.css';

export const CollectionsPage_Collections = graphql(`
  query CollectionsPage_Collections($first: Int!, $after: String, $search: String) {
    collections(first: $first, after: $after, search: $search) {
      edges {
        cursor
        node {
          id
          ...CollectionCard_Collection
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PAGE = 60;

export default function CollectionsPage() {
  const [search, setSearch] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: CollectionsPage_Collections,
    variables: { first: PAGE, after, search: search.trim() || null },
  });
  const connection = data?.collections;
  const collections = connection?.edges.map((edge) => edge.node) ?? [];

  return (
    <div className="page collections-page">
      <div className="page-header">
        <h1>Collections</h1>
        <div className="collections-tools">
          <input
            type="search"
            className="input"
            placeholder="Find a collection"
            aria-label="Find a collection by name"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setAfter(null);
            }}
          />
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            <PlusIcon />
            <span>New collection</span>
          </button>
        </div>
      </div>
      {error && !data ? (
        <ErrorState
          what="your collections"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      ) : fetching && !data ? (
        <LoadingState label="Loading collections…" spinner className="gallery-loading" />
      ) : collections.length === 0 ? (
        search.trim() ? (
          <EmptyState title="No collection is called that">Try fewer letters, or make a new one.</EmptyState>
        ) : (
          <EmptyState
            title="No collections yet"
            action={
              <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
                Make your first collection
              </button>
            }
          >
            Collections group images by hand, in the order you choose. A smart collection keeps a gallery
            search: filter the gallery, then choose “Save as smart collection”.
          </EmptyState>
        )
      ) : (
        <>
          <ul className="collection-grid" aria-label="Collections">
            {collections.map((collection) => (
              <li key={collection.id}>
                <CollectionCard collection={collection} />
              </li>
            ))}
          </ul>
          {connection?.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button collection-more"
              aria-busy={fetching || undefined}
              onClick={() => setAfter(connection.pageInfo.endCursor ?? null)}
            >
              Show more
            </button>
          )}
        </>
      )}
      <CreateCollectionDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(collection) => void navigate(`/collections/${encodeURIComponent(collection.id)}`)}
      />
    </div>
  );
}
