import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { JobRepository } from '../repositories/job.repository';
import type { QueueRepository } from '../repositories/queue.repository';
import { jobTaskKeyPrefix } from './run-job/job-task';
import type { FromHeartbeat, HeartbeatData, ToHeartbeat } from './lease-heartbeat.thread';
import type { WorkerHandle } from './worker';

export interface LeaseKeeperOptions {
  databaseUrl: string;
  db: Database;
  queue: QueueRepository;
  jobs: JobRepository;
  logger: Logger;
  /** A worker that has not renewed its lease for this long is dead and its tasks are released. */
  leaseSeconds?: number;
}

/** A task held by a live worker but run by none of its workers, for this long, is unlocked. */
const ORPHAN_GRACE_MS = 5_000;
/** Jobs stranded without a runnable task are looked for every this many sweeps… */
const STRANDED_EVERY_SWEEPS = 15;
/** …among those unchanged for this long. */
const STRANDED_IDLE_SECONDS = 300;

/**
 * Keeps the jobs of this process's workers, and of dead ones, moving:
 *
 * - a thread renews this process's worker leases every third of a lease, however busy the main
 *   thread is (lease-heartbeat.thread.ts);
 * - a sweep, as often, releases the tasks of workers anywhere whose lease lapsed (their process
 *   died): each task is unlocked and its job queued again at once with an event, its interrupted
 *   call recorded; and unlocks tasks this process holds but no longer runs (their end could not
 *   be recorded, say during a database restart); now and then it fails jobs whose task is gone.
 *
 * A sweep runs only after this process's own heartbeats have succeeded for a whole lease: after a
 * database outage every lease looks stale, and the living must renew before anyone is judged dead.
 */
export class LeaseKeeper {
  private readonly workers: WorkerHandle[] = [];
  private readonly leaseMs: number;
  private thread: Worker | null = null;
  private sweepTimer: NodeJS.Timeout | undefined;
  private healthySince: number | null = null;
  private startedAt = 0;
  private lastRenewedAt: number | null = null;
  private announced = '';
  private sweeps = 0;
  private sweeping = false;
  /** Tasks seen held but not running, with when they were first seen so (by our clock). */
  private readonly orphanSince = new Map<string, number>();

  constructor(private readonly options: LeaseKeeperOptions) {
    this.leaseMs = (options.leaseSeconds ?? 6) * 1000;
  }

  start(): void {
    const intervalMs = Math.round(this.leaseMs / 3);
    const data: HeartbeatData = {
      entry: fileURLToPath(new URL('./lease-heartbeat.thread.ts', import.meta.url)),
      databaseUrl: this.options.databaseUrl,
      intervalMs,
    };
    // Compiled (apps/api/dist), the thread is a bundle beside this one; from source, tsx loads it.
    const file = import.meta.filename.endsWith('.js')
      ? join(import.meta.dirname, 'lease-heartbeat.thread.js')
      : fileURLToPath(new URL('./thread.boot.mjs', import.meta.url));
    this.thread = new Worker(file, { workerData: data });
    this.startedAt = Date.now();
    this.thread.on('message', (message: FromHeartbeat) => {
      if (!message.ok) this.healthySince = null;
      else {
        this.healthySince ??= Date.now();
        this.lastRenewedAt = Date.now();
      }
    });
    this.thread.on('error', (error) => this.options.logger.error({ err: error }, 'lease heartbeat failed'));
    this.sweepTimer = setInterval(() => void this.sweep(), intervalMs);
  }

  /** Why this process's leases are not being kept (for /readyz), or null while they are renewed in time. */
  problem(): string | null {
    if (!this.thread) return 'lease keeper stopped';
    const since = this.lastRenewedAt ?? this.startedAt;
    const silentMs = Date.now() - since;
    if (silentMs <= this.leaseMs) return null;
    return `worker leases not renewed for ${Math.round(silentMs / 1000)} s`;
  }

  /** Starts renewing leases for (and sweeping around) these workers. */
  watch(handles: readonly WorkerHandle[]): void {
    this.workers.push(...handles);
    this.announceLeases();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    const thread = this.thread;
    this.thread = null;
    if (thread) {
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      thread.postMessage({ type: 'stop' } satisfies ToHeartbeat);
      await exited;
    }
    await this.options.queue.dropLeases(this.poolIds()).catch(() => undefined);
  }

  private poolIds(): string[] {
    return this.workers.flatMap((worker) => worker.poolId() ?? []);
  }

  /** Tells the heartbeat thread which leases to renew, whenever a pool (re)starts. */
  private announceLeases(): void {
    const ids = this.poolIds();
    const key = ids.join(',');
    if (key === this.announced || !this.thread) return;
    this.announced = key;
    this.thread.postMessage({ type: 'leases', workerIds: ids } satisfies ToHeartbeat);
  }

  private async sweep(): Promise<void> {
    this.announceLeases();
    if (this.sweeping || this.healthySince === null || Date.now() - this.healthySince < this.leaseMs) return;
    this.sweeping = true;
    try {
      await this.unlockOwnOrphans();
      await this.releaseDeadWorkers();
      if (++this.sweeps % STRANDED_EVERY_SWEEPS === 0) await this.failStranded();
    } catch (error) {
      this.options.logger.debug({ err: error }, 'lease sweep failed; trying again at the next one');
    } finally {
      this.sweeping = false;
    }
  }

  private async unlockOwnOrphans(): Promise<void> {
    const running = new Set(this.workers.flatMap((worker) => [...worker.activeTaskIds()]));
    const held = await this.options.queue.heldBy(this.poolIds());
    const now = Date.now();
    const due: string[] = [];
    const seen = new Set<string>();
    for (const { id } of held) {
      if (running.has(id)) continue;
      seen.add(id);
      const since = this.orphanSince.get(id) ?? now;
      this.orphanSince.set(id, since);
      if (now - since >= ORPHAN_GRACE_MS) due.push(id);
    }
    for (const id of this.orphanSince.keys()) if (!seen.has(id)) this.orphanSince.delete(id);
    if (due.length === 0) return;
    await this.options.queue.unlock(due);
    for (const id of due) this.orphanSince.delete(id);
    this.options.logger.warn(
      { tasks: due },
      'unlocked tasks whose end could not be recorded; they run again',
    );
  }

  private async releaseDeadWorkers(): Promise<void> {
    const { db, queue, jobs, logger } = this.options;
    const released = await db.transaction().execute(async (trx) => {
      const dead = await queue.releaseDeadWorkers(trx, this.leaseMs / 1000);
      const requeued = await jobs.requeue(trx, dead.jobIds, 'worker lost — queued again');
      return { workers: dead.workers, jobs: requeued.map((job) => job.id) };
    });
    if (released.workers.length > 0) {
      logger.warn(released, 'released the tasks of workers that stopped renewing their lease');
    }
  }

  private async failStranded(): Promise<void> {
    const failed = await this.options.jobs.failStranded(
      {
        code: 'API_ERROR',
        message: 'The job could not be run to its end; submit it again',
        retryable: true,
        details: {},
      },
      jobTaskKeyPrefix,
      STRANDED_IDLE_SECONDS,
    );
    if (failed.length > 0) {
      this.options.logger.warn({ jobs: failed.map((job) => job.id) }, 'failed jobs left without a task');
    }
  }
}
