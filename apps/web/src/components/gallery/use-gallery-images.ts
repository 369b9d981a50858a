import { useCallback, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { GalleryTile_ImageFragment, ImageQueryParams, ImageSort } from '../../gql/graphql';
import { useRevalidateOnce } from '../../hooks/use-revalidate-once';

/** Every reader of the gallery list asks for the same page size, so they share one cache entry. */
export const GALLERY_PAGE_SIZE = 48;

export const GalleryGrid_Images = graphql(`
  query GalleryGrid_Images($filter: ImageQueryParams, $sort: ImageSort, $first: Int!, $after: String) {
    images(filter: $filter, sort: $sort, first: $first, after: $after) {
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
`);

export interface GalleryImages {
  images: GalleryTile_ImageFragment[];
  hasNextPage: boolean;
  /** True until the first page has arrived (from cache or network). */
  loading: boolean;
  fetchingMore: boolean;
  error: Error | undefined;
  loadMore: () => void;
  retry: () => void;
}

/**
 * The gallery list, newest first unless `sort` says otherwise, for one filter. Pages are merged by `relayPagination()` in the
 * cache, so asking for the next page keeps the earlier ones and every reader sees the same list.
 */
export function useGalleryImages(
  filter: ImageQueryParams | undefined,
  { revalidate = true, sort }: { revalidate?: boolean; sort?: ImageSort | undefined } = {},
): GalleryImages {
  const filterKey = JSON.stringify([filter ?? null, sort ?? null]);
  const [cursor, setCursor] = useState<{ filterKey: string; after: string | null }>({
    filterKey,
    after: null,
  });
  const after = cursor.filterKey === filterKey ? cursor.after : null;

  // The first page is read from the server once per page load (the persisted cache may be old);
  // after that the live subscriptions of the shell keep it current. Later pages are merged.
  const firstVisit = useRevalidateOnce(`images:${filterKey}`);
  const [result, reexecute] = useQuery({
    query: GalleryGrid_Images,
    // Newest first is the default: leaving `sort` out then shares the cache entry other lists use.
    variables: { filter, ...(sort && { sort }), first: GALLERY_PAGE_SIZE, after },
    requestPolicy: after || !revalidate ? 'cache-first' : firstVisit,
  });

  const connection = result.data?.images;
  const images = useMemo(
    () =>
      (connection?.edges ?? [])
        .map((edge) => edge.node)
        .filter((node): node is GalleryTile_ImageFragment => !!node),
    [connection],
  );
  const hasNextPage = connection?.pageInfo.hasNextPage ?? false;
  const endCursor = connection?.pageInfo.endCursor ?? null;
  const fetchingMore = after !== null && (result.fetching || !!result.stale);

  const loadMore = useCallback(() => {
    if (!hasNextPage || !endCursor || fetchingMore) return;
    setCursor({ filterKey, after: endCursor });
  }, [hasNextPage, endCursor, fetchingMore, filterKey]);

  const retry = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  return {
    images,
    hasNextPage,
    loading: !connection && result.fetching,
    fetchingMore,
    error: connection ? undefined : result.error,
    loadMore,
    retry,
  };
}
