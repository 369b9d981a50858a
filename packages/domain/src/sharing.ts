import type { CollectionRecord } from './collections';
import type { ImageRecord } from './images';

export interface ShareLinkRecord {
  id: string;
  token: string;
  /** What it shares: one image, or one collection. */
  imageId: string | null;
  collectionId: string | null;
  hideParams: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What a share link shows: the image, without its prompt and parameters when the owner hid them. */
export interface SharedImageRecord {
  link: ShareLinkRecord;
  image: ImageRecord;
  /** Its place in a shared collection's page. */
  cursor?: string;
}

/** What a collection share link shows. */
export interface SharedCollectionRecord {
  link: ShareLinkRecord;
  collection: CollectionRecord;
}
