import type { JobInput, JobRecord } from '@atelier/domain';
import type { Attempt, ImageProvider, ProviderResult } from '@atelier/providers';
import type { Database } from '../../db/database';
import { retryWhileUnavailable } from '../../db/retry-while-unavailable';
import type { Logger } from '../../logger';
import type { CollectionRepository } from '../../repositories/collection.repository';
import type { ImageRepository, NewImage, NewThumbnail } from '../../repositories/image.repository';
import type { JobRepository } from '../../repositories/job.repository';
import { MediaError, type MediaRepository } from '../../repositories/media.repository';
import type { Storage } from '../../repositories/storage.repository';
import { jobFailure } from './job-failure';

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
 * image rows together with the job's SUCCEEDED status. A job therefore never gets its outputs
 * twice, and a row never points at a missing file.
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
    try {
      for (const [index, output] of result.images.entries()) {
        const processed = await media.process(output.bytes);
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
            prompt: job.input.prompt,
            negativePrompt: job.input.negativePrompt,
            style: job.input.style ?? job.input.styleText,
            seed: storableSeed(output.seed),
            provider: provider.id,
            model: output.model,
            params: {
              ...paramsOf(job.input),
              ...output.metadata,
              ...(output.seed !== storableSeed(output.seed) && { providerSeed: output.seed }),
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
      if (error instanceof MediaError) {
        throw jobFailure('API_ERROR', `${provider.displayName} returned an unusable image: ${error.message}`);
      }
      throw jobFailure('STORAGE_ERROR', `Could not store the images: ${String(error)}`, { retryable: true });
    }
    return { rows, blobKeys: written };
  }

  /**
   * Marks the job SUCCEEDED with its image rows (and its collection's, if it was sent to one), as
   * the run `runnerId` that owns it; waits out a database outage. When the job is no longer this
   * run's (canceled, or taken over), the files nobody uses are removed and false is returned.
   */
  async commit(
    job: JobRecord,
    provider: ImageProvider,
    outputs: StoredOutputs,
    run: { runnerId: string; attempts: Attempt[]; signal: AbortSignal },
  ): Promise<boolean> {
    const { db, jobs, images, collections } = this.deps;
    const finished = await retryWhileUnavailable(
      () =>
        db.transaction().execute(async (trx) => {
          const done = await jobs.transition(
            job.id,
            ['RUNNING'],
            {
              status: 'SUCCEEDED',
              stage: null,
              progress: 1,
              preview: null,
              finishedAt: 'now',
              provider: provider.id,
              attempts: run.attempts,
              currentAttempt: null,
            },
            { executor: trx, runnerId: run.runnerId },
          );
          if (!done) return null;
          await images.insertMany(trx, outputs.rows);
          // "Send new images to this collection": they arrive there together with the gallery.
          if (job.input.collectionId) await collections.appendJobImages(trx, job.id, job.input.collectionId);
          return done;
        }),
      run.signal,
    );
    if (!finished) await this.removeUnreferenced(outputs.blobKeys);
    return finished !== null;
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
