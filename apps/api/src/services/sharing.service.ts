import type { ShareLinkRecord, SharedImageRecord, Viewer } from '@atelier/schema/context';
import { InvalidInputError, NotFoundError } from '@atelier/schema/errors';
import { randomSecret } from '../auth/secrets';
import type { ImageRepository } from '../repositories/image.repository';
import type { ShareLinkRepository } from '../repositories/share-link.repository';
import type { Storage, StoredFile } from '../repositories/storage.repository';

/** Public, read-only links to one image: unguessable, optionally expiring, revocable at any time. */
export class SharingService {
  constructor(
    private readonly deps: { links: ShareLinkRepository; images: ImageRepository; storage: Storage },
  ) {}

  async create(
    viewer: Viewer,
    input: { imageId: string; expiresAt: Date | null; hideParams: boolean },
  ): Promise<ShareLinkRecord> {
    const [image] = await this.deps.images.findManyForOwner(viewer.id, [input.imageId]);
    if (!image) {
      throw new InvalidInputError([{ path: ['input', 'imageId'], message: 'no such image' }], 'NOT_FOUND');
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new InvalidInputError([
        { path: ['input', 'expiresAt'], message: 'the expiry must be in the future' },
      ]);
    }
    return this.deps.links.create({
      ownerId: viewer.id,
      // 128 bits: a link cannot be guessed.
      token: randomSecret(16),
      imageId: image.id,
      hideParams: input.hideParams,
      expiresAt: input.expiresAt,
    });
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
    if (!link) return null;
    const [image] = await this.deps.images.findManyForOwner(link.ownerId, [link.imageId]);
    return image ? { link, image } : null;
  }

  /** A stored file, when a valid link shares an image that uses it; otherwise null, as if it did not exist. */
  async openFile(token: string, key: string): Promise<StoredFile | null> {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
    if (!(await this.deps.links.sharesBlob(token, key))) return null;
    return this.deps.storage.open(key);
  }
}
