import type { ImageRecord, JobInput, JobRecord } from '@atelier/domain';
import type { Attempt, ImageProvider, ProviderImage, ProviderResult } from '@atelier/providers';
import type { Database } from '../../db/database';
import { retryWhileUnavailable } from '../../db/retry-while-unavailable';
import type { Logger } from '../../logger';
import type { CollectionRepository } from '../../repositories/collection.repository';
import type { ImageRepository, NewImage, NewThumbnail } from '../../repositories/image.repository';
import type { JobRepository } from '../../repositories/job.repository';
import { MediaError, type MediaRepository, type ProcessedImage } from '../../repositories/media.repository';
import { type Storage, StorageUnavailableError } from '../../repositories/storage.repository';
import { JobFailure, jobFailure } from './job-failure';

const MAX_SEED = 2_147_483_647;

export interface OutputStoreDeps {
  db: Database;
  jobs: JobRepository;
  images: ImageRepository;
  collections: CollectionRepository;
  storage: Storage;
  media: MediaRepository;
  logger: Logger;
}

/** A job's results as files already stored, and the rows that will point at them. */
export interface StoredOutputs {
  rows: { image: NewImage; thumbnails: NewThumbnail[] }[];
  blobKeys: string[];
}

/**
 * Keeps a job's results: first every file (original, thumbnails), then, in one transaction, the
 * image rows together with the job's end (SUCCEEDED, or CANCELED with what was finished). A job
 * therefore never gets its outputs twice, and a row never points at a missing file.
 */
export class OutputStore {
  constructor(private readonly deps: OutputStoreDeps) {}

  /** Decodes and stores every image of `result` (no database work); throws a JobFailure if it cannot. */
  async write(job: JobRecord, provider: ImageProvider, result: ProviderResult): Promise<StoredOutputs> {
    const { storage, media } = this.deps;
    if (result.images.length === 0) {
      throw jobFailure(
        'CONTENT_FILTER',
        `${provider.displayName} returned no images${result.withheld > 0 ? ` (${result.withheld} withheld as unsafe)` : ''}`,
        { details: { withheld: result.withheld } },
      );
    }
    const written: string[] = [];
    const rows: StoredOutputs['rows'] = [];
    const prompt = await this.promptOf(job);
    const source = await this.sourceOf(job);
    try {
      for (const [index, output] of result.images.entries()) {
        const processed = await media.process(output.bytes);
        const sizeParams = checkSize(job, source, output, processed, provider.displayName);
        // Independent files: write them side by side rather than one fsync after another.
        const [blobKey, ...thumbnailKeys] = await Promise.all([
          storage.put(output.bytes, processed.mime),
          ...processed.thumbnails.map((rendition) => storage.put(rendition.bytes, 'image/webp')),
        ]);
        written.push(blobKey, ...thumbnailKeys);
        rows.push({
          image: {
            ownerId: job.ownerId,
            jobId: job.id,
            outputIndex: index,
            blobKey,
            width: processed.width,
            height: processed.height,
            mime: processed.mime,
            bytes: output.bytes.length,
            thumbhash: processed.thumbhash,
            prompt,
            negativePrompt: job.input.negativePrompt,
            style: job.input.style ?? job.input.styleText,
            seed: storableSeed(output.seed),
            provider: provider.id,
            model: output.model,
            params: {
              ...paramsOf(job.input),
              ...(job.kind === 'EDIT' && { editInstruction: job.input.prompt }),
              ...output.metadata,
              ...(output.seed !== storableSeed(output.seed) && { providerSeed: output.seed }),
              ...sizeParams,
            },
            parentImageId: job.input.sourceImageId,
            operation: job.kind,
            ...(job.input.template && {
              templateId: job.input.template.id,
              templateVersion: job.input.template.version,
              templateValues: JSON.stringify(job.input.template.values),
            }),
          },
          thumbnails: processed.thumbnails.map((rendition, i) => ({
            size: rendition.size,
            blobKey: thumbnailKeys[i]!,
            width: rendition.width,
            height: rendition.height,
            bytes: rendition.bytes.length,
          })),
        });
      }
    } catch (error) {
      await this.removeUnreferenced(written);
      if (error instanceof JobFailure) throw error;
      if (error instanceof MediaError) {
        throw jobFailure('API_ERROR', `${provider.displayName} returned an unusable image: ${error.message}`);
      }
      throw this.storageFailure('Could not store the images', error);
    }
    return { rows, blobKeys: written };
  }

