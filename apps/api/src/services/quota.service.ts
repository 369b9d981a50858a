import { QuotaExceededError, type Usage, type Viewer } from '@atelier/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/db.generated';
import type { Quota, UserRepository } from '../repositories/user.repository';

/** Per-person limits set by an admin, held as work is queued. */
export class QuotaService {
  constructor(private readonly deps: { db: Database; users: UserRepository; now?: () => Date }) {}

  /**
   * Queues work of `images` images within the viewer's quota. The check and `queue` share one
   * transaction that holds the person's row, so submissions made at the same moment pass the check
   * one after another, each seeing the jobs the others queued. Everything that can be done before
   * (checking the request, reading the library) is: the row is held for the check and the writes.
   */
  async admit<T>(viewer: Viewer, images: number, queue: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return this.deps.db.transaction().execute(async (trx) => {
      const quota = await this.deps.users.lockQuota(trx, viewer.id);
      if (quota && (quota.maxConcurrentJobs !== null || quota.maxImagesPerDay !== null)) {
        this.enforce(quota, await this.deps.users.quotaUsage(trx, viewer.id), images);
      }
      return queue(trx);
    });
  }

  /**
   * `admit` for work written in one statement. Most people have no quota: for them `unlimited`
   * writes it at once, with no transaction and no row held, and answers null (writing nothing)
   * if the person has a quota after all; then it goes through `admit` with `limited`.
   */
  async admitOne<T>(
    viewer: Viewer,
    images: number,
    queue: { unlimited: () => Promise<T | null>; limited: (trx: Transaction<DB>) => Promise<T> },
  ): Promise<T> {
    return (await queue.unlimited()) ?? this.admit(viewer, images, queue.limited);
  }

  private enforce(quota: Quota, usage: Pick<Usage, 'activeJobs' | 'imagesToday'>, images: number): void {
    if (quota.maxConcurrentJobs !== null && usage.activeJobs >= quota.maxConcurrentJobs) {
      throw new QuotaExceededError(
        'CONCURRENT_JOBS',
        quota.maxConcurrentJobs,
        null,
        `You already have ${usage.activeJobs} jobs queued or running, your limit; wait for one to finish or cancel one`,
        0,
      );
    }
    if (quota.maxImagesPerDay !== null && usage.imagesToday + images > quota.maxImagesPerDay) {
      const now = this.deps.now?.() ?? new Date();
      const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
      const minutes = Math.ceil((resetsAt.getTime() - now.getTime()) / 60_000);
      const remaining = Math.max(0, quota.maxImagesPerDay - usage.imagesToday);
      throw new QuotaExceededError(
        'IMAGES_PER_DAY',
        quota.maxImagesPerDay,
        resetsAt,
        `Your limit is ${quota.maxImagesPerDay} images a day and ${usage.imagesToday} are made or on their way today, ` +
          `so ${remaining} ${remaining === 1 ? 'is' : 'are'} left; ` +
          `it resets at 00:00 UTC (in ${Math.floor(minutes / 60)} h ${minutes % 60} min)`,
        remaining,
      );
    }
  }
}
