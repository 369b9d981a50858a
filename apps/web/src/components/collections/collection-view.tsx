import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import { ShareDialog } from '../share/share-dialog';
import { collectionZipHref } from '../../lib/downloads';
import { ChevronLeftIcon, DownloadIcon, ShareIcon, TrashIcon } from '../ui/icons';
import { useToast } from '../ui/toast';
import { EmptyState } from '../ui/view-state';
import { collectionCountLabel } from './collection-card';
import { collectionErrorMessage } from './collection-errors';
import { CollectionGrid } from './collection-grid';
import { CollectionTitle } from './collection-title';
import { DeleteCollectionDialog } from './delete-collection-dialog';
import './collections.css';

export const CollectionView_Move = graphql(`
  mutation CollectionView_Move($id: ID!, $imageId: ID!, $afterImageId: ID) {
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

export const CollectionView_Remove = graphql(`
  mutation CollectionView_Remove($id: ID!, $imageIds: [ID!]!) {
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

export const CollectionView_SetCover = graphql(`
  mutation CollectionView_SetCover($input: UpdateCollectionInput!) {
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

export const CollectionView_AddBack = graphql(`
  mutation CollectionView_AddBack($id: ID!, $imageIds: [ID!]!) {
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

/** A collection's page once loaded: its name, its images in order, and what can be done with them. */
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
}

export function CollectionView({
  collection,
  images,
  hasNextPage,
  loadingMore,
  onLoadMore,
}: CollectionViewProps) {
  const [, move] = useMutation(CollectionView_Move);
  const [, remove] = useMutation(CollectionView_Remove);
  const [, setCover] = useMutation(CollectionView_SetCover);
  const [sharing, setSharing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const toast = useToast();
  const editable = !collection.isSmart;

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
  const [, addImages] = useMutation(CollectionView_AddBack);
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
          {collection.imageCount !== 0 && (
            <a className="button" href={collectionZipHref(collection.id)} download>
              <DownloadIcon />
              <span>Download zip</span>
            </a>
          )}
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
        <EmptyState
          title={collection.isSmart ? 'Nothing matches this search yet' : 'This collection is empty'}
          action={
            <Link to="/gallery" className="button">
              Open the gallery
            </Link>
          }
        >
          {collection.isSmart
            ? 'Images that match appear here by themselves.'
            : 'Add images from the gallery (select them, then “Add to collection”), from an image’s page, or send new ones here from the Generate dialog.'}
        </EmptyState>
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
