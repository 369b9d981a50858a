import type { ImageFilter, ImageRecord } from './images';

/** A collection: hand-made (ordered images) or smart (a saved search, `filter` set). */
export interface CollectionRecord {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  coverImageId: string | null;
  /** The saved `images` filter of a smart collection; null for a hand-made one. */
  filter: ImageFilter | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An image in a collection's order: hand-made collections page by position, smart ones by time. */
export interface CollectionImageRecord extends ImageRecord {
  position: number | null;
}

export interface CollectionChanges {
  name?: string;
  description?: string;
  filter?: ImageFilter;
  /** null clears the explicit cover (the first image is shown). */
  coverImageId?: string | null;
}