  /**
   * Stores a picture the editor's operations made (already encoded, its thumbnails derived from the
   * same pixels): an ADJUST image of the source's prompt, whose parent is the source, recording the
   * operation list. Throws a JobFailure if it cannot.
   */
  async writeEdited(
    job: JobRecord,
    source: ImageRecord,
    edited: { bytes: Buffer; processed: ProcessedImage },
  ): Promise<StoredOutputs> {
    const { storage } = this.deps;
    const { processed } = edited;
    const written: string[] = [];
    try {
      const [blobKey, ...thumbnailKeys] = await Promise.all([
        storage.put(edited.bytes, processed.mime),
        ...processed.thumbnails.map((rendition) => storage.put(rendition.bytes, 'image/webp')),
      ]);
      written.push(blobKey, ...thumbnailKeys);
      const image: NewImage = {
        ownerId: job.ownerId,
        jobId: job.id,
        outputIndex: 0,
        blobKey,
        width: processed.width,
        height: processed.height,
        mime: processed.mime,
        bytes: edited.bytes.length,
        thumbhash: processed.thumbhash,
        prompt: source.prompt,
        negativePrompt: source.negativePrompt,
        style: source.style,
        seed: null,
        provider: job.input.provider,
        model: job.input.provider,
        params: { sourceWidth: source.width, sourceHeight: source.height },
        parentImageId: source.id,
        operation: job.kind,
        editOperations: JSON.stringify(job.input.editOperations ?? []),
      };
      const thumbnails = processed.thumbnails.map((rendition, i) => ({
        size: rendition.size,
        blobKey: thumbnailKeys[i]!,
        width: rendition.width,
        height: rendition.height,
        bytes: rendition.bytes.length,
      }));
      return { rows: [{ image, thumbnails }], blobKeys: written };
    } catch (error) {
      await this.removeUnreferenced(written);
      throw this.storageFailure('Could not store the image', error);
    }
  }

  /** A failed write: worth another attempt. The person is told what failed, the log says why. */
  private storageFailure(what: string, error: unknown): JobFailure {
    this.deps.logger.warn({ err: error }, what.toLowerCase());
    const reason =
      error instanceof StorageUnavailableError ? 'the file storage is unavailable' : String(error);
    return jobFailure('STORAGE_ERROR', `${what}: ${reason}`, { retryable: true });
  }

  /** An edit keeps its source's prompt: the instruction says what changed, not what the picture is. */
  private async promptOf(job: JobRecord): Promise<string> {
    if (job.kind !== 'EDIT' || !job.input.sourceImageId) return job.input.prompt;
    const [source] = await this.deps.images.findManyForOwner(job.ownerId, [job.input.sourceImageId]);
    return source?.prompt ?? job.input.prompt;
  }

  /** The picture an enhance enlarges, whose size the result must exceed. */
  private async sourceOf(job: JobRecord): Promise<Size | null> {
    if (job.kind !== 'ENHANCE' || !job.input.sourceImageId) return null;
    const [source] = await this.deps.images.findManyForOwner(job.ownerId, [job.input.sourceImageId]);
    return source ? { width: source.width, height: source.height } : null;
  }

