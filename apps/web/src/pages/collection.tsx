import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { collectionCountLabel } from '../components/collections/collection-card';
import { collectionErrorMessage } from '../components/collections/collection-errors';
import { CollectionGrid } from '../components/collections/collection-grid';
import { CollectionTitle } from '../components/collections/collection-title';
import { useImagesAddedSince } from '../components/gallery/use-live-images';
import { ShareDialog } from '../components/share/share-dialog';
import { ErrorState } from '../components/ui/error-state';
import { ChevronLeftIcon, ShareIcon, TrashIcon } from '../components/ui/icons';
import { Modal } from '../components/ui/modal';
import { useToast } from '../components/ui/toast';
import { graphql } from '../gql';
import type { GalleryTile_ImageFragment } from '../gql/graphql';
import '../components/collections/collections.css';

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

export const CollectionPage_Move = graphql(`
  mutation CollectionPage_Move($id: ID!, $imageId: ID!, $afterImageId: ID) {
    moveCollectionImage(id: $id, imageId: $imageId, afterImageId: $afterImageId) {
      __typename
      ... on Collection {
        id
      }
      ... on Error {
        message
      }
    }
  }
`);

export const CollectionPage_Remove = graphql(`
  mutation CollectionPage_Remove($id: ID!, $imageIds: [ID!]!) {
    removeImagesFromCollection(id: $id, imageIds: $imageIds) {
      __typename
      ... on Collection {
        id
        imageCount
        coverChosen
        cover {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const CollectionPage_SetCover = graphql(`
  mutation CollectionPage_SetCover($input: UpdateCollectionInput!) {
    updateCollection(input: $input) {
      __typename
      ... on Collection {
        id
        coverChosen
        cover {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const CollectionPage_Delete = graphql(`
  mutation CollectionPage_Delete($id: ID!) {
    deleteCollection(id: $id) {
      __typename
      ... on DeleteCollectionPayload {
        deletedCollectionId
      }
      ... on Error {
        message
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
    return (
      <div className="page detail-loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading collection…
      </div>
    );
  }
  if (!collection) {
    return (
      <div className="page empty-state">
        <h1>Collection not found</h1>
        <p>It may have been deleted, or the link is wrong.</p>
        <Link to="/collections" className="button button-primary">
          All collections
        </Link>
      </div>
    );
  }
  return (
    <CollectionView
      collection={collection}
      images={images}
      hasNextPage={collection.images.pageInfo.hasNextPage}
      loadingMore={fetching && after !== null}
      onLoadMore={() => setAfter(collection.images.pageInfo.endCursor ?? null)}
      onRefresh={() => {
        setAfter(null);
        reexecute({ requestPolicy: 'network-only' });
      }}
    />
  );
}

interface CollectionViewProps {
  collection: {
    id: string;
    name: string;
    description: string;
    isSmart: boolean;
    imageCount?: number | null;
    cover?: { id: string } | null;
    coverChosen: boolean;
  };
  images: GalleryTile_ImageFragment[];
  hasNextPage: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onRefresh: () => void;
}

function CollectionView({
  collection,
  images,
  hasNextPage,
  loadingMore,
  onLoadMore,
  onRefresh,
}: CollectionViewProps) {
  const [, move] = useMutation(CollectionPage_Move);
  const [, remove] = useMutation(CollectionPage_Remove);
  const [, setCover] = useMutation(CollectionPage_SetCover);
  const [sharing, setSharing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const toast = useToast();
  const editable = !collection.isSmart;

  useLiveRefresh(onRefresh);

  const report = (message: string | null) => {
    if (message) toast.show({ tone: 'error', message });
  };
  const onMove = async (imageId: string, afterImageId: string | null) => {
    const result = await move({ id: collection.id, imageId, afterImageId });
    report(collectionErrorMessage(result.data?.moveCollectionImage, result.error));
  };
  const onRemove = async (image: GalleryTile_ImageFragment) => {
    const result = await remove({ id: collection.id, imageIds: [image.id] });
    const message = collectionErrorMessage(result.data?.removeImagesFromCollection, result.error);
    if (message) report(message);
    else {
      toast.show({
        message: 'Removed from the collection (it stays in the gallery).',
        action: {
          label: 'Undo',
          onClick: () => void addBack(image.id),
        },
      });
    }
  };
  const [, addImages] = useMutation(CollectionPage_AddBack);
  const addBack = async (imageId: string) => {
    const result = await addImages({ id: collection.id, imageIds: [imageId] });
    report(collectionErrorMessage(result.data?.addImagesToCollection, result.error));
  };
  const onSetCover = async (image: GalleryTile_ImageFragment) => {
    const isCover = collection.coverChosen && collection.cover?.id === image.id;
    const result = await setCover({
      input: { id: collection.id, coverImageId: isCover ? null : image.id },
    });
    report(collectionErrorMessage(result.data?.updateCollection, result.error));
  };

  return (
    <div className="page collection-page">
      <div className="page-header collection-header">
        <Link to="/collections" className="icon-button" aria-label="All collections" title="All collections">
          <ChevronLeftIcon />
        </Link>
        <CollectionTitle collection={collection} />
        <div className="collection-actions">
          <span className="muted">{collectionCountLabel(collection)}</span>
          {editable && (
            <button type="button" className="button" onClick={() => setSharing(true)}>
              <ShareIcon />
              <span>Share</span>
            </button>
          )}
          <button type="button" className="button button-danger-ghost" onClick={() => setDeleting(true)}>
            <TrashIcon />
            <span>Delete</span>
          </button>
        </div>
      </div>
      {collection.isSmart && (
        <p className="muted collection-smart-note">
          Smart collection: it shows what its saved search finds, newest first, and new matching images appear
          here as they are made.
        </p>
      )}
      {images.length === 0 ? (
        <div className="empty-state">
          <h2>{collection.isSmart ? 'Nothing matches this search yet' : 'This collection is empty'}</h2>
          <p>
            {collection.isSmart
              ? 'Images that match appear here by themselves.'
              : 'Add images from the gallery (select them, then “Add to collection”), from an image’s page, or send new ones here from the Generate dialog.'}
          </p>
          <Link to="/gallery" className="button">
            Open the gallery
          </Link>
        </div>
      ) : (
        <>
          {editable && (
            <p className="muted collection-hint">
              Drag images to reorder them, or use the arrows (Alt+← / Alt+→ on a focused image).
            </p>
          )}
          <CollectionGrid
            images={images}
            editable={editable}
            coverId={collection.cover?.id ?? null}
            coverChosen={collection.coverChosen}
            onMove={(imageId, afterImageId) => void onMove(imageId, afterImageId)}
            onRemove={(image) => void onRemove(image)}
            onSetCover={(image) => void onSetCover(image)}
          />
          {hasNextPage && (
            <button
              type="button"
              className="button collection-more"
              aria-busy={loadingMore || undefined}
              onClick={onLoadMore}
            >
              Show more
            </button>
          )}
        </>
      )}
      {editable && (
        <ShareDialog collectionId={collection.id} open={sharing} onClose={() => setSharing(false)} />
      )}
      <DeleteCollectionDialog collection={collection} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

export const CollectionPage_AddBack = graphql(`
  mutation CollectionPage_AddBack($id: ID!, $imageIds: [ID!]!) {
    addImagesToCollection(id: $id, imageIds: $imageIds) {
      __typename
      ... on Collection {
        id
        imageCount
      }
      ... on Error {
        message
      }
    }
  }
`);

/**
 * The page stays current: each new image of the viewer's (from any tab or device) triggers one
 * refetch of the list — only the server can tell whether it matches a smart collection's search,
 * or whether a job sent it to this collection.
 */
function useLiveRefresh(refresh: () => void) {
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
}

function DeleteCollectionDialog({
  collection,
  open,
  onClose,
}: {
  collection: { id: string; name: string };
  open: boolean;
  onClose: () => void;
}) {
  const [{ fetching }, remove] = useMutation(CollectionPage_Delete);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const toast = useToast();
  const confirm = async () => {
    const result = await remove({ id: collection.id });
    const message = collectionErrorMessage(result.data?.deleteCollection, result.error);
    if (message) {
      setError(message);
      return;
    }
    onClose();
    toast.show({ message: `Deleted “${collection.name}”. Its images are still in the gallery.` });
    void navigate('/collections', { replace: true });
  };
  return (
    <Modal open={open} onClose={onClose} title="Delete this collection?" role="alertdialog">
      <p>
        “{collection.name}” will be deleted, and its share links stop working. The images stay in your
        gallery.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          aria-busy={fetching || undefined}
          onClick={() => void confirm()}
        >
          Delete collection
        </button>
      </div>
    </Modal>
  );
}
