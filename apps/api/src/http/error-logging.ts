import { DomainError, type ErrorCode, ServiceUnavailableError } from '@atelier/domain';
import { isArgumentError } from '@atelier/schema';
import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import type { Logger } from '../logger';

// Typed refusals of what a request asked: the client's to fix. Anything else is the server's fault.
const clientDomainCodes: readonly ErrorCode[] = [
  'INVALID_INPUT',
  'INVALID_PROMPT',
  'CONTENT_FILTER',
  'UNSUPPORTED',
  'NOT_FOUND',
  'UNKNOWN_PROVIDER',
  'INVALID_STATE',
  'INVALID_CREDENTIALS',
  'CONFLICT',
  'FORBIDDEN',
  'SIGNUP_DISABLED',
  'QUOTA_EXCEEDED',
];
const clientCodes = new Set<string>([
  ...clientDomainCodes,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'REQUEST_TOO_LARGE',
  'CSRF_REFUSED',
]);

/** What was thrown in the first place, beneath the GraphQL errors wrapping it on its way out. */
function rootCause(error: unknown): unknown {
  let cause = error;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return cause;
}

/** The code a client was answered with when `error` is the client's mistake; null for a server fault. */
export function clientErrorCode(error: unknown): string | null {
  const cause = rootCause(error);
  const code =
    cause instanceof DomainError
      ? cause.code
      : isArgumentError(cause)
        ? 'INVALID_INPUT'
        : cause instanceof GraphQLError
          ? cause.extensions.code
          : null;
  return typeof code === 'string' && clientCodes.has(code) ? code : null;
}

/** Whether `error` is a request refused because the database is away (DatabaseHealth logs the outage once). */
function duringOutage(error: unknown): boolean {
  const cause = rootCause(error);
  return (
    cause instanceof ServiceUnavailableError ||
    (cause instanceof GraphQLError && cause.extensions.code === 'SERVICE_UNAVAILABLE')
  );
}

/**
 * yoga's logger. yoga logs at error every error it masks, or exposes through the masking function,
 * which includes every typed refusal of a bad id or argument: those go to debug with their code, as
 * do refusals during a database outage (logged once by DatabaseHealth, not once per request); only
 * server faults stay at error, with their stack.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const line = (args: unknown[]) => args.map(String).join(' ');
  return {
    debug: (...args) => logger.debug(line(args)),
    info: (...args) => logger.info(line(args)),
    warn: (...args) => logger.warn(line(args)),
    error: (...args) => {
      const code = args.length === 1 ? clientErrorCode(args[0]) : null;
      const cause = rootCause(args[0]);
      if (code) logger.debug({ code }, line(args));
      else if (duringOutage(args[0])) logger.debug({ code: 'SERVICE_UNAVAILABLE' }, line(args));
      else logger.error(cause instanceof Error ? { err: cause } : {}, line(args));
    },
  };
}
