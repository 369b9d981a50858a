import type { Viewer } from '@atelier/schema/context';
import { QuotaExceededError } from '@atelier/schema/errors';
import type { UserRepository } from '../repositories/user.repository';

/** Per-person limits set by an admin, checked before a job is queued. */
export class QuotaService {
  constructor(private readonly deps: { users: UserRepository; now?: () => Date }) {}

  async check(viewer: Viewer, images: number): Promise<void> {
    const account = await this.deps.users.findById(viewer.id);
    if (!account || (account.maxConcurrentJobs === null && account.maxImagesPerDay === null)) return;
    const [usage] = await this.deps.users.usage([viewer.id]);
    if (account.maxConcurrentJobs !== null && usage!.activeJobs >= account.maxConcurrentJobs) {
      throw new QuotaExceededError(
        'CONCURRENT_JOBS',
        account.maxConcurrentJobs,
        null,
        `You already have ${usage!.activeJobs} jobs queued or running, your limit; wait for one to finish or cancel one`,
      );
    }
    if (account.maxImagesPerDay !== null && usage!.imagesToday + images > account.maxImagesPerDay) {
      const now = this.deps.now?.() ?? new Date();
      const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
      const minutes = Math.ceil((resetsAt.getTime() - now.getTime()) / 60_000);
      throw new QuotaExceededError(
        'IMAGES_PER_DAY',
        account.maxImagesPerDay,
        resetsAt,
        `Your limit is ${account.maxImagesPerDay} images a day and ${usage!.imagesToday} are made or on their way today; ` +
          `it resets at 00:00 UTC (in ${Math.floor(minutes / 60)} h ${minutes % 60} min)`,
      );
    }
  }
}
