import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { CollectionDropZone } from '../components/collections/collection-drop-zone';
import {
  addToCollectionBulkAction,
  SaveSearchButton,
} from '../components/collections/gallery-collection-actions';
import { BulkBar, type BulkActions, useTrashImages } from '../components/gallery/bulk-bar';
import { GalleryFilters } from '../components/gallery/gallery-filters';
import { isFiltered, useGalleryFilter } from '../components/gallery/gallery-filter';
import { GalleryGrid } from '../components/gallery/gallery-grid';
import { LayoutToggle, useGalleryLayout } from '../components/gallery/layout-toggle';
import { useGalleryImages } from '../components/gallery/use-gallery-images';
import { useSelection } from '../components/gallery/use-selection';
import { useToggleStar } from '../components/gallery/star-button';
import { ImportButton } from '../components/import/import-button';
import type { GalleryTile_ImageFragment } from '../gql/graphql';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { imageHref } from '../lib/links';

/** Bulk actions other features add to the gallery's bulk bar (e.g. "Add to collection"). */
const extraBulkActions: BulkActions | undefined = addToCollectionBulkAction;

/** The gallery: every image, searchable and filterable, with multi-select and bulk actions. */
export default function GalleryPage() {
  const { params, filter, sort, setParams, search } = useGalleryFilter();
  const gallery = useGalleryImages(filter, { sort });
  const order = useMemo(() => gallery.images.map((image) => image.id), [gallery.images]);
  const selection = useSelection(order);
  const { toggle } = useToggleStar();
  const toggleStar = useCallback((image: { id: string; starred: boolean }) => void toggle(image), [toggle]);
  const { trash } = useTrashImages();
  // Delete on a tile that is part of the selection trashes the whole selection, as in a file manager.
  const { selectedIds, clear: clearSelection } = selection;
  const trashFromTile = useCallback(
    async (image: { id: string }): Promise<boolean> => {
      const inSelection = selectedIds.has(image.id);
      const done = await trash(inSelection ? [...selectedIds] : [image.id]);
      if (done && inSelection) clearSelection();
      return done;
    },
    [selectedIds, clearSelection, trash],
  );
  const hrefFor = useCallback((image: GalleryTile_ImageFragment) => imageHref(image.id, search), [search]);
  const filtered = isFiltered(params);
  const [layout, setLayout] = useGalleryLayout();

  return (
    <div className="page gallery-page">
      <div className="page-header">
        <div className="gallery-title">
          <h1>Gallery</h1>
          <LayoutToggle layout={layout} onChange={setLayout} />
          <ImportButton />
        </div>
        <GalleryFilters params={params} onChange={setParams} />
        {filtered && filter && <SaveSearchButton filter={filter} />}
        {gallery.images.length > 0 && <CollectionDropZone selectedIds={selection.ids} />}
      </div>
      {selection.count > 0 && (
        <BulkBar
          ids={selection.ids}
          onClear={selection.clear}
          {...(selection.count < gallery.images.length && { onSelectAll: selection.selectAll })}
          extraActions={extraBulkActions}
        />
      )}
      {gallery.error ? (
        <ErrorState what="the gallery" error={gallery.error} onRetry={gallery.retry} />
      ) : gallery.loading ? (
        <LoadingState label="Loading images…" spinner className="gallery-loading" />
      ) : gallery.images.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No images match"
            action={
              <button type="button" className="button" onClick={() => setParams({})}>
                Clear filters
              </button>
            }
          >
            Try other words, a wider date range, or fewer filters.
          </EmptyState>
        ) : (
          <EmptyState
            title="Your gallery is empty"
            action={
              <Link to="/" className="button button-primary">
                Start creating
              </Link>
            }
          >
            No images yet — press <kbd>n</kbd> or go to Create to make your first.
          </EmptyState>
        )
      ) : (
        <GalleryGrid
          images={gallery.images}
          layout={layout}
          hasNextPage={gallery.hasNextPage}
          fetchingMore={gallery.fetchingMore}
          onLoadMore={gallery.loadMore}
          hrefFor={hrefFor}
          selectedIds={selection.selectedIds}
          onSelect={selection.select}
          onToggleStar={toggleStar}
          onTrash={trashFromTile}
          onSelectAll={selection.selectAll}
        />
      )}
    </div>
  );
}
