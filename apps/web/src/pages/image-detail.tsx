import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useDeleteImage } from '../components/gallery/delete-image-dialog';
import { useGalleryFilter } from '../components/gallery/gallery-filter';
import { ImageFacts } from '../components/gallery/image-details';
import { ImageLineage } from '../components/gallery/image-lineage';
import { ACTION_ICONS, useImageActions } from '../components/image-actions/image-actions';
import { ACTIONS, ACTION_TITLES } from '../components/image-actions/operations';
import { CompareSlider } from '../components/compare/compare-slider';
import { CompareIcon } from '../components/compare/compare-icon';
import { useHeldKey } from '../components/compare/use-held-key';
import { ImageJobs } from '../components/job/image-jobs';
import { ImageCollections } from '../components/collections/image-collections';
import { ImagePromptLibrary } from '../components/library/image-prompt-library';
import { ImageStage } from '../components/gallery/image-stage';
import { StarButton } from '../components/gallery/star-button';
import { TagEditor } from '../components/gallery/tag-editor';
import { useGalleryImages } from '../components/gallery/use-gallery-images';
import { prefillFromImage, UseAllParametersButton } from '../components/generate/use-all-parameters';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { ShareDialog } from '../components/share/share-dialog';
import {
  BrushIcon,
  ChevronLeftIcon,
  ChevronRightIcon,
  DownloadIcon,
  GridIcon,
  ShareIcon,
  TrashIcon,
} from '../components/ui/icons';
import { graphql } from '../gql';
import { isTypingTarget } from '../hooks/use-shortcuts';
import { fileDownloadHref } from '../lib/downloads';
import { imageEditHref, imageHref } from '../lib/links';
import '../components/gallery/image-detail.css';

export const ImageDetailPage_Image = graphql(`
  query ImageDetailPage_Image($id: ID!) {
    image(id: $id) {
      ...ImageDetails_Image
      ...UseAllParameters_Image
    }
  }
`);

export default function ImageDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { filter, sort, search } = useGalleryFilter();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: ImageDetailPage_Image,
    variables: { id },
  });
  const [sharing, setSharing] = useState(false);
  const [comparing, setComparing] = useState(false);
  const actions = useImageActions();
  const deleteImage = useDeleteImage();

  // ←/→ walk the same list the gallery shows (same filter, same cache entry).
  const gallery = useGalleryImages(filter, { revalidate: false, sort });
  const index = gallery.images.findIndex((image) => image.id === id);
  const newer = index > 0 ? gallery.images[index - 1] : undefined;
  const older = index >= 0 ? gallery.images[index + 1] : undefined;
  const { loadMore, hasNextPage, images } = gallery;
  useEffect(() => {
    if (index >= 0 && index >= images.length - 3 && hasNextPage) loadMore();
  }, [index, images.length, hasNextPage, loadMore]);

  const galleryHref = `/gallery${search}`;
  const go = (target: { id: string } | undefined) => {
    if (target) void navigate(imageHref(target.id, search), { replace: true });
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === 'ArrowLeft' && newer) go(newer);
      else if (event.key === 'ArrowRight' && older) go(older);
      else if (event.key === 'Escape') void navigate(galleryHref);
      else if (event.key === 'e' && !event.shiftKey) void navigate(imageEditHref(id));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const image = data?.image;
  const parent = image?.parent ?? null;
  // Holding `\` shows the parent whole, whether or not the slider is open.
  const holdingBefore = useHeldKey('\\', !!parent);

  if (!image) {
    if (error && !data) {
      return (
        <div className="page">
          <ErrorState
            what="this image"
            error={error}
            onRetry={() => reexecute({ requestPolicy: 'network-only' })}
          />
        </div>
      );
    }
    if (fetching || !data) {
      return <LoadingState label="Loading image…" spinner className="page detail-loading" />;
    }
    return (
      <EmptyState title="Image not found" level={1} className="page">
        It may have been deleted. Everything else is in the <Link to={galleryHref}>Gallery</Link>.
      </EmptyState>
    );
  }
  return (
    <div className="detail">
      <div className="detail-stage-wrap">
        {parent && (comparing || holdingBefore) ? (
          <div className="detail-stage">
            <CompareSlider
              key={image.id}
              before={{ src: parent.url, width: parent.width, height: parent.height, alt: parent.prompt }}
              after={{ src: image.url, width: image.width, height: image.height, alt: image.prompt }}
              showBefore={holdingBefore}
            />
          </div>
        ) : (
          <ImageStage key={image.id} image={image} alt={image.prompt} />
        )}
        <nav className="detail-nav" aria-label="Image navigation">
          <Link
            to={galleryHref}
            className="icon-button detail-back"
            aria-label="All images"
            title="Back to the gallery (Esc)"
          >
            <GridIcon />
          </Link>
          <button
            type="button"
            className="icon-button detail-prev"
            aria-label="Newer image"
            title="Newer image (←)"
            disabled={!newer}
            onClick={() => go(newer)}
          >
            <ChevronLeftIcon />
          </button>
          <button
            type="button"
            className="icon-button detail-next"
            aria-label="Older image"
            title="Older image (→)"
            disabled={!older}
            onClick={() => go(older)}
          >
            <ChevronRightIcon />
          </button>
        </nav>
      </div>
      <aside className="detail-panel" aria-label="Image details">
        <h1 className="detail-prompt">{image.prompt}</h1>
        <div className="detail-organize">
          <StarButton image={image} />
          <TagEditor image={image} />
        </div>
        <div className="detail-actions detail-make" role="group" aria-label="Make from this image">
          {ACTIONS.filter((action) => action !== 'EDIT').map((action) => (
            <button key={action} type="button" className="button" onClick={() => actions.open(action, image)}>
              {ACTION_ICONS[action]()}
              <span>{ACTION_TITLES[action]}</span>
            </button>
          ))}
          <Link className="button" to={imageEditHref(image.id)} title="Open in the editor (e)">
            <BrushIcon />
            <span>Edit</span>
          </Link>
          {parent && (
            <button
              type="button"
              className="button"
              aria-pressed={comparing}
              title={'Before and after, against the image this was made from (hold \\ to see it whole)'}
              onClick={() => setComparing((value) => !value)}
            >
              <CompareIcon />
              <span>Compare</span>
            </button>
          )}
        </div>
        <div className="detail-actions">
          <UseAllParametersButton source="image" prefill={prefillFromImage(image)} />
          <a className="button" href={fileDownloadHref(image.url)} download>
            <DownloadIcon />
            <span>Download original</span>
          </a>
          {image.mime !== 'image/webp' && (
            <a
              className="button"
              href={fileDownloadHref(image.url, 'webp')}
              download
              title="A light copy for the web"
            >
              <DownloadIcon />
              <span>
                WebP ({image.width}×{image.height})
              </span>
            </a>
          )}
          <button type="button" className="button" onClick={() => setSharing(true)}>
            <ShareIcon />
            <span>Share</span>
          </button>
          <button
            type="button"
            className="button button-danger-ghost"
            onClick={() => {
              const next = older ?? newer;
              deleteImage(image.id);
              void navigate(next ? imageHref(next.id, search) : galleryHref, { replace: true });
            }}
          >
            <TrashIcon />
            <span>Delete</span>
          </button>
        </div>
        <ImageJobs imageId={image.id} />
        <ImageCollections imageId={image.id} />
        <ImagePromptLibrary imageId={image.id} />
        <ImageLineage image={image} />
        <ImageFacts image={image} />
      </aside>
      <ShareDialog imageId={image.id} open={sharing} onClose={() => setSharing(false)} />
    </div>
  );
}
