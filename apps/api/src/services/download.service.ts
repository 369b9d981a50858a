import { type ImageRecord, InvalidInputError, type Viewer } from '@atelier/domain';
import type { CollectionRepository } from '../repositories/collection.repository';
import type { DownloadRepository } from '../repositories/download.repository';
import type { ImageEventRepository } from '../repositories/image-event.repository';
import type { ImageRepository } from '../repositories/image.repository';
import type { MediaRepository } from '../repositories/media.repository';
import type { ShareLinkRepository } from '../repositories/share-link.repository';
import type { FilesDelivery } from '../repositories/storage-factory';
import type { Storage, StoredFile } from '../repositories/storage.repository';
import type { CollectionService } from './collection.service';
import { dayOf, downloadName, slugOf, UniqueNames } from './download-names';

/** The most images one zip holds: each zip is made in one request. */
export const MAX_ZIP_IMAGES = 1000;
/** Fewer for a selection: its ids travel in the URL, which servers and proxies keep under 16 kB. */
export const MAX_SELECTION_IMAGES = 200;

export interface ZipEntry {
  name: string;
  open(): Promise<StoredFile | null>;
}

/** A zip to stream: the files in order and a manifest of what made each one. */
export interface ZipPlan {
  name: string;
  entries: ZipEntry[];
  manifest: Buffer;
}

export interface DownloadDeps {
  downloads: DownloadRepository;
  images: ImageRepository;
  links: ShareLinkRepository;
  storage: Storage;
  media: MediaRepository;
  collections: CollectionRepository;
  collectionService: CollectionService;
  /** Owners' downloads, for Insights' keep rate (recorded off the request's path). */
  imageEvents?: ImageEventRepository;
  /** Streamed through this server, or a redirect to a presigned URL of the storage. */
  filesDelivery?: FilesDelivery;
}

/**
 * Downloads: files named after their prompt, date and seed; a full-size WebP copy; zips of a
 * selection, a collection or a batch. Callers check access to single files; zips check it here.
 */
export class DownloadService {
  constructor(private readonly deps: DownloadDeps) {}

  /** The name of a file of the viewer's (already checked to be theirs). */
  async ownedFileName(viewer: Viewer, key: string, mime: string): Promise<string> {
    const id = await this.deps.downloads.imageUsingFile(viewer.id, key, {
      liveOnly: false,
      collectionId: null,
    });
    const [image] = id ? await this.deps.images.findAnyForOwner(viewer.id, [id]) : [];
    if (image) this.deps.imageEvents?.record([image.id], 'DOWNLOAD');
    return downloadName(image ?? fallbackSource(mime), { mime });
  }

  /** The name of a file a share link shows (already checked to be shared); no prompt when it hides parameters. */
  async sharedFileName(token: string, key: string, mime: string): Promise<string> {
    const link = await this.deps.links.findValid(token);
    // A link to one image names that image, never another of the owner's with the same bytes.
    const id = !link
      ? null
      : (link.imageId ??
        (await this.deps.downloads.imageUsingFile(link.ownerId, key, {
          liveOnly: true,
          collectionId: link.collectionId,
        })));
    const [image] = link && id ? await this.deps.images.findManyForOwner(link.ownerId, [id]) : [];
    return downloadName(image ?? fallbackSource(mime), { mime, hidePrompt: link?.hideParams ?? true });
  }

  /**
   * A full-size WebP copy of a stored file (already checked), made on first request and kept in
   * storage beside it: most people never ask, and the source never changes.
   */
  /** Whether /files answers with redirects to presigned URLs rather than streaming. */
  deliversPresigned(): boolean {
    return this.deps.filesDelivery?.mode === 'presigned';
  }

  /**
   * A presigned URL of the file at `key` (access already checked) living at most `maxSeconds` (the
   * access it stands for may end sooner than the configured lifetime); null when files are streamed.
   */
  async presignedUrl(
    key: string,
    options: { maxSeconds?: number; contentDisposition?: string } = {},
  ): Promise<string | null> {
    const delivery = this.deps.filesDelivery;
    if (delivery?.mode !== 'presigned') return null;
    const expiresInSeconds = Math.min(delivery.seconds, options.maxSeconds ?? Infinity);
    if (expiresInSeconds < 1) return null;
    return this.deps.storage.presignedGet(key, {
      expiresInSeconds,
      ...(options.contentDisposition && { contentDisposition: options.contentDisposition }),
    });
  }

  async webpOf(key: string, original: StoredFile): Promise<StoredFile | null> {
    if (original.mime === 'image/webp') return original;
    original.stream.destroy();
    const kept = await this.deps.storage.openRendition(key, 'webp');
    if (kept) return kept;
    const bytes = await this.deps.storage.read(key);
    if (!bytes) return null;
    await this.deps.storage.putRendition(key, 'webp', await this.deps.media.fullSizeWebp(bytes));
    return this.deps.storage.openRendition(key, 'webp');
  }

