import { Logger as WorkerLogger } from 'graphile-worker';
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined });
}

// graphile-worker's info lines are per-job chatter; they go to debug.
const workerLevels: Record<string, 'error' | 'warn' | 'debug'> = {
  error: 'error',
  warning: 'warn',
  info: 'debug',
  debug: 'debug',
};

/** graphile-worker logs through our logger. */
export function toWorkerLogger(logger: Logger): WorkerLogger {
  const child = logger.child({ component: 'graphile-worker' });
  return new WorkerLogger(() => (level, message, meta) => {
    child[workerLevels[level] ?? 'debug'](meta ?? {}, message);
  });
}
