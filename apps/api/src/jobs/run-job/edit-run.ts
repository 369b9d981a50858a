import type { JobRecord } from '@atelier/domain';
import type { Attempt } from '@atelier/providers';
import type { ImageRepository } from '../../repositories/image.repository';
import { MediaError, type MediaRepository } from '../../repositories/media.repository';
import type { Storage } from '../../repositories/storage.repository';
import { jobFailure } from './job-failure';
import type { OutputStore } from './output-store';
import type { ProgressWriter } from './progress-writer';

export interface EditRunDeps {
  images: ImageRepository;
  storage: Storage;
  media: MediaRepository;
}

/** Of a job's progress, the part reading the original takes; saving takes the rest after the edits. */
const READ_SHARE = 0.05;
const EDIT_SHARE = 0.85;

/**
 * Runs an ADJUST job: no provider, only the editor's operation list applied to the source's
 * full-size original with sharp (one decode, one encode), then stored like any job's output.
 */
export async function runEdits(
  deps: EditRunDeps,
  outputs: OutputStore,
  job: JobRecord,
  progress: ProgressWriter,
  signal: AbortSignal,
  run: { runnerId: string; attempts: Attempt[]; signal: AbortSignal },
): Promise<void> {
  const [source] = job.input.sourceImageId
    ? await deps.images.findManyForOwner(job.ownerId, [job.input.sourceImageId])
    : [];
  if (!source) throw jobFailure('NOT_FOUND', 'The source image was deleted');
  const bytes = await deps.storage.read(source.blobKey);
  if (!bytes) throw jobFailure('STORAGE_ERROR', 'The source image file is missing');
  progress.update({ progress: READ_SHARE, stage: 'editing' });
  const edited = await deps.media
    .applyEdits(bytes, job.input.editOperations ?? [], {
      signal,
      onProgress: (fraction) =>
        progress.update({ progress: READ_SHARE + fraction * EDIT_SHARE, stage: 'editing' }),
    })
    .catch((error: unknown) => {
      if (error instanceof MediaError) {
        throw jobFailure('INVALID_INPUT', `The source image cannot be edited: ${error.message}`);
      }
      throw error;
    });
  signal.throwIfAborted();
  progress.update({ progress: READ_SHARE + EDIT_SHARE, stage: 'saving' });
  await progress.flush();
  const stored = await outputs.writeEdited(job, source, edited);
  await outputs.commit(job, { id: job.input.provider }, stored, run);
}
