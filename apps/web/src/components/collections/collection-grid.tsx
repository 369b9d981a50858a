import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import { imageHref } from '../../lib/links';
import { ThumbhashImage } from '../gallery/thumbhash-image';
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon } from '../ui/icons';
import { dropMove, stepMove } from './collection-order';

const DRAG_TYPE = 'application/x-atelier-collection-image';
const TILE = 200;

interface CollectionGridProps {
  images: readonly GalleryTile_ImageFragment[];
  /** Hand-made collections can be reordered and edited; smart ones only shown. */
  editable: boolean;
  coverId: string | null;
  /** Whether `coverId` was chosen, or is simply the first image. */
  coverChosen: boolean;
  onMove: (imageId: string, afterImageId: string | null) => void;
  onRemove: (image: GalleryTile_ImageFragment) => void;
  onSetCover: (image: GalleryTile_ImageFragment) => void;
}

/**
 * The collection's images in order. Drag a tile onto another to take its place; or, from the
 * keyboard, the earlier/later buttons (or Alt+←/→ on a focused tile) move it one step.
 */
export function CollectionGrid({
  images,
  editable,
  coverId,
  coverChosen,
  onMove,
  onRemove,
  onSetCover,
}: CollectionGridProps) {
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const order = images.map((image) => image.id);

  const step = (id: string, by: -1 | 1) => {
    const move = stepMove(order, id, by);
    if (move) onMove(id, move.afterId);
  };
  const drop = (event: DragEvent, target: string) => {
    event.preventDefault();
    const id = event.dataTransfer.getData(DRAG_TYPE) || dragged;
    setDragged(null);
    setOver(null);
    if (!id) return;
    const move = dropMove(order, id, target);
    if (move) onMove(id, move.afterId);
  };
  const onTileKey = (event: KeyboardEvent, id: string) => {
    if (!editable || !event.altKey) return;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault();
      step(id, -1);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      event.preventDefault();
      step(id, 1);
    }
  };

  return (
    <ol className="collection-images" aria-label="Images in this collection">
      {images.map((image, index) => (
        <li
          key={image.id}
          className={`collection-image${dragged === image.id ? ' is-dragging' : ''}${over === image.id && dragged !== image.id ? ' is-drop-target' : ''}`}
          draggable={editable}
          onDragStart={(event) => {
            event.dataTransfer.setData(DRAG_TYPE, image.id);
            event.dataTransfer.effectAllowed = 'move';
            setDragged(image.id);
          }}
          onDragEnd={() => {
            setDragged(null);
            setOver(null);
          }}
          onDragOver={(event) => {
            if (!editable || !dragged) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            setOver(image.id);
          }}
          onDrop={(event) => drop(event, image.id)}
        >
          <Link
            to={imageHref(image.id)}
            className="collection-image-link"
            aria-label={`${image.prompt} (${index + 1} of ${images.length})`}
            aria-keyshortcuts={editable ? 'Alt+ArrowLeft Alt+ArrowRight' : undefined}
            draggable={false}
            onKeyDown={(event) => onTileKey(event, image.id)}
          >
            <ThumbhashImage image={image} displaySize={TILE} fit="cover" alt={image.prompt} />
          </Link>
          {coverId === image.id && <span className="collection-cover-badge">Cover</span>}
          {editable && (
            <div className="collection-image-tools" role="group" aria-label={`Arrange image ${index + 1}`}>
              <button
                type="button"
                className="icon-button"
                aria-label="Move earlier"
                title="Move earlier (Alt+←)"
                disabled={index === 0}
                onClick={() => step(image.id, -1)}
              >
                <ChevronLeftIcon />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label="Move later"
                title="Move later (Alt+→)"
                disabled={index === images.length - 1}
                onClick={() => step(image.id, 1)}
              >
                <ChevronRightIcon />
              </button>
              {coverId !== image.id ? (
                <button type="button" className="button button-small" onClick={() => onSetCover(image)}>
                  Make cover
                </button>
              ) : (
                coverChosen && (
                  <button type="button" className="button button-small" onClick={() => onSetCover(image)}>
                    Unset cover
                  </button>
                )
              )}
              <button
                type="button"
                className="icon-button"
                aria-label="Remove from collection"
                title="Remove from collection"
                onClick={() => onRemove(image)}
              >
                <CloseIcon />
              </button>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
