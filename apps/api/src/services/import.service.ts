import { randomUUID } from 'node:crypto';
import { type ImageRecord, InvalidInputError, type Upload, type Viewer } from '@atelier/domain';
import type { Database } from '../db/database';
import type { ImageRepository } from '../repositories/image.repository';
import { MAX_IMPORT_BYTES, MediaError, type MediaRepository } from '../repositories/media.repository';
import type { Storage } from '../repositories/storage.repository';
import { UrlFetchError, type UrlFetchRepository } from '../repositories/url-fetch.repository';

export interface ImportDeps {
  db: Database;
  images: ImageRepository;
  storage: Storage;
  media: MediaRepository;
  urlFetch: UrlFetchRepository;
}

/** Images people bring in themselves: uploads and public URLs, both treated as untrusted bytes. */
export class ImportService {
  constructor(private readonly deps: ImportDeps) {}

  async importImage(viewer: Viewer, file: Upload): Promise<ImageRecord> {
    if (file.size > MAX_IMPORT_BYTES) {
      throw new InvalidInputError([{ path: ['file'], message: 'the file must be at most 20 MB' }]);
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    return this.store(viewer, bytes, 'file', { source: 'upload', fileName: cleanName(file.name) });
  }

  async importImageFromUrl(viewer: Viewer, url: string): Promise<ImageRecord> {
    let bytes: Buffer;
    let finalUrl: string;
    try {
      ({ bytes, finalUrl } = await this.deps.urlFetch.fetch(url, {
        maxBytes: MAX_IMPORT_BYTES,
        timeoutMs: 15_000,
      }));
    } catch (error) {
      if (error instanceof UrlFetchError) {
        throw new InvalidInputError([{ path: ['url'], message: error.message }]);
      }
      throw error;
    }
    return this.store(viewer, bytes, 'url', { source: 'url', url: finalUrl });
  }

  private async store(
    viewer: Viewer,
    untrusted: Buffer,
    field: string,
    params: Record<string, unknown>,
  ): Promise<ImageRecord> {
    const { storage, media, images, db } = this.deps;
    let safe: { bytes: Buffer; mime: 'image/png' | 'image/jpeg' | 'image/webp' };
    try {
      safe = await media.reencode(untrusted);
    } catch (error) {
      if (error instanceof MediaError) {
        throw new InvalidInputError([{ path: [field], message: error.message }]);
      }
      throw error;
    }
    const processed = await media.process(safe.bytes);
    const written: string[] = [];
    try {
      const [blobKey, ...thumbnailKeys] = await Promise.all([
        storage.put(safe.bytes, safe.mime),
        ...processed.thumbnails.map((rendition) => storage.put(rendition.bytes, 'image/webp')),
      ]);
      written.push(blobKey, ...thumbnailKeys);
      const id = randomUUID();
      await db.transaction().execute((trx) =>
        images.insertMany(trx, [
          {
            image: {
              id,
              ownerId: viewer.id,
              blobKey: blobKey,
              width: processed.width,
              height: processed.height,
              mime: processed.mime,
              bytes: safe.bytes.length,
              thumbhash: processed.thumbhash,
              prompt: typeof params.fileName === 'string' ? params.fileName : 'Imported image',
              provider: 'import',
              model: 'import',
              params,
              operation: 'IMPORT',
            },
            thumbnails: processed.thumbnails.map((rendition, i) => ({
              size: rendition.size,
              blobKey: thumbnailKeys[i]!,
              width: rendition.width,
              height: rendition.height,
              bytes: rendition.bytes.length,
            })),
          },
        ]),
      );
      const [image] = await images.findManyForOwner(viewer.id, [id]);
      return image!;
    } catch (error) {
      const orphans = await images.unreferencedBlobs(written);
      await Promise.all(orphans.map((key) => storage.delete(key)));
      throw error;
    }
  }
}

function cleanName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'Imported image';
}
