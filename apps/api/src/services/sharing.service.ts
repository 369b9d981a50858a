import {
  InvalidInputError,
  NotFoundError,
  type SharedCollectionRecord,
  type SharedImageRecord,
  type ShareLinkRecord,
  SmartCollectionError,
  type Viewer,
} from '@atelier/domain';
import { randomSecret } from '../auth/secrets';
import type { CollectionRepository } from '../repositories/collection.repository';
import type { ImageEventRepository } from '../repositories/image-event.repository';
import type { ImageRepository } from '../repositories/image.repository';
import type { ShareLinkRepository } from '../repositories/share-link.repository';
import type { Storage, StoredFile } from '../repositories/storage.repository';

/**
 * Public, read-only links to one image or one hand-made collection: unguessable, optionally
 * expiring, revocable at any time.
 */
export class SharingService {
  constructor(
    private readonly deps: {
      links: ShareLinkRepository;
      images: ImageRepository;
      collections: CollectionRepository;
      storage: Storage;
      /** Share-link opens, for Insights' keep rate (recorded off the request's path). */
      imageEvents?: ImageEventRepository;
      /** The base of file URLs when not this server's `/files` (ATELIER_PUBLIC_FILES_URL). */
      publicFilesUrl?: string | null;
    },
  ) {}

  async create(
    viewer: Viewer,
    input: {
      imageId: string | null;
      collectionId: string | null;
      expiresAt: Date | null;
      hideParams: boolean;
    },
  ): Promise<ShareLinkRecord> {
    const target = await this.target(viewer, input);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new InvalidInputError([
        { path: ['input', 'expiresAt'], message: 'the expiry must be in the future' },
      ]);
    }
    return this.deps.links.create({
      ownerId: viewer.id,
      // 128 bits: a link cannot be guessed.
      token: randomSecret(16),
      ...target,
      hideParams: input.hideParams,
      expiresAt: input.expiresAt,
    });
  }

  /** What a new link points at: exactly one of the viewer's images or hand-made collections. */
  private async target(
    viewer: Viewer,
    input: { imageId: string | null; collectionId: string | null },
  ): Promise<{ imageId: string | null; collectionId: string | null }> {
    if ((input.imageId === null) === (input.collectionId === null)) {
      throw new InvalidInputError([
        { path: ['input', 'imageId'], message: 'give exactly one of imageId or collectionId' },
      ]);
    }
    if (input.imageId !== null) {
      const [image] = await this.deps.images.findManyForOwner(viewer.id, [input.imageId]);
      if (!image) {
        throw new InvalidInputError([{ path: ['input', 'imageId'], message: 'no such image' }], 'NOT_FOUND');
      }
      return { imageId: image.id, collectionId: null };
    }
    const [collection] = await this.deps.collections.findManyForOwner(viewer.id, [input.collectionId!]);
    if (!collection) {
      throw new InvalidInputError(
        [{ path: ['input', 'collectionId'], message: 'no such collection' }],
        'NOT_FOUND',
      );
    }
    // A smart collection's images change with its search; a link shares a set the owner chose.
    if (collection.filter !== null) throw new SmartCollectionError();
    return { imageId: null, collectionId: collection.id };
  }

  async linksOfCollections(viewer: Viewer, collectionIds: readonly string[]): Promise<ShareLinkRecord[][]> {
    const links = await this.deps.links.listForCollections(viewer.id, collectionIds);
    return collectionIds.map((id) => links.filter((link) => link.collectionId === id));
  }

  async revoke(viewer: Viewer, id: string): Promise<ShareLinkRecord> {
    const link = await this.deps.links.revoke(viewer.id, id);
    if (!link) throw new NotFoundError('Share link');
    return link;
  }

  async linksOf(viewer: Viewer, imageIds: readonly string[]): Promise<ShareLinkRecord[][]> {
    const links = await this.deps.links.listForImages(viewer.id, imageIds);
    return imageIds.map((id) => links.filter((link) => link.imageId === id));
  }

  async open(token: string): Promise<SharedImageRecord | null> {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
    const link = await this.deps.links.findValid(token);
    if (!link?.imageId) return null;
    const [image] = await this.deps.images.findManyForOwner(link.ownerId, [link.imageId]);
    if (image) this.deps.imageEvents?.record([image.id], 'SHARE_OPEN');
    return image ? { link, image } : null;
  }

  async openCollection(token: string): Promise<SharedCollectionRecord | null> {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
    const link = await this.deps.links.findValid(token);
    if (!link?.collectionId) return null;
    const [collection] = await this.deps.collections.findManyForOwner(link.ownerId, [link.collectionId]);
    return collection ? { link, collection } : null;
  }

  /**
   * Where a shared file is fetched: /files checks the link on every request; a public base in front
   * (ATELIER_PUBLIC_FILES_URL) either passes the request on to /files, or is a CDN over the bucket
   * serving `<base>/<key>` to anyone (and ignoring `share`).
   */
  fileUrl(token: string, key: string): string {
    return `${this.deps.publicFilesUrl ?? '/files'}/${key}?share=${encodeURIComponent(token)}`;
  }

  /**
   * Whether a valid link shares an image that uses the file at `key`, and until when (null: no
   * expiry); null when it does not (unknown, expired or revoked link, or another file).
   */
  async fileAccess(token: string, key: string): Promise<{ until: Date | null } | null> {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
    if (!(await this.deps.links.sharesBlob(token, key))) return null;
    const link = await this.deps.links.findValid(token);
    return link ? { until: link.expiresAt } : null;
  }

  /** A stored file, when a valid link shares an image that uses it; otherwise null, as if it did not exist. */
  async openFile(token: string, key: string): Promise<StoredFile | null> {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
    if (!(await this.deps.links.sharesBlob(token, key))) return null;
    return this.deps.storage.open(key);
  }
}
