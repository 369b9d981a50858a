import { parseCronItems } from 'graphile-worker';
import { z } from 'zod';
import type { ImageService } from '../services/image.service';
import { defineTask, implementTask } from './kit';

/** Cron runs carry graphile-worker's `_cron` facts, which this task does not need. */
export const PurgeTrash = defineTask('purge-trash', z.object({}));

/** Hourly; a missed hour is not made up (the next run purges everything due). */
export const purgeTrashSchedule = parseCronItems([
  { task: PurgeTrash.name, match: '23 * * * *', identifier: PurgeTrash.name, options: { backfillPeriod: 0 } },
]);

export function purgeTrashTasks(images: ImageService) {
  return [implementTask(PurgeTrash, async () => void (await images.purgeExpiredTrash()))];
}
