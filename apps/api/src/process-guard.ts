import type { Logger } from './logger';

/**
 * What the process does with an error nothing else caught.
 *
 * - A rejected promise nobody awaited is logged and the process keeps serving. Libraries do this
 *   during outages (graphile-worker completes and fails jobs fire-and-forget, so a database restart
 *   at that moment rejects with nobody listening); the work it belonged to is recovered by the
 *   worker's lease sweep, not by dying.
 * - An exception thrown from an event handler because the database went away (a socket error on a
 *   client with no listener) is logged and the process keeps serving: the pools reconnect.
 * - Any other uncaught exception leaves the process in a state nobody can vouch for: it is logged
 *   as fatal and `exit` is called, so a supervisor starts a clean process.
 */
export function installProcessGuard(
  logger: Logger,
  /** Whether the error is a database outage (and, for a DatabaseHealth, records it as one). */
  isOutage: (error: unknown) => boolean,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const onRejection = (reason: unknown) => {
    if (isOutage(reason)) {
      logger.debug({ err: reason }, 'a background database operation failed during an outage');
      return;
    }
    logger.error({ err: reason }, 'unhandled rejection; still serving');
  };
  const onException = (error: Error) => {
    if (isOutage(error)) {
      logger.debug({ err: error }, 'a database connection failed outside any request');
      return;
    }
    logger.fatal({ err: error }, 'uncaught exception; exiting');
    exit(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
