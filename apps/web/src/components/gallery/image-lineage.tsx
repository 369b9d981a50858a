import { useId } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { ImageLineage_RelativeFragment, ImageOperation } from '../../gql/graphql';
import { imageHref } from '../../lib/links';
import { ThumbhashImage } from './thumbhash-image';
import './image-detail.css';

/** A parent or child as the lineage section shows it: a tile, and how it was made. */
export const ImageLineage_Relative = graphql(`
  fragment ImageLineage_Relative on Image {
    ...GalleryTile_Image
    operation
    params
    parent {
      id
    }
  }
`);

const THUMB = 88;

interface LineageImage {
  width: number;
  operation: ImageOperation;
  params: unknown;
}

/** The upscale factor: from the parameters when recorded, otherwise from the sizes. */
export function enhanceScale(
  made: LineageImage,
  source: { width: number } | null | undefined,
): number | null {
  const params = made.params as { scale?: unknown } | null | undefined;
  if (typeof params?.scale === 'number' && params.scale > 1) return params.scale;
  if (source && source.width > 0 && made.width > source.width) return Math.round(made.width / source.width);
  return null;
}

/** "Enhanced ×2", "Variation", … : what an image is, relative to the one it was made from. */
export function operationLabel(made: LineageImage, source?: { width: number } | null): string {
  switch (made.operation) {
    case 'VARIATION':
      return 'Variation';
    case 'ENHANCE': {
      const scale = enhanceScale(made, source);
      return scale ? `Enhanced ×${scale}` : 'Enhanced';
    }
    case 'RESTYLE':
      return 'Restyled';
    case 'EDIT':
      return 'Edited';
    case 'GENERATE':
      return 'Generated';
    case 'IMPORT':
      return 'Imported';
    case 'ADJUST':
      return 'Adjusted';
    case 'OUTPAINT':
      return 'Expanded';
  }
}

/** "Enhanced ×2 from", "Variation of": the words before the parent's prompt. */
export function madeFromText(made: LineageImage, source: { width: number } | null | undefined): string {
  return made.operation === 'VARIATION' ? 'Variation of' : `${operationLabel(made, source)} from`;
}

interface ImageLineageProps {
  image: LineageImage & {
    parent?: ImageLineage_RelativeFragment | null;
    children: readonly ImageLineage_RelativeFragment[];
  };
}

/** "Made from" (the parent) and "Made from this" (the children, newest first). */
export function ImageLineage({ image }: ImageLineageProps) {
  const parentId = useId();
  const childrenId = useId();
  const { parent, children } = image;
  return (
    <div className="lineage">
      {parent && (
        <section aria-labelledby={parentId}>
          <h2 id={parentId} className="lineage-heading">
            Made from
          </h2>
          <div className="lineage-parent">
            <Link to={imageHref(parent.id)} className="lineage-thumb" aria-label={parent.prompt}>
              <ThumbhashImage image={parent} displaySize={THUMB} fit="cover" alt="" />
            </Link>
            <p className="lineage-parent-text">
              <span className="muted">{madeFromText(image, parent)}</span>{' '}
              <span className="lineage-prompt">{parent.prompt}</span>
            </p>
          </div>
        </section>
      )}
      <section aria-labelledby={childrenId}>
        <h2 id={childrenId} className="lineage-heading">
          Made from this
        </h2>
        {children.length === 0 ? (
          <p className="muted lineage-empty">
            Nothing yet. Variations, Enhance, Restyle and Edit make new images from this one.
          </p>
        ) : (
          <ul className="lineage-children">
            {children.map((child) => (
              <li key={child.id}>
                <Link to={imageHref(child.id)} className="lineage-thumb" aria-label={child.prompt}>
                  <ThumbhashImage image={child} displaySize={THUMB} fit="cover" alt="" />
                </Link>
                <span className="lineage-caption">{operationLabel(child, image as { width: number })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
