import type { ErrorCode } from '../../gql/graphql';

export interface JobErrorLike {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export interface ErrorExplanation {
  /** What happened, in one line: "Ideogram rejected the prompt as unsafe". */
  title: string;
  /** What to do about it. */
  advice: string;
  /** The provider's own reasons (moderation categories and the like), when it gave any. */
  reasons: string[];
}

/** The server variable holding each paid provider's key. */
const KEY_VARIABLES: Record<string, string> = {
  flux: 'BFL_API_KEY',
  bfl: 'BFL_API_KEY',
  ideogram: 'IDEOGRAM_API_KEY',
};

function keyVariable(providerId: string | undefined, message: string): string | undefined {
  return (
    /\b[A-Z][A-Z0-9]*_API_KEY\b/.exec(message)?.[0] ?? (providerId ? KEY_VARIABLES[providerId] : undefined)
  );
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [];
}

/** The reasons a provider gave, wherever it put them in `details`. */
export function providerReasons(details: unknown): string[] {
  if (!details || typeof details !== 'object') return [];
  const record = details as Record<string, unknown>;
  const found = [
    ...strings(record.reasons),
    ...strings(record['Moderation Reasons']),
    ...strings(record.categories),
    ...strings(record.reason),
  ];
  return [...new Set(found)];
}

interface Who {
  /** Display name of the provider the failure came from. */
  name: string;
  id?: string;
}

/** Plain words for each way a job can fail, with what to do next. Never a bare code. */
export function explainJobError(error: JobErrorLike, who: Who): ErrorExplanation {
  const { name } = who;
  const reasons = providerReasons(error.details);
  switch (error.code) {
    case 'CONTENT_FILTER': {
      const aboutImage = /\bimage\b/i.test(error.message) && !/prompt/i.test(error.message);
      return {
        title: aboutImage ? `${name} withheld the result as unsafe` : `${name} rejected the prompt as unsafe`,
        advice: 'Reword the prompt (or use another image) and try again.',
        reasons,
      };
    }
    case 'INSUFFICIENT_CREDITS':
      return {
        title: `${name} account is out of credits`,
        advice: `Add credits to the ${name} account, or choose another provider (or add one as a fallback).`,
        reasons,
      };
    case 'UNAUTHORIZED': {
      const variable = keyVariable(who.id, error.message);
      return {
        title: `${name} key rejected`,
        advice: variable
          ? `Check ${variable} on the server (and that the key has access to this model), then restart it.`
          : `Check the ${name} API key on the server, then restart it.`,
        reasons,
      };
    }
    case 'RATE_LIMIT':
      return {
        title: `${name} is rate limiting this account`,
        advice: 'Wait a minute and try again, or add a fallback provider so jobs move on by themselves.',
        reasons,
      };
    case 'TIMEOUT':
      return {
        title: `${name} did not finish in time`,
        advice: 'Try again; if it keeps happening, pick a faster quality or another provider.',
        reasons,
      };
    case 'PROVIDER_UNAVAILABLE': {
      const variable = /\bkey\b|_API_KEY/i.test(error.message)
        ? keyVariable(who.id, error.message)
        : undefined;
      return variable
        ? {
            title: `${name} key missing: set ${variable}`,
            advice: `Set ${variable} on the server and restart it, or choose another provider.`,
            reasons,
          }
        : {
            title: `${name} is unavailable right now`,
            advice: 'Try again in a few minutes, or choose another provider (or add one as a fallback).',
            reasons,
          };
    }
    case 'API_ERROR':
      return {
        title: `${name} failed to make the image`,
        advice: 'Try again; if it keeps failing, choose another provider.',
        reasons,
      };
    case 'INVALID_PROMPT':
      return {
        title: 'The prompt was not accepted',
        advice: 'Check the prompt is not empty or too long, then try again.',
        reasons,
      };
    case 'INVALID_INPUT':
      return {
        title: `${name} did not accept the settings`,
        advice: 'Change the settings named below and try again.',
        reasons,
      };
    case 'UNSUPPORTED':
      return {
        title: `${name} cannot do this`,
        advice: 'Choose another provider or model for this.',
        reasons,
      };
    case 'STORAGE_ERROR':
      return {
        title: 'The image could not be saved',
        advice: 'Check the server has disk space, then try again.',
        reasons,
      };
    case 'CANCELED':
      return { title: 'Canceled', advice: 'Nothing was saved.', reasons };
    case 'NOT_FOUND':
      return {
        title: 'The image it works on no longer exists',
        advice: 'It may have been deleted; pick another image.',
        reasons,
      };
    case 'UNKNOWN_PROVIDER':
      return {
        title: `This server has no provider “${who.id ?? name}”`,
        advice: 'Choose one of the providers listed in the form.',
        reasons,
      };
    case 'INVALID_STATE':
      return { title: 'The job could not run in its current state', advice: 'Try again.', reasons };
    case 'QUOTA_EXCEEDED':
      return {
        title: 'You have reached one of your limits',
        advice: 'Wait until it frees up, or ask an admin to raise it.',
        reasons,
      };
    case 'FORBIDDEN':
      return {
        title: 'You are not allowed to do this',
        advice: 'Ask an admin if you need access.',
        reasons,
      };
    case 'SERVICE_UNAVAILABLE':
      return {
        title: 'The server could not reach its database',
        advice: 'Nothing was done. Try again in a moment.',
        reasons,
      };
    case 'INVALID_CREDENTIALS':
    case 'CONFLICT':
    case 'SIGNUP_DISABLED':
      return { title: error.message || 'The request was refused', advice: 'Try again.', reasons };
  }
}

/**
 * The provider's own message, when it adds something to the title: without the reasons it ends
 * with (they are listed on their own), and null when it only repeats the title.
 */
export function errorDetail(message: string, explanation: ErrorExplanation): string | null {
  let detail = message.trim();
  if (explanation.reasons.length > 0) {
    const listed = `: ${explanation.reasons.join(', ')}`;
    if (detail.endsWith(listed)) detail = detail.slice(0, -listed.length).trim();
  }
  if (!detail || detail.toLowerCase() === explanation.title.toLowerCase()) return null;
  return detail;
}

/** The provider whose answer ended a failed job: the last attempt that failed with its code. */
export function culpritOf(job: {
  provider: string;
  error?: { code: string } | null;
  attempts: readonly { provider: string; outcome: string }[];
}): string {
  const code = job.error?.code;
  return [...job.attempts].reverse().find((attempt) => attempt.outcome === code)?.provider ?? job.provider;
}
