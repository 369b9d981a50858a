import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import { imageEditHref } from '../../lib/links';
import { useImageActions } from '../image-actions/image-actions';
import { MoreIcon } from '../ui/icons';
import { StarIcon } from './star-button';
import { ThumbhashImage } from './thumbhash-image';
import './gallery.css';

/** How a click picks: Ctrl/⌘ flips one image, Shift extends from the last one picked. */
export type SelectMode = 'toggle' | 'range';

export const GalleryTile_Image = graphql(`
  fragment GalleryTile_Image on Image {
    id
    url
    prompt
    width
    height
    thumbhash
    provider
    createdAt
    starred
    thumbnails {
      size
      url
      width
      height
    }
  }
`);

interface GalleryTileProps {
  image: GalleryTile_ImageFragment;
  href: string;
  /** Pixel size of the square tile, to pick the smallest thumbnail that stays sharp. */
  size: number;
  index: number;
  /** In the first row: its thumbnail loads first (the page's largest paint). */
  priority?: boolean;
  focusable: boolean;
  onFocusIndex: (index: number) => void;
  /** Present when the list supports picking several images (the gallery does). */
  selected?: boolean;
  onSelect?: (id: string, mode: SelectMode) => void;
  /** Present where tiles can be starred (Space or `s`, or the star button). */
  onToggleStar?: (image: { id: string; starred: boolean }) => void;
  /** Present where tiles can be trashed with Delete. */
  onTrash?: (image: { id: string }, index: number) => void;
}

export const GalleryTile = memo(function GalleryTile({
  image,
  href,
  size,
  index,
  priority = false,
  focusable,
  onFocusIndex,
  selected = false,
  onSelect,
  onToggleStar,
  onTrash,
}: GalleryTileProps) {
  const actions = useImageActions();
  const navigate = useNavigate();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!onSelect || !(event.shiftKey || event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    onSelect(image.id, event.shiftKey ? 'range' : 'toggle');
  };
  const openMenuBelow = (target: HTMLElement, returnFocus: HTMLElement) => {
    const rect = target.getBoundingClientRect();
    actions.openMenu(image, { x: rect.left, y: rect.bottom + 4 }, returnFocus);
  };
  const onContextMenu = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    actions.openMenu(image, { x: event.clientX, y: event.clientY }, event.currentTarget);
  };
  // The menu key or Shift+F10 on a focused tile, as in a desktop file browser.
  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>) => {
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      openMenuBelow(event.currentTarget, event.currentTarget);
    } else if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    } else if ((event.key === 's' || event.key === ' ') && onToggleStar) {
      event.preventDefault();
      onToggleStar(image);
    } else if (event.key === 'Delete' && onTrash) {
      event.preventDefault();
      onTrash(image, index);
    } else if (event.key === 'x' && onSelect) {
      event.preventDefault();
      onSelect(image.id, event.shiftKey ? 'range' : 'toggle');
    } else if (event.key === 'e' && !event.shiftKey) {
      event.preventDefault();
      void navigate(imageEditHref(image.id));
    }
  };
  return (
    <>
      <Link
        to={href}
        className="gallery-tile"
        tabIndex={focusable ? 0 : -1}
        aria-label={image.prompt}
        data-image-id={image.id}
        data-selected={selected || undefined}
        onClick={onClick}
        onFocus={() => onFocusIndex(index)}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
      >
        <ThumbhashImage image={image} displaySize={size} fit="cover" alt={image.prompt} priority={priority} />
      </Link>
      <button
        type="button"
        className="tile-menu-button"
        tabIndex={-1}
        aria-haspopup="menu"
        aria-label={`Actions for ${image.prompt}`}
        title="Variations, Enhance, Restyle, Edit (menu key; e edits)"
        onClick={(event) => {
          const link = event.currentTarget.previousElementSibling as HTMLElement | null;
          openMenuBelow(event.currentTarget, link ?? event.currentTarget);
        }}
      >
        <MoreIcon />
      </button>
      {onToggleStar && (
        <button
          type="button"
          className="tile-star-button"
          tabIndex={-1}
          aria-pressed={image.starred}
          aria-label={image.starred ? `Unstar ${image.prompt}` : `Star ${image.prompt}`}
          title={image.starred ? 'Unstar (s)' : 'Star (s)'}
          onClick={() => onToggleStar(image)}
        >
          <StarIcon filled={image.starred} />
        </button>
      )}
      {onSelect && (
        <input
          type="checkbox"
          className="tile-select"
          tabIndex={-1}
          checked={selected}
          aria-label={`Select ${image.prompt}`}
          title="Select (x; Shift for a range)"
          onChange={() => undefined}
          onClick={(event) => onSelect(image.id, event.shiftKey ? 'range' : 'toggle')}
        />
      )}
    </>
  );
});
