import type { CombinedError } from 'urql';
import { graphql } from '../../gql';
import type { ErrorCode } from '../../gql/graphql';
import { serviceUnavailableRetryAfter } from '../../lib/service-unavailable';

/** What every form asks of a refusal: spread it in a mutation's result beside the success type. */
export const FormErrors_Error = graphql(`
  fragment FormErrors_Error on Error {
    code
    message
    retryable
    ... on InvalidInputError {
      issues {
        field
        message
      }
    }
    ... on BaseError {
      details
    }
  }
`);

export interface IssueLike {
  field: string;
  message: string;
}

export interface TypedErrorLike {
  __typename: string;
  code?: ErrorCode;
  message?: string;
  issues?: readonly IssueLike[];
  details?: unknown;
}

export interface FormErrors<Field extends string> {
  /** Beside each field. */
  fields: Partial<Record<Field, string>>;
  /** Above the submit button: what is not about one field. */
  form: string | null;
}

export function noErrors<Field extends string>(): FormErrors<Field> {
  return { fields: {}, form: null };
}

/** "use at least 10 characters" → "Use at least 10 characters." */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * Field issues go beside their fields (`fieldOf` maps "input.email" to the form's field); the
 * rest is said above the submit button.
 */
export function issuesToErrors<Field extends string>(
  issues: readonly IssueLike[],
  fieldOf: Record<string, Field>,
  message?: string,
): FormErrors<Field> {
  const fields: Partial<Record<Field, string>> = {};
  const loose: string[] = [];
  for (const issue of issues) {
    const field = fieldOf[issue.field] ?? fieldOf[issue.field.replace(/^input\./, '')];
    if (field) fields[field] = [fields[field], sentence(issue.message)].filter(Boolean).join(' ');
    else loose.push(sentence(`${issue.field.replace(/^input\./, '')}: ${issue.message}`));
  }
  const form =
    loose.length > 0 ? loose.join(' ') : issues.length === 0 ? sentence(message ?? '') || null : null;
  return { fields, form };
}

/** "in 45 s", "in 2 min", "in 1 h". */
function wait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}

export function retryAfterSeconds(details: unknown): number | null {
  if (!details || typeof details !== 'object') return null;
  const value = (details as Record<string, unknown>).retryAfterSeconds;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * SERVICE_UNAVAILABLE: the server could not reach its database and did nothing, so the person may
 * send the same thing again. The app never does that by itself (it could pay for a job twice).
 */
export function notAcceptedMessage(retryAfter: number | null): string {
  return `Not accepted: ${databaseAway(retryAfter)}`;
}

function databaseAway(retryAfter: number | null): string {
  const when = retryAfter ? `in ${wait(retryAfter)}` : 'in a moment';
  return `the server cannot reach its database right now, so nothing was done. Try again ${when}.`;
}

interface RefusalLike {
  code?: ErrorCode;
  message?: string;
  details?: unknown;
}

/** A typed refusal in a sentence; one that says "nothing was accepted" when that is the case. */
export function refusalMessage(
  refusal: RefusalLike,
  fallback = 'The server refused the request. Try again.',
): string {
  if (refusal.code === 'SERVICE_UNAVAILABLE') return notAcceptedMessage(retryAfterSeconds(refusal.details));
  return sentence(refusal.message || fallback);
}

/** Plain words for the account errors: what happened and what to do. */
export function accountErrorMessage(error: RefusalLike): string {
  if (error.code === 'RATE_LIMIT') {
    const seconds = retryAfterSeconds(error.details);
    return seconds
      ? `Too many attempts. Wait ${wait(seconds)}, then try again.`
      : 'Too many attempts. Wait a few minutes, then try again.';
  }
  const known = error.code ? ACCOUNT_MESSAGES[error.code] : undefined;
  return known ?? refusalMessage(error);
}

const ACCOUNT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  INVALID_CREDENTIALS: 'The email or password is wrong. Check both and try again.',
  CONFLICT: 'An account with this email already exists. Sign in instead, or use another email.',
  SIGNUP_DISABLED: 'Sign-up is closed on this server. Ask an admin for an invite link, or to open sign-up.',
  FORBIDDEN: 'You are not allowed to do this. Ask an admin if you need access.',
};

/** The answer did not arrive (or was not understood). */
export function requestFailedMessage(error: CombinedError | undefined): string {
  const retryAfter = serviceUnavailableRetryAfter(error?.graphQLErrors);
  if (retryAfter !== null) return sentence(databaseAway(retryAfter));
  if (!error || error.networkError) {
    return 'Could not reach the Atelier server. Check your connection (and that the server is running), then try again.';
  }
  const first = error.graphQLErrors[0]?.message ?? error.message;
  return `The server could not take the request: ${first.replace(/^\[(GraphQL|Network)\]\s*/, '')}. Try again.`;
}

/** Why a mutation got no typed answer, for the forms that queue work (generate, actions, batches). */
export function networkMessage(error: CombinedError): string {
  if (serviceUnavailableRetryAfter(error.graphQLErrors) !== null) return requestFailedMessage(error);
  if (error.networkError) {
    return 'Could not reach the Atelier server. Check your connection (and that the API is running), then try again.';
  }
  const first = error.graphQLErrors[0]?.message ?? error.message;
  return `The server could not take the request: ${first}. Try again; if it keeps failing, check the server log.`;
}
