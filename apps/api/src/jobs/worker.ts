import { EventEmitter } from 'node:events';
import { type ParsedCronItem, run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import type { DatabaseHealth } from '../db/database-health';
import { type Logger, toWorkerLogger } from '../logger';

export interface WorkerOptions {
  pgPool: pg.Pool;
  taskList: TaskList;
  /** Tasks this worker also runs on a schedule. */
  parsedCronItems?: ParsedCronItem[];
  concurrency: number;
  logger: Logger;
  health?: DatabaseHealth;
}

export interface WorkerHandle {
  /** graphile-worker's events (job:start, job:success, …), for observers such as benchmarks. */
  events: WorkerEvents;
  /** The id graphile-worker locks this pool's tasks with (it changes if the pool is restarted). */
  poolId(): string | null;
  /** The tasks (graphile-worker job ids) this pool is running right now. */
  activeTaskIds(): ReadonlySet<string>;
  /** Whether a graphile-worker runner is up (false once stopped, and while a crashed one waits to restart). */
  running(): boolean;
  stop(): Promise<void>;
}

const RESTART_DELAY_MS = 1_000;
/**
 * On stop, running jobs get this long to finish; then they are interrupted (their abort signal) and
 * queued again, for another worker to take at once (app.ts), well within a 10 s shutdown.
 */
const SHUTDOWN_GRACE_MS = 3_000;

/**
 * Runs a graphile-worker pool and keeps it running: should the pool stop by itself (it gives up
 * when it cannot record a job's end), a new one starts after a pause. It says which tasks it holds
 * and runs, for the lease keeper (see lease-keeper.ts), which releases the tasks of dead workers.
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const events: WorkerEvents = new EventEmitter();
  const active = new Set<string>();
  let poolId: string | null = null;
  let stopping = false;
  let running = false;
  let stopped: Promise<void> | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  events.on('pool:create', ({ workerPool }) => (poolId = workerPool.id));
  // Ids as text: a task's id is a bigint, which this process's pg may parse as a number.
  events.on('job:start', ({ job }) => active.add(String(job.id)));
  events.on('job:complete', ({ job }) => active.delete(String(job.id)));
  events.on('worker:getJob:error', ({ error }) => {
    if (!options.health?.reportFailure(error)) {
      options.logger.warn({ err: error }, 'worker could not fetch a job');
    }
  });

  const start = async (): Promise<Runner> => {
    const runner = await run({
      pgPool: options.pgPool,
      taskList: options.taskList,
      ...(options.parsedCronItems && { parsedCronItems: options.parsedCronItems }),
      concurrency: options.concurrency,
      noHandleSignals: true,
      gracefulShutdownAbortTimeout: SHUTDOWN_GRACE_MS,
      pollInterval: 2_000,
      logger: toWorkerLogger(options.logger, (error) => options.health?.reportFailure(error) ?? false),
      events,
    });
    running = true;
    runner.promise.then(
      () => restart(null),
      (error: unknown) => restart(error),
    );
    return runner;
  };
  const restart = (error: unknown) => {
    running = false;
    if (stopping) return;
    options.logger.error({ err: error }, 'worker pool stopped by itself; starting a new one');
    active.clear();
    restartTimer = setTimeout(() => {
      start()
        .then((runner) => (current = runner))
        .catch((failure: unknown) => restart(failure));
    }, RESTART_DELAY_MS);
  };

  let current = await start();
  return {
    events,
    poolId: () => poolId,
    activeTaskIds: () => active,
    running: () => running,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        running = false;
        clearTimeout(restartTimer);
        await current.stop();
      })();
      return stopped;
    },
  };
}
