import { EventEmitter } from 'node:events';
import {
  makeWorkerUtils,
  type ParsedCronItem,
  run,
  type Runner,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import type pg from 'pg';
import { type Logger, toWorkerLogger } from '../logger';
import type { QueueRepository } from '../repositories/queue.repository';

export interface WorkerOptions {
  pgPool: pg.Pool;
  taskList: TaskList;
  /** Tasks this worker also runs on a schedule. */
  parsedCronItems?: ParsedCronItem[];
  concurrency: number;
  queue: QueueRepository;
  logger: Logger;
  /** How long a worker may go without renewing its lease before its tasks are released. */
  leaseSeconds?: number;
}

export interface WorkerHandle {
  /** graphile-worker's events (job:start, job:success, …), for observers such as benchmarks. */
  events: WorkerEvents;
  stop(): Promise<void>;
}

/**
 * Runs graphile-worker, plus a lease per worker: each process renews its workers' leases, and any
 * process releases the tasks of workers whose lease lapsed (their process died), so a crashed job
 * is retried within a minute instead of graphile-worker's four hours.
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const leaseSeconds = options.leaseSeconds ?? 30;
  const workerIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => {
    workerIds.add(worker.workerId);
    void options.queue.renewLeases([worker.workerId]).catch(() => undefined);
  });
  events.on('worker:release', ({ worker }) => workerIds.delete(worker.workerId));

  const runner: Runner = await run({
    pgPool: options.pgPool,
    taskList: options.taskList,
    ...(options.parsedCronItems && { parsedCronItems: options.parsedCronItems }),
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger: toWorkerLogger(options.logger),
    events,
  });
  const utils = await makeWorkerUtils({ pgPool: options.pgPool, logger: toWorkerLogger(options.logger) });

  const tick = async () => {
    await options.queue.renewLeases([...workerIds]);
    const dead = await options.queue.deadWorkersHoldingTasks(leaseSeconds);
    if (dead.length > 0) {
      options.logger.warn(
        { workers: dead },
        'releasing tasks held by workers that stopped renewing their lease',
      );
      await utils.forceUnlockWorkers(dead);
      await options.queue.dropLeases(dead);
    }
  };
  const timer = setInterval(
    () => {
      tick().catch((error: unknown) => options.logger.warn({ err: error }, 'worker lease upkeep failed'));
    },
    (leaseSeconds * 1000) / 3,
  );
  await tick();

  return {
    events,
    async stop() {
      clearInterval(timer);
      await runner.stop();
      await options.queue.dropLeases([...workerIds]).catch(() => undefined);
      await utils.release();
    },
  };
}
