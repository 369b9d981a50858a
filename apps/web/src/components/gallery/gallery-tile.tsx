import { memo } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
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
  return (
    <Link
      to={href}
      className="gallery-tile"
      tabIndex={focusable ? 0 : -1}
      aria-label={image.prompt}
      data-image-id={image.id}
      onFocus={() => onFocusIndex(index)}
    >
      <ThumbhashImage image={image} displaySize={size} fit="cover" alt={image.prompt} />
    </Link>
  );
});
