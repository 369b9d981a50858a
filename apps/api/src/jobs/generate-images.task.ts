import { z } from 'zod';
import type { GenerationService } from '../services/generation.service';
import { defineTask, implementTask } from './kit';

export const GenerateImages = defineTask('generate-images', z.object({ jobId: z.uuid() }));

export function generateImagesTask(generation: GenerationService) {
  return implementTask(GenerateImages, ({ jobId }, helpers) =>
    generation.run(jobId, {
      attempt: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
      shutdown: helpers.abortSignal,
    }),
  );
}