  /** The viewer's images among `ids`, in that order; others' and missing ones are left out alike. */
  async zipOfImages(viewer: Viewer, ids: readonly string[]): Promise<ZipPlan | null> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) {
      throw new InvalidInputError([{ path: ['ids'], message: 'choose at least one image' }]);
    }
    if (unique.length > MAX_SELECTION_IMAGES) throw tooMany('ids', MAX_SELECTION_IMAGES);
    const found = new Map(
      (await this.deps.images.findManyForOwner(viewer.id, unique)).map((image) => [image.id, image]),
    );
    const images = unique.flatMap((id) => found.get(id) ?? []);
    this.deps.imageEvents?.record(
      images.map((image) => image.id),
      'DOWNLOAD',
    );
    return this.plan(images, `atelier_${dayOf(new Date())}_${images.length}-images`, false);
  }

  async zipOfCollection(viewer: Viewer, collectionId: string): Promise<ZipPlan | null> {
    const [collection] = await this.deps.collectionService.loadMany(viewer, [collectionId]);
    if (!collection) return null;
    const images = await this.deps.collectionService.images(viewer.id, collection, {
      limit: MAX_ZIP_IMAGES + 1,
      inverted: false,
    });
    if (images.length > MAX_ZIP_IMAGES) throw tooMany('collectionId');
    this.deps.imageEvents?.record(
      images.map((image) => image.id),
      'DOWNLOAD',
    );
    return this.plan(images, `${slugOf(collection.name)}_${dayOf(new Date())}`, false, true);
  }

  async zipOfBatch(viewer: Viewer, batchId: string): Promise<ZipPlan | null> {
    const ids = await this.deps.downloads.batchImageIds(viewer.id, batchId, MAX_ZIP_IMAGES + 1);
    if (ids.length > MAX_ZIP_IMAGES) throw tooMany('batchId');
    const found = new Map(
      (await this.deps.images.findManyForOwner(viewer.id, ids)).map((image) => [image.id, image]),
    );
    const images = ids.flatMap((id) => found.get(id) ?? []);
    this.deps.imageEvents?.record(
      images.map((image) => image.id),
      'DOWNLOAD',
    );
    return this.plan(images, `batch_${dayOf(images[0]?.createdAt ?? new Date())}`, false);
  }

  /** The images a valid collection link shares; names and manifest hide the prompt when the link hides parameters. */
  async zipOfSharedCollection(token: string): Promise<ZipPlan | null> {
    if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
    const link = await this.deps.links.findValid(token);
    if (!link?.collectionId) return null;
    const [collection] = await this.deps.collections.findManyForOwner(link.ownerId, [link.collectionId]);
    if (!collection || collection.filter !== null) return null;
    const images = await this.deps.collectionService.images(link.ownerId, collection, {
      limit: MAX_ZIP_IMAGES + 1,
      inverted: false,
    });
    if (images.length > MAX_ZIP_IMAGES) throw tooMany('token');
    return this.plan(images, `${slugOf(collection.name)}_${dayOf(new Date())}`, link.hideParams, true);
  }

  private plan(images: ImageRecord[], name: string, hideParams: boolean, allowEmpty = false): ZipPlan | null {
    if (images.length === 0 && !allowEmpty) return null;
    const names = new UniqueNames();
    const rows = images.map((image) => ({
      image,
      file: names.claim(downloadName(image, { hidePrompt: hideParams })),
    }));
    const manifest = {
      images: rows.map(({ image, file }) =>
        hideParams
          ? { file, width: image.width, height: image.height, createdAt: image.createdAt.toISOString() }
          : {
              file,
              id: image.id,
              prompt: image.prompt,
              negativePrompt: image.negativePrompt,
              style: image.style,
              seed: image.seed,
              provider: image.provider,
              model: image.model,
              operation: image.operation,
              width: image.width,
              height: image.height,
              params: image.params,
              tags: image.tags,
              createdAt: image.createdAt.toISOString(),
            },
      ),
    };
    return {
      name: `${name}.zip`,
      manifest: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
      entries: rows.map(({ image, file }) => ({
        name: file,
        open: () => this.deps.storage.open(image.blobKey),
      })),
    };
  }
}

function tooMany(field: string, max = MAX_ZIP_IMAGES): InvalidInputError {
  return new InvalidInputError([{ path: [field], message: `a zip holds at most ${max} images` }]);
}

function fallbackSource(mime: string) {
  return { prompt: '', createdAt: new Date(), seed: null, mime };
}
