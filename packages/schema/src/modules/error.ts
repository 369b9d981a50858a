import {
  DomainError,
  type ErrorCode,
  type FieldIssue,
  InvalidInputError,
  NotFoundError,
  QuotaExceededError,
} from '@atelier/domain';
import { builder } from '../builder';

export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description: 'Why an operation failed. The first five are the original codes and keep their names.',
  values: {
    INVALID_PROMPT: { description: 'The prompt is empty, too long or otherwise unusable.' },
    API_ERROR: { description: 'The provider answered with an error that fits no other code.' },
    RATE_LIMIT: { description: 'Too many requests; try again later.' },
    CONTENT_FILTER: { description: 'The provider refused the prompt or the result as unsafe.' },
    STORAGE_ERROR: { description: 'Storing the image failed.' },
    INVALID_INPUT: { description: 'An input field is outside what is allowed; see the issues.' },
    UNSUPPORTED: { description: 'The provider cannot do what was asked.' },
    UNAUTHORIZED: { description: 'The provider rejected the credentials.' },
    INSUFFICIENT_CREDITS: { description: 'The provider account has no credits left.' },
    TIMEOUT: { description: 'The provider did not finish in time.' },
    PROVIDER_UNAVAILABLE: { description: 'The provider is not configured or is down.' },
    CANCELED: { description: 'The job was canceled.' },
    NOT_FOUND: { description: 'Nothing with that id exists for you.' },
    UNKNOWN_PROVIDER: { description: 'No provider has that id.' },
    INVALID_STATE: { description: 'The object is not in a state that allows this.' },
    INVALID_CREDENTIALS: { description: 'The email or password is wrong.' },
    CONFLICT: { description: 'Something with that name or address already exists.' },
    FORBIDDEN: { description: 'You may not do this.' },
    SIGNUP_DISABLED: { description: 'An admin has turned sign-up off.' },
    QUOTA_EXCEEDED: { description: 'A per-person limit was reached; see QuotaExceededError.' },
    SERVICE_UNAVAILABLE: {
      description:
        'The server cannot reach its database right now. Nothing was done: send the same request again after `details.retryAfterSeconds`.',
    },
  } satisfies Record<ErrorCode, { description: string }>,
});

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'An expected failure. Every error type implements it.',
  fields: (t) => ({
    code: t.field({ type: ErrorCodeEnum, description: 'Machine-readable reason.', resolve: (e) => e.code }),
    message: t.exposeString('message', { description: 'What went wrong, in words a person can act on.' }),
    retryable: t.exposeBoolean('retryable', { description: 'Whether the same request may succeed later.' }),
  }),
});

builder.objectType(DomainError, {
  name: 'BaseError',
  description: 'An expected failure with no extra fields.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DomainError,
  fields: (t) => ({
    details: t.field({
      type: 'JSON',
      description: 'Extra facts about the failure.',
      resolve: (e) => e.details,
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object does not exist, or is not yours.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
});

const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Path of the field, e.g. ["input", "width"].' }),
    field: t.string({
      description: 'The path joined with dots, e.g. "input.width".',
      resolve: (i) => i.path.join('.'),
    }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  description: 'Some input fields are not acceptable. Nothing was created.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueRef],
      description: 'Every offending field.',
      resolve: (e) => e.issues,
    }),
  }),
});

const QuotaLimitEnum = builder.enumType('QuotaLimit', {
  description: 'A per-person limit an admin can set.',
  values: {
    CONCURRENT_JOBS: { description: 'Jobs queued or running at once.' },
    IMAGES_PER_DAY: { description: 'Images made per UTC day.' },
  },
});

builder.objectType(QuotaExceededError, {
  name: 'QuotaExceededError',
  description: 'A per-person limit was reached. Nothing was queued.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof QuotaExceededError,
  fields: (t) => ({
    limit: t.field({ type: QuotaLimitEnum, description: 'Which limit.', resolve: (e) => e.limit }),
    max: t.exposeInt('max', { description: 'The limit.' }),
    resetsAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it frees up; null when a running job must finish first.',
      resolve: (e) => e.resetsAt,
    }),
    remaining: t.exposeInt('remaining', {
      description: 'How much of the limit is free now: images left today, or jobs that may still start.',
    }),
  }),
});