  /**
   * Marks the job SUCCEEDED with its image rows (and its collection's, if it was sent to one), as
   * the run `runnerId` that owns it; waits out a database outage. A job canceled meanwhile keeps
   * the images all the same, in the same transaction, and stays CANCELED: they were made, and
   * paid for. When the job is no longer this run's (taken over), the files nobody uses are
   * removed. Says how the job ended, or null when the rows went in nowhere.
   */
  async commit(
    job: JobRecord,
    provider: Pick<ImageProvider, 'id'>,
    outputs: StoredOutputs,
    run: { runnerId: string; attempts: Attempt[]; signal: AbortSignal },
  ): Promise<'SUCCEEDED' | 'CANCELED' | null> {
    const { db, jobs, images, collections } = this.deps;
    const ended = { provider: provider.id, attempts: run.attempts, currentAttempt: null, runnerId: null };
    const finished = await retryWhileUnavailable(
      () =>
        db.transaction().execute(async (trx) => {
          const owned = { executor: trx, runnerId: run.runnerId };
          const done =
            (await jobs.transition(
              job.id,
              ['RUNNING'],
              { ...ended, status: 'SUCCEEDED', stage: null, progress: 1, preview: null, finishedAt: 'now' },
              owned,
            )) ?? (await jobs.transition(job.id, ['CANCELED'], ended, owned));
          if (!done) return null;
          await images.insertMany(trx, outputs.rows);
          // "Send new images to this collection": they arrive there together with the gallery.
          if (job.input.collectionId) await collections.appendJobImages(trx, job.id, job.input.collectionId);
          return done.status === 'CANCELED' ? 'CANCELED' : 'SUCCEEDED';
        }),
      run.signal,
    );
    if (!finished) await this.removeUnreferenced(outputs.blobKeys);
    return finished;
  }

  /** Deletes those of `keys` no image row uses (best effort: a leftover file is only wasted space). */
  async removeUnreferenced(keys: readonly string[]): Promise<void> {
    try {
      const orphans = await this.deps.images.unreferencedBlobs(keys);
      await Promise.all(orphans.map((key) => this.deps.storage.delete(key)));
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not remove files of an unfinished job');
    }
  }
}

interface Size {
  width: number;
  height: number;
}

/**
 * Providers do not always make the size asked for (Ideogram picks its upscale factor, BFL rounds
 * sizes), and what they report can be wrong: the stored width and height are always the decoded
 * ones, and a difference is recorded in the params. An enlargement no larger than its source is
 * refused: keeping it would present the source's pixels as an enhanced image.
 */
function checkSize(
  job: JobRecord,
  source: Size | null,
  output: ProviderImage,
  real: Size,
  provider: string,
): Record<string, unknown> {
  const asked = askedSize(job, source);
  if (source && (real.width <= source.width || real.height <= source.height)) {
    throw jobFailure(
      'API_ERROR',
      `${provider} returned a ${real.width}×${real.height} image for a ${job.input.scale ?? '?'}× enhance of a ` +
        `${source.width}×${source.height} picture: it is not larger than the original, so nothing was kept`,
      {
        details: {
          width: real.width,
          height: real.height,
          sourceWidth: source.width,
          sourceHeight: source.height,
        },
      },
    );
  }
  const reported =
    output.width !== undefined && output.height !== undefined
      ? { width: output.width, height: output.height }
      : null;
  const differs = (size: Size) => size.width !== real.width || size.height !== real.height;
  return {
    ...(asked && differs(asked) && { requestedWidth: asked.width, requestedHeight: asked.height }),
    ...(asked &&
      differs(asked) &&
      source && { achievedScale: Math.round((real.width / source.width) * 100) / 100 }),
    ...(reported && differs(reported) && { reportedWidth: reported.width, reportedHeight: reported.height }),
  };
}

function askedSize(job: JobRecord, source: Size | null): Size | null {
  if (source && job.input.scale !== null) {
    return { width: source.width * job.input.scale, height: source.height * job.input.scale };
  }
  const { width, height } = job.input;
  return width !== null && height !== null ? { width, height } : null;
}

/** Seeds are shown and typed back as 32-bit integers; any other is kept in the params instead. */
function storableSeed(seed: number | null): number | null {
  return seed !== null && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED ? seed : null;
}

function paramsOf(input: JobInput): Record<string, unknown> {
  const params: Record<string, unknown> = {
    width: input.width,
    height: input.height,
    aspectRatio: input.aspectRatio,
    quality: input.quality,
    steps: input.steps,
    count: input.count,
    magicPrompt: input.magicPrompt,
    strength: input.strength,
    scale: input.scale,
    styleText: input.styleText,
  };
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null));
}
