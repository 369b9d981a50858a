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

/**
 * graphile-worker logs through our logger. `isOutage` recognises (and records) a database outage:
 * the library then logs every reconnect attempt of its listener, which goes to debug, since the
 * outage itself is logged once by DatabaseHealth.
 */
export function toWorkerLogger(
  logger: Logger,
  isOutage: (error: unknown) => boolean = () => false,
): WorkerLogger {
  const child = logger.child({ component: 'graphile-worker' });
  return new WorkerLogger(() => (level, message, meta) => {
    const error = (meta as { error?: unknown } | undefined)?.error;
    const outage =
      String(level) === 'error' && (isOutage(error) || isOutage(new Error(message.split(': ').at(-1))));
    child[outage ? 'debug' : (workerLevels[level] ?? 'debug')](meta ?? {}, message);
  });
}
