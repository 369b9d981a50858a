import {
  type ImageParamsInput,
  type ImageRecord,
  InvalidInputError,
  type JobRecord,
  type Upload,
  uploadOf,
  type Viewer,
} from '@atelier/domain';
import { MediaError, type MediaRepository } from '../repositories/media.repository';
import type { Storage, StoredMime } from '../repositories/storage.repository';
import type { GenerationService } from './generation.service';
import type { ImportService } from './import.service';

export interface UploadedImageJobsDeps {
  imports: ImportService;
  generation: GenerationService;
  media: MediaRepository;
  storage: Storage;
}

/**
 * Jobs on a picture the caller sends along (the OpenAI-compatible edits and variations): the upload
 * becomes one of the person's images first (so the result has a parent, as every edit has), then
 * the usual service runs with every rule of GraphQL.
 */
export class UploadedImageJobs {
  constructor(private readonly deps: UploadedImageJobsDeps) {}

  /**
   * Repaints where `mask` is transparent (OpenAI's convention), or where the picture itself is
   * transparent when no mask is sent.
   */
  async edit(
    viewer: Viewer,
    request: ImageParamsInput & { image: Upload; mask: Upload | null; prompt: string },
  ): Promise<JobRecord> {
    const { image: upload, mask, ...params } = request;
    const maskBytes = Buffer.from(await (mask ?? upload).arrayBuffer());
    let converted: Buffer;
    try {
      converted = await this.deps.media.maskFromTransparency(maskBytes);
    } catch (error) {
      if (error instanceof MediaError) {
        const message = mask
          ? error.message
          : 'send a mask, or an image with transparency where it should change';
        throw new InvalidInputError([{ path: ['mask'], message }]);
      }
      throw error;
    }
    const image = await this.deps.imports.importImage(viewer, upload);
    return this.deps.generation.edit(viewer, {
      ...params,
      imageId: image.id,
      mask: uploadOf(converted, 'mask.png'),
      maskImageId: null,
    });
  }

  async vary(viewer: Viewer, request: ImageParamsInput & { image: Upload }): Promise<JobRecord> {
    const { image: upload, ...params } = request;
    const image = await this.deps.imports.importImage(viewer, upload);
    return this.deps.generation.createVariations(viewer, {
      ...params,
      imageId: image.id,
      strength: 'SUBTLE',
      prompt: null,
    });
  }

  /** An image's bytes, re-encoded when `mime` differs from how it is stored; null when the file is gone. */
  async bytesOf(image: ImageRecord, mime: StoredMime | null): Promise<Buffer | null> {
    const bytes = await this.deps.storage.read(image.blobKey);
    if (!bytes || mime === null || mime === image.mime) return bytes;
    return this.deps.media.convert(bytes, mime);
  }
}
