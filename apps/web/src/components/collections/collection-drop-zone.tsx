import { useState, type DragEvent } from 'react';
import { AddToCollectionDialog } from './add-to-collection-dialog';
import { CollectionIcon } from './collection-icon';
import './collections.css';

/**
 * The image a dragged gallery tile stands for. A tile is a link to the image's page, so the browser
 * carries its URL (`…/images/<id>`); nothing else is accepted.
 */
export function draggedImageId(data: Pick<DataTransfer, 'getData'>): string | null {
  const text = data.getData('text/uri-list') || data.getData('text/plain');
  const line = text.split(/\r?\n/).find((entry) => entry && !entry.startsWith('#')) ?? '';
  const match = /\/images\/([^/?#\s]+)/.exec(line);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** Dropping one tile of a selection adds the whole selection, as in a file manager. */
export function imagesForDrop(dropped: string, selected: readonly string[]): string[] {
  return selected.includes(dropped) ? [...selected] : [dropped];
}

/** A drop target in the gallery: drag images onto it to put them into a collection. */
export function CollectionDropZone({ selectedIds }: { selectedIds: readonly string[] }) {
  const [over, setOver] = useState(false);
  const [imageIds, setImageIds] = useState<string[] | null>(null);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const id = draggedImageId(event.dataTransfer);
    if (id) setImageIds(imagesForDrop(id, selectedIds));
  };

  return (
    <>
      <div
        className={`collection-drop-zone${over ? ' is-over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <CollectionIcon />
        {/* Keyboard and screen-reader users add through the bulk bar or an image's page. */}
        <span>Drop images here to add them to a collection</span>
      </div>
      <AddToCollectionDialog
        imageIds={imageIds ?? []}
        open={imageIds !== null}
        onClose={() => setImageIds(null)}
      />
    </>
  );
}
