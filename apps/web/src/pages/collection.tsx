import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { CollectionView } from '../components/collections/collection-view';
import { useImagesAddedSince } from '../components/gallery/use-live-images';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { graphql } from '../gql';

export const CollectionPage_Collection = graphql(`
  query CollectionPage_Collection($id: ID!, $first: Int!, $after: String) {
    collection(id: $id) {
      id
      name
      description
      isSmart
      filter
      imageCount
      coverChosen
      cover {
        id
      }
      images(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...GalleryTile_Image
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const CollectionPage_ImageAdded = graphql(`
  subscription CollectionPage_ImageAdded($since: DateTime) {
    imageAdded(since: $since) {
      id
      createdAt
    }
  }
`);

const PAGE = 100;
/** New images often arrive in a burst (one job, several outputs): refresh once for the lot. */
const REFRESH_DELAY_MS = 400;

export default function CollectionPage() {
  const { id = '' } = useParams();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: CollectionPage_Collection,
    variables: { id, first: PAGE, after },
    // Revalidate on opening: a job may have sent images here since the page was cached.
    requestPolicy: after === null ? 'cache-and-network' : 'cache-first',
  });
  const collection = data?.collection;
  const images = useMemo(() => (collection?.images.edges ?? []).map((edge) => edge.node), [collection]);

  if (error && !data) {
    return (
      <div className="page">
        <ErrorState
          what="this collection"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </div>
    );
  }
  if (fetching && !data) {
    return <LoadingState label="Loading collection…" spinner className="page detail-loading" />;
  }
  if (!collection) {
    return (
      <EmptyState
        title="Collection not found"
        level={1}
        className="page"
        action={
          <Link to="/collections" className="button button-primary">
            All collections
          </Link>
        }
      >
        It may have been deleted, or the link is wrong.
      </EmptyState>
    );
  }
  const refresh = () => {
    setAfter(null);
    reexecute({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <RefreshOnNewImages refresh={refresh} />
      <CollectionView
        collection={collection}
        images={images}
        hasNextPage={collection.images.pageInfo.hasNextPage}
        loadingMore={fetching && after !== null}
        onLoadMore={() => setAfter(collection.images.pageInfo.endCursor ?? null)}
      />
    </>
  );
}

/**
 * The page stays current: each new image of the viewer's (from any tab or device) triggers one
 * refetch of the list — only the server can tell whether it matches a smart collection's search,
 * or whether a job sent it to this collection.
 */
function RefreshOnNewImages({ refresh }: { refresh: () => void }) {
  const refreshRef = useRef(refresh);
  useEffect(() => {
    refreshRef.current = refresh;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const since = useImagesAddedSince();
  const [{ data }] = useSubscription({ query: CollectionPage_ImageAdded, variables: { since } });
  const latest = data?.imageAdded.id;
  useEffect(() => {
    if (!latest) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => refreshRef.current(), REFRESH_DELAY_MS);
  }, [latest]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return null;
}
