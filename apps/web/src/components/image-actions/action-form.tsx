import { useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import type { ErrorCode, JobCard_JobFragment } from '../../gql/graphql';
import { findModel, fallbackCandidates, modelsFor, type Provider } from '../generate/capabilities';
import { refusalMessage } from '../auth/form-errors';
import { FallbackPicker } from '../generate/fallback-picker';
import { networkMessage } from '../generate/generate-form';
import { useProviderName, useProviders } from '../generate/use-providers';
import { explainJobError } from '../job/job-errors';
import { useJobSession } from '../job/job-session';
import { quotaMessage, type QuotaErrorLike } from '../job/quota';
import { Field } from '../ui/field';
import { choiceFor, providersFor, type ImageAction, type ProviderChoice } from './operations';

/** What the four action mutations answer; their generated types all fit it. */
export type ActionOutcome =
  | ({ __typename: 'Job' } & JobCard_JobFragment)
  | {
      __typename: 'InvalidInputError';
      message: string;
      issues: readonly { field: string; message: string }[];
    }
  | { __typename: 'BaseError'; code: ErrorCode; message: string; details?: unknown }
  | ({ __typename: 'QuotaExceededError' } & QuotaErrorLike);

export type FieldErrors = Partial<Record<string, string>>;

const VERBS: Record<ImageAction, string> = {
  VARIATION: 'make variations of',
  ENHANCE: 'enhance',
  RESTYLE: 'restyle',
  EDIT: 'edit',
};

/**
 * Sends an action and sorts out the answer: a queued job joins the session (and every job list),
 * field issues go beside their fields, anything else is said in words above the submit button.
 */
export function useJobSubmit(onQueued: (job: JobCard_JobFragment) => void) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const session = useJobSession();
  const providerName = useProviderName();

  const submit = async (
    provider: string,
    send: () => Promise<{ error?: CombinedError | undefined; outcome?: ActionOutcome | null | undefined }>,
  ) => {
    setPending(true);
    setFormError(null);
    const { error, outcome } = await send();
    setPending(false);
    if (error || !outcome) {
      setFormError(error ? networkMessage(error) : 'The server sent no answer. Try again.');
      return;
    }
    switch (outcome.__typename) {
      case 'Job':
        setErrors({});
        session.add([outcome]);
        onQueued(outcome);
        return;
      case 'InvalidInputError': {
        const fieldErrors: FieldErrors = {};
        const loose: string[] = [];
        for (const issue of outcome.issues) {
          const field = issue.field.replace(/^input\./, '');
          if (FIELDS.has(field)) {
            fieldErrors[field] = [fieldErrors[field], issue.message].filter(Boolean).join(' ');
          } else loose.push(`${field}: ${issue.message}`);
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
        if (outcome.code === 'SERVICE_UNAVAILABLE') {
          setFormError(refusalMessage(outcome));
          return;
        }
        const explanation = explainJobError(outcome, { name: providerName(provider), id: provider });
        const said = outcome.message && outcome.message !== explanation.title ? ` ${outcome.message}.` : '';
        setFormError(`${explanation.title}.${said} ${explanation.advice}`);
        return;
      }
    }
  };

  const clear = (field: string) =>
    setErrors((prev) => {
      if (!(field in prev)) return prev;
      const { [field]: _removed, ...rest } = prev;
      return rest;
    });

  return { errors, formError, setFormError, pending, submit, clear };
}

/** Fields that show their own errors; issues about others are listed above the submit button. */
const FIELDS = new Set([
  'provider',
  'model',
  'count',
  'prompt',
  'strength',
  'scale',
  'styleText',
  'styleReferenceImageId',
  'mask',
]);

/** Loads the providers first: every action form starts from their capabilities. */
export function WithProviders({ children }: { children: (providers: readonly Provider[]) => ReactNode }) {
  const [{ data, error, fetching }, refetch] = useProviders();
  if (data?.providers) return <>{children(data.providers)}</>;
  if (error) {
    return (
      <div className="form-error" role="alert">
        <p>Could not load the providers: {networkMessage(error)}</p>
        <button
          type="button"
          className="button button-small"
          onClick={() => refetch({ requestPolicy: 'network-only' })}
        >
          Retry
        </button>
      </div>
    );
  }
  return (
    <p className="muted" role="status">
      {fetching ? 'Loading providers…' : 'No providers are configured on this server.'}
    </p>
  );
}

interface ProviderFieldsProps {
  operation: ImageAction;
  providers: readonly Provider[];
  choice: ProviderChoice;
  onChange: (choice: ProviderChoice) => void;
  errors: FieldErrors;
  /** Enhance takes no model. */
  withModel?: boolean;
}

/** Provider (only those that can do the operation; unavailable ones disabled with why), model, fallbacks. */
export function ProviderFields({
  operation,
  providers,
  choice,
  onChange,
  errors,
  withModel = true,
}: ProviderFieldsProps) {
  const usable = providersFor(providers, operation);
  const provider = usable.find((p) => p.id === choice.provider);
  const models = provider ? modelsFor(provider, operation) : [];
  const model = findModel(provider, choice.model, operation);
  const candidates = fallbackCandidates(providers, choice.provider, operation);

  if (usable.length === 0) {
    return (
      <p className="form-error" role="alert">
        No provider on this server can {VERBS[operation]} images.
      </p>
    );
  }

  return (
    <>
      <Field
        label="Provider"
        className="field-wide provider-field"
        error={errors.provider}
        hint={provider ? (provider.available ? provider.description : provider.unavailableReason) : undefined}
      >
        {(control) => (
          <select
            {...control}
            className="input"
            value={choice.provider}
            onChange={(event) => onChange(choiceFor(providers, event.target.value, operation, choice))}
          >
            {usable.map((p) => (
              <option key={p.id} value={p.id} disabled={!p.available}>
                {p.available ? p.displayName : `${p.displayName} — ${p.unavailableReason ?? 'unavailable'}`}
              </option>
            ))}
          </select>
        )}
      </Field>
      {withModel && models.length > 0 && model && (
        <Field
          label="Model"
          className="field-wide provider-field"
          error={errors.model}
          hint={model.description}
        >
          {(control) => (
            <select
              {...control}
              className="input"
              value={model.id}
              onChange={(event) =>
                onChange(
                  choiceFor(providers, choice.provider, operation, { ...choice, model: event.target.value }),
                )
              }
            >
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {usable.length > 1 && (
        <FallbackPicker
          className="field-wide"
          candidates={candidates}
          value={choice.fallbackProviders}
          chosenName={provider?.displayName ?? choice.provider}
          onChange={(fallbackProviders) => onChange({ ...choice, fallbackProviders })}
        />
      )}
    </>
  );
}

interface PromptOverrideFieldProps {
  value: string;
  /** The source image's prompt: what a blank field keeps. */
  imagePrompt: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/** An optional new prompt for an action on an image; blank keeps the image's own. */
export function PromptOverrideField({ value, imagePrompt, error, onChange }: PromptOverrideFieldProps) {
  return (
    <Field label="Prompt" className="field-wide" error={error} hint="Blank keeps the image’s own prompt">
      {(control) => (
        <textarea
          {...control}
          className="input"
          rows={2}
          placeholder={imagePrompt}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

interface ActionFooterProps {
  label: string;
  pending: boolean;
  disabled: boolean;
  formError: string | null;
  onCancel: () => void;
}

export function ActionFooter({ label, pending, disabled, formError, onCancel }: ActionFooterProps) {
  return (
    <div className="action-footer field-wide">
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="action-buttons">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={disabled || pending}>
          {label}
        </button>
      </div>
      {pending && (
        <p className="muted" role="status">
          Queuing…
        </p>
      )}
    </div>
  );
}

export function providerLabel(providers: readonly Provider[], id: string): string {
  return providers.find((p) => p.id === id)?.displayName ?? id;
}
