import type { ImageFilter, ImageRecord, Viewer } from '@atelier/schema/context';
import { NotFoundError } from '@atelier/schema/errors';
import type { ImageRepository } from '../repositories/image.repository';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { Storage, StoredFile } from '../repositories/storage.repository';

export interface ImageDeps {
  images: ImageRepository;
  storage: Storage;
  /** Prefix for file URLs: `/files` by default, or a CDN in front of it. */
  filesBaseUrl: string;
}

export class ImageService {
  constructor(private readonly deps: ImageDeps) {}

  async loadMany(viewer: Viewer, ids: readonly string[]): Promise<(ImageRecord | null)[]> {
    const found = new Map(
      (await this.deps.images.findManyForOwner(viewer.id, ids)).map((image) => [image.id, image]),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  list(viewer: Viewer, filter: ImageFilter, page: KeysetPage): Promise<ImageRecord[]> {
    return this.deps.images.listForOwner(viewer.id, filter, page);
  }

  childrenOf(viewer: Viewer, imageIds: readonly string[]): Promise<ImageRecord[][]> {
    return this.deps.images.childrenOf(viewer.id, imageIds);
  }

  cursorOf(image: ImageRecord): string {
    return encodeCursor(image);
  }

  /** Deletes the image, then any file no other image still uses (files are shared by content). */
  async delete(viewer: Viewer, id: string): Promise<void> {
    const keys = await this.deps.images.deleteForOwner(viewer.id, id);
    if (!keys) throw new NotFoundError('Image');
    const orphans = await this.deps.images.unreferencedBlobs(keys);
    await Promise.all(orphans.map((key) => this.deps.storage.delete(key)));
  }

  fileUrl(blobKey: string): string {
    return `${this.deps.filesBaseUrl}/${blobKey}`;
  }

  /** A file, only when one of the viewer's images uses it; otherwise null, as if it did not exist. */
  async openFile(viewer: Viewer, key: string): Promise<StoredFile | null> {
    if (!(await this.deps.images.ownerHasBlob(viewer.id, key))) return null;
    return this.deps.storage.open(key);
  }
}
