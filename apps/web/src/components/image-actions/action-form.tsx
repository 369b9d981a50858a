import type { ReactNode } from 'react';
import type { JobCard_JobFragment } from '../../gql/graphql';
import { findModel, fallbackCandidates, modelsFor, type Provider } from '../../lib/provider-capabilities';
import { networkMessage, refusalMessage } from '../auth/form-errors';
import { FallbackPicker } from '../generate/fallback-picker';
import { shortProviderName, useProviderName, useProviders } from '../generate/use-providers';
import { explainJobError } from '../job/job-errors';
import { useJobSubmit, type FieldErrors } from '../job/use-job-submit';
import { Field } from '../ui/field';
import { SelectField } from '../ui/select-field';
import { InlineLoadError, LoadingState } from '../ui/view-state';
import {
  choiceFor,
  enhanceScales,
  providersFor,
  type ActionImage,
  type ImageAction,
  type ProviderChoice,
} from './operations';
import './image-actions.css';
import { useOnline } from '../../hooks/use-online';

/** What each action form is given: the image, the providers (loaded), and where to report. */
export interface ActionFormProps {
  image: ActionImage;
  providers: readonly Provider[];
  onQueued: (job: JobCard_JobFragment) => void;
  onCancel: () => void;
}

const VERBS: Record<ImageAction, string> = {
  VARIATION: 'make variations of',
  ENHANCE: 'enhance',
  RESTYLE: 'restyle',
  EDIT: 'edit',
};

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

const withoutInput = (path: string) => path.replace(/^input\./, '');

/**
 * Sends an action (see useJobSubmit); a refusal is explained with what the chosen provider is
 * known to refuse, and what to do about it.
 */
export function useActionSubmit(onQueued: (job: JobCard_JobFragment) => void, provider: string | undefined) {
  const providerName = useProviderName();
  return useJobSubmit<string>({
    onQueued,
    fieldOf: (path) => (FIELDS.has(withoutInput(path)) ? withoutInput(path) : null),
    listedName: withoutInput,
    refusal: (outcome) => {
      if (outcome.code === 'SERVICE_UNAVAILABLE') return refusalMessage(outcome);
      const id = provider ?? '';
      const explanation = explainJobError(outcome, { name: providerName(id), id });
      const said = outcome.message && outcome.message !== explanation.title ? ` ${outcome.message}.` : '';
      return `${explanation.title}.${said} ${explanation.advice}`;
    },
  });
}

/** Loads the providers first: every action form starts from their capabilities. */
export function WithProviders({ children }: { children: (providers: readonly Provider[]) => ReactNode }) {
  const [{ data, error, fetching }, refetch] = useProviders();
  if (data?.providers) return <>{children(data.providers)}</>;
  if (error) {
    return (
      <InlineLoadError
        what="the providers"
        message={networkMessage(error)}
        onRetry={() => refetch({ requestPolicy: 'network-only' })}
      />
    );
  }
  return (
    <LoadingState label={fetching ? 'Loading providers…' : 'No providers are configured on this server.'} />
  );
}

interface ProviderFieldsProps {
  operation: ImageAction;
  providers: readonly Provider[];
  choice: ProviderChoice;
  onChange: (choice: ProviderChoice) => void;
  errors: FieldErrors<string>;
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
      <SelectField
        label="Provider"
        className="field-wide provider-field"
        error={errors.provider}
        hint={provider && !provider.available ? provider.unavailableReason : undefined}
        value={choice.provider}
        options={usable.map((p) => ({
          value: p.id,
          label: p.available
            ? actionProviderName(p, operation)
            : `${actionProviderName(p, operation)} — ${p.unavailableReason ?? 'unavailable'}`,
          disabled: !p.available,
        }))}
        onChange={(id) => onChange(choiceFor(providers, id, operation, choice))}
      />
      {withModel && models.length > 0 && model && (
        <SelectField
          label="Model"
          className="field-wide provider-field"
          error={errors.model}
          value={model.id}
          options={models.map((m) => ({ value: m.id, label: m.name }))}
          onChange={(id) =>
            onChange(choiceFor(providers, choice.provider, operation, { ...choice, model: id }))
          }
        />
      )}
      {provider?.available && operation !== 'ENHANCE' && (
        <details className="action-about field-wide">
          <summary>About {actionProviderName(provider, operation)}</summary>
          <p>{provider.description}</p>
          {withModel && model && model.description !== provider.description && <p>{model.description}</p>}
        </details>
      )}
      {usable.length > 1 && (
        <FallbackPicker
          className="field-wide"
          candidates={candidates}
          value={choice.fallbackProviders}
          chosenName={provider ? actionProviderName(provider, operation) : choice.provider}
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
  const online = useOnline();
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
        <button type="submit" className="button button-primary" disabled={disabled || pending || !online}>
          {online ? label : 'Offline'}
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

/**
 * A provider's short name in an action dialog. For Enhance on this server it names what runs (the
 * local provider's name is about its procedural renderer, which does not upscale).
 */
export function actionProviderName(provider: Provider, operation: ImageAction): string {
  const upscaler = modelsFor(provider, 'ENHANCE').find((model) => model.operations.length === 1);
  if (operation === 'ENHANCE' && provider.id === 'local' && upscaler) {
    const scales = enhanceScales(provider)
      .map((scale) => `×${scale}`)
      .join('/');
    return `${upscaler.name.replace(/\s*\(local\)\s*$/i, '')} upscaler ${scales} on this server`;
  }
  return shortProviderName(provider.displayName);
}

export function providerLabel(providers: readonly Provider[], id: string): string {
  return providers.find((p) => p.id === id)?.displayName ?? id;
}
