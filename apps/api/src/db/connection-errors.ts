// Errors that mean "the database cannot be reached right now", not "this query is wrong":
// the server restarting, failing over, refusing connections, or the network between us dropping.
const unavailableSqlStates = new Set([
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '53300', // too_many_connections
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '25P04', // transaction_timeout (PostgreSQL 17+), when the server ends a stuck transaction
]);

const unavailableSystemCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

// node-postgres reports a dropped socket or a connect timeout with a message and no code.
const unavailableMessages = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Connection unexpectedly lost/,
  /^Query read timeout/,
];

/** Whether `error` says the database is unreachable (retry later) rather than that a query failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if (typeof cause !== 'object') return false;
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (unavailableSqlStates.has(code) || unavailableSystemCodes.has(code))) {
      return true;
    }
    if (typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message))) {
      return true;
    }
    if (cause instanceof AggregateError && cause.errors.some(isDatabaseUnavailable)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Whether `error` is pg-pool giving up waiting for one of its own connections: every one is busy
 * (a burst of work), which says nothing about the database being reachable. The request cannot run
 * now and may be retried, but the process must not declare an outage (and fail readiness) for it.
 */
export function isPoolBusy(error: unknown): boolean {
  return error instanceof Error && /^timeout exceeded when trying to connect/.test(error.message);
}
