import { useState } from 'react';
import type { CombinedError } from 'urql';
import type { ErrorCode, JobCard_JobFragment } from '../../gql/graphql';
import { isOffline } from '../../lib/offline/network-status';
import { networkMessage } from '../auth/form-errors';
import { useJobSession } from './job-session';
import { quotaMessage, type QuotaErrorLike } from './quota';

/** What a mutation that queues a job answers; the generated types of all of them fit it. */
export type JobOutcome =
  | ({ __typename: 'Job' } & JobCard_JobFragment)
  | {
      __typename: 'InvalidInputError';
      message: string;
      issues: readonly { field: string; message: string }[];
    }
  | JobRefusal
  | ({ __typename: 'QuotaExceededError' } & QuotaErrorLike);

export interface JobRefusal {
  __typename: 'BaseError';
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Why nothing was sent while offline; the form keeps everything the person typed. */
export const OFFLINE_MESSAGE =
  'You are offline: nothing was sent. Your draft stays here; send it when you are back online.';

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

interface JobSubmitOptions<Field extends string> {
  /** Called once the server has queued the job. */
  onQueued?: ((job: JobCard_JobFragment) => void) | undefined;
  /** The field that shows an issue about `path` ("input.width"); null lists it above the submit button. */
  fieldOf: (path: string) => Field | null;
  /** The name a listed issue goes by (default: its path as the server sent it). */
  listedName?: (path: string) => string;
  /** A refusal in words: beside one field, or (a string) above the submit button. */
  refusal: (outcome: JobRefusal) => { field: Field; message: string } | string;
}

/**
 * Sends a mutation that queues a job and sorts out the answer: a queued job joins the session (and
 * every job list), field issues go beside their fields, anything else is said in words above the
 * submit button. Several may be in flight: the form stays usable while one is queued.
 */
export function useJobSubmit<Field extends string>({
  onQueued,
  fieldOf,
  listedName = (path) => path,
  refusal,
}: JobSubmitOptions<Field>) {
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState(0);
  const session = useJobSession();

  const submit = async (
    send: () => Promise<{ error?: CombinedError | undefined; outcome?: JobOutcome | null | undefined }>,
  ) => {
    setFormError(null);
    // Work that costs money is never queued to run later: the person decides again once online.
    if (isOffline()) {
      setFormError(OFFLINE_MESSAGE);
      return;
    }
    setInFlight((n) => n + 1);
    const { error, outcome } = await send();
    setInFlight((n) => n - 1);
    if (error || !outcome) {
      setFormError(error ? networkMessage(error) : 'The server sent no answer. Try again.');
      return;
    }
    switch (outcome.__typename) {
      case 'Job':
        setErrors({});
        session.add([outcome]);
        onQueued?.(outcome);
        return;
      case 'InvalidInputError': {
        const fieldErrors: FieldErrors<Field> = {};
        const loose: string[] = [];
        for (const issue of outcome.issues) {
          const field = fieldOf(issue.field);
          if (field) {
            fieldErrors[field] = [fieldErrors[field], issue.message].filter(Boolean).join(' ');
          } else loose.push(`${listedName(issue.field)}: ${issue.message}`);
        }
        setErrors(fieldErrors);
        if (loose.length > 0 || outcome.issues.length === 0) {
          setFormError([outcome.message, ...loose].join(' '));
        }
        return;
      }
      case 'QuotaExceededError':
        setFormError(quotaMessage(outcome));
        return;
      case 'BaseError': {
        const said = refusal(outcome);
        if (typeof said === 'string') setFormError(said);
        else setErrors({ [said.field]: said.message } as FieldErrors<Field>);
        return;
      }
    }
  };

  /** Forgets the error beside `field` (once the person changes it). */
  const clear = (field: Field) =>
    setErrors((prev) => {
      if (!(field in prev)) return prev;
      const { [field]: _removed, ...rest } = prev;
      return rest as FieldErrors<Field>;
    });

  return { errors, setErrors, formError, setFormError, pending: inFlight > 0, submit, clear };
}
