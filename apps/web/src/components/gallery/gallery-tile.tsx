import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import { useImageActions } from '../image-actions/image-actions';
import { MoreIcon } from '../ui/icons';
import { ThumbhashImage } from './thumbhash-image';

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
  focusable: boolean;
  onFocusIndex: (index: number) => void;
}

export const GalleryTile = memo(function GalleryTile({
  image,
  href,
  size,
  index,
  focusable,
  onFocusIndex,
}: GalleryTileProps) {
  const actions = useImageActions();
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
        onFocus={() => onFocusIndex(index)}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
      >
        <ThumbhashImage image={image} displaySize={size} fit="cover" alt={image.prompt} />
      </Link>
      <button
        type="button"
        className="tile-menu-button"
        tabIndex={-1}
        aria-haspopup="menu"
        aria-label={`Actions for ${image.prompt}`}
        title="Variations, Enhance, Restyle, Edit (menu key)"
        onClick={(event) => {
          const link = event.currentTarget.previousElementSibling as HTMLElement | null;
          openMenuBelow(event.currentTarget, link ?? event.currentTarget);
        }}
      >
        <MoreIcon />
      </button>
    </>
  );
});
