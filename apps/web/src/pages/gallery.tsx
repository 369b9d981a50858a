import { useCallback } from 'react';
import { Link } from 'react-router';
import { GalleryFilters } from '../components/gallery/gallery-filters';
import { useGalleryFilter } from '../components/gallery/gallery-filter';
import { GalleryGrid } from '../components/gallery/gallery-grid';
import { useGalleryImages } from '../components/gallery/use-gallery-images';
import type { GalleryTile_ImageFragment } from '../gql/graphql';
import { ErrorState } from '../components/ui/error-state';
import { imageHref } from '../lib/links';

export default function GalleryPage() {
  const { params, filter, setParams, search } = useGalleryFilter();
  const gallery = useGalleryImages(filter);
  const hrefFor = useCallback((image: GalleryTile_ImageFragment) => imageHref(image.id, search), [search]);
  const filtered = !!filter;

  return (
    <div className="page gallery-page">
      <div className="page-header">
        <h1>Gallery</h1>
        <GalleryFilters params={params} onChange={setParams} />
      </div>
      {gallery.error ? (
        <ErrorState what="the gallery" error={gallery.error} onRetry={gallery.retry} />
      ) : gallery.loading ? (
        <div className="gallery-loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading images…
        </div>
      ) : gallery.images.length === 0 ? (
        filtered ? (
          <div className="empty-state">
            <h2>No images match these filters</h2>
            <p>Try a wider date range or another provider.</p>
            <button type="button" className="button" onClick={() => setParams({})}>
              Clear filters
            </button>
          </div>
        ) : (
          <div className="empty-state">
            <h2>Your gallery is empty</h2>
            <p>
              No images yet — press <kbd>n</kbd> or go to Create to make your first.
            </p>
            <Link to="/" className="button button-primary">
              Start creating
            </Link>
          </div>
        )
      ) : (
        <GalleryGrid
          images={gallery.images}
          hasNextPage={gallery.hasNextPage}
          fetchingMore={gallery.fetchingMore}
          onLoadMore={gallery.loadMore}
          hrefFor={hrefFor}
        />
      )}
    </div>
  );
}
