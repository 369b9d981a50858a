import { useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '../../gql';
import type { SharedCollection_ImageFragment } from '../../gql/graphql';
import { sharedCollectionZipHref } from '../../lib/downloads';
import { formatDateTime, timeUntil } from '../../lib/time';
import { ThumbhashImage } from '../gallery/thumbhash-image';
import '../collections/collections.css';
import { EmptyState } from '../ui/view-state';

export const SharedCollection_Image = graphql(`
  fragment SharedCollection_Image on SharedImage {
    url
    width
    height
    thumbhash
    prompt
    createdAt
    thumbnails {
      size
      url
      width
      height
    }
  }
`);

export const SharedCollection_More = graphql(`
  query SharedCollection_More($token: String!, $first: Int!, $after: String) {
    sharedCollection(token: $token) {
      images(first: $first, after: $after) {
        edges {
          node {
            ...SharedCollection_Image
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

/** Images per page of a shared collection. */
export const SHARED_COLLECTION_PAGE = 100;

interface SharedCollectionViewProps {
  token: string;
  collection: {
    name: string;
    description: string;
    paramsHidden: boolean;
    expiresAt?: string | null;
    images: {
      edges: readonly { node: SharedCollection_ImageFragment }[];
      pageInfo: { hasNextPage: boolean; endCursor?: string | null };
    };
  };
}

/** A shared collection, read-only: its name, description and images in the owner's order. */
export function SharedCollectionView({ token, collection }: SharedCollectionViewProps) {
  const client = useClient();
  const [more, setMore] = useState<SharedCollection_ImageFragment[]>([]);
  const [pageInfo, setPageInfo] = useState(collection.images.pageInfo);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const images = [...collection.images.edges.map((edge) => edge.node), ...more];
  const expires = collection.expiresAt ? new Date(collection.expiresAt) : null;

  const loadMore = async () => {
    setLoading(true);
    setFailed(false);
    const result = await client
      .query(
        SharedCollection_More,
        { token, first: SHARED_COLLECTION_PAGE, after: pageInfo.endCursor ?? null },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setLoading(false);
    const page = result.data?.sharedCollection?.images;
    if (!page) {
      setFailed(true);
      return;
    }
    setMore((previous) => [...previous, ...page.edges.map((edge) => edge.node)]);
    setPageInfo(page.pageInfo);
  };

  return (
    <div className="page shared-collection">
      <h1>{collection.name}</h1>
      {collection.description && <p className="collection-description">{collection.description}</p>}
      <p className="muted">
        {collection.paramsHidden ? 'Shared collection · the owner hid the prompts.' : 'Shared collection.'}
        {expires && ` This link stops working on ${formatDateTime(expires)} (${timeUntil(expires)}).`}
      </p>
      {images.length > 0 && (
        <p>
          <a className="button" href={sharedCollectionZipHref(token)} download>
            Download zip
          </a>
        </p>
      )}
      {images.length === 0 ? (
        <EmptyState title="This collection is empty">Its owner has not added any images yet.</EmptyState>
      ) : (
        <ol className="collection-images" aria-label="Images">
          {images.map((image, index) => (
            <li key={image.url} className="collection-image">
              <a
                href={image.url}
                target="_blank"
                rel="noreferrer"
                className="collection-image-link"
                aria-label={image.prompt ?? `Image ${index + 1} of ${images.length}`}
              >
                <ThumbhashImage image={image} displaySize={200} fit="cover" alt={image.prompt ?? ''} />
              </a>
            </li>
          ))}
        </ol>
      )}
      {failed && (
        <p className="form-error" role="alert">
          Could not load more images. The link may have stopped working; try again.
        </p>
      )}
      {pageInfo.hasNextPage && (
        <button
          type="button"
          className="button collection-more"
          aria-busy={loading || undefined}
          onClick={() => void loadMore()}
        >
          Show more
        </button>
      )}
    </div>
  );
}
