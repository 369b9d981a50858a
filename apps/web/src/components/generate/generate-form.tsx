import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { JobCard_JobFragment } from '../../gql/graphql';
import { useAutosize } from '../../hooks/use-autosize';
import { useLocalStorage } from '../../hooks/use-local-storage';
import {
  fieldOfIssue,
  findModel,
  pickProvider,
  submitLabel,
  toInput,
  valuesForProvider,
  type FieldName,
  type GenerateValues,
} from '../../lib/provider-capabilities';
import { networkMessage, refusalMessage } from '../auth/form-errors';
import { CollectionSelect } from '../collections/collection-select';
import { useJobSubmit, type JobRefusal } from '../job/use-job-submit';
import { Field } from '../ui/field';
import { InlineLoadError } from '../ui/view-state';
import { ParameterFields } from './parameter-fields';
import {
  prefilledProviderId,
  prefilledValues,
  presetPrefill,
  templateInput,
  type GeneratePrefill,
} from './prefill';
import { PresetPicker } from './preset-picker';
import { SavePromptButton } from './save-prompt-button';
import { TemplateFields } from './template-fields';
import { useProviders } from './use-providers';
import './generate.css';

export const GenerateForm_GenerateImages = graphql(`
  mutation GenerateForm_GenerateImages($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);

type Settings = Partial<Omit<GenerateValues, 'prompt' | 'seed' | 'negativePrompt'>>;

/** A refusal about the prompt or the provider goes beside that field. */
function placeRefusal(outcome: JobRefusal): { field: FieldName; message: string } | string {
  if (outcome.code === 'INVALID_PROMPT') return { field: 'prompt', message: outcome.message };
  if (outcome.code === 'UNKNOWN_PROVIDER' || outcome.code === 'PROVIDER_UNAVAILABLE') {
    return { field: 'provider', message: outcome.message };
  }
  return refusalMessage(outcome);
}

interface GenerateFormProps {
  variant: 'page' | 'dialog';
  /** Called once the server has queued the job. */
  onQueued?: (job: JobCard_JobFragment) => void;
  autoFocus?: boolean;
  /** Values to start from instead of the remembered ones (see prefill.ts). */
  prefill?: GeneratePrefill;
}

/** The whole Generate form: prompt, provider, and only the parameters that provider supports. */
export function GenerateForm({ variant, onQueued, autoFocus = false, prefill }: GenerateFormProps) {
  const [{ data, error: providersError, fetching }, refetchProviders] = useProviders();
  const providers = useMemo(() => data?.providers ?? [], [data]);
  const [settings, saveSettings] = useLocalStorage<Settings>('atelier.generate.settings', {});
  const [prompt, setPrompt] = useState(prefill?.prompt ?? '');
  const [edited, setParams] = useState<GenerateValues | null>(null);
  const [collectionId, setCollectionId] = useState<string | null>(null);
  const [template, setTemplate] = useState(prefill?.template ?? null);
  const [presetId, setPresetId] = useState(prefill?.presetId ?? null);
  const [, generate] = useMutation(GenerateForm_GenerateImages);
  const { errors, setErrors, formError, pending, submit } = useJobSubmit({
    onQueued,
    fieldOf: fieldOfIssue,
    refusal: placeRefusal,
  });
  const promptRef = useRef<HTMLTextAreaElement>(null);
  useAutosize(promptRef, prompt);

  // Providers arrive after the first paint (the prompt is usable before that); until the person
  // changes something, the parameters are the chosen provider's defaults.
  const defaults = useMemo(() => {
    const chosen = pickProvider(providers, prefilledProviderId(settings, prefill));
    return chosen ? prefilledValues(chosen, settings, prefill, providers) : null;
  }, [providers, settings, prefill]);
  const params = edited ?? defaults;
  const provider = providers.find((p) => p.id === params?.provider);
  const model = findModel(provider, params?.model);

  useEffect(() => {
    if (autoFocus) promptRef.current?.focus();
  }, [autoFocus]);

  const update = (changes: Partial<GenerateValues>) => {
    if (!params) return;
    const next = { ...params, ...changes };
    setParams(next);
    setErrors((prev) => {
      const rest = { ...prev };
      for (const key of Object.keys(changes) as FieldName[]) delete rest[key];
      return rest;
    });
    const { prompt: _p, seed: _s, negativePrompt: _n, ...persisted } = next;
    saveSettings(persisted);
  };

  const changeProvider = (id: string, modelId?: string) => {
    const next = providers.find((p) => p.id === id);
    if (!next || !params) return;
    const values = valuesForProvider(next, { ...params, model: modelId ?? params.model }, providers);
    setParams(values);
    setErrors({});
    const { prompt: _p, seed: _s, negativePrompt: _n, ...persisted } = values;
    saveSettings(persisted);
  };

  // A template writes the prompt; the preset fills the fields now and wraps the prompt on the server.
  const setTemplatePrompt = useCallback((text: string | null) => {
    if (text !== null) setPrompt(text);
  }, []);
  const applyPreset = (preset: Parameters<typeof presetPrefill>[0] | null, id: string | null) => {
    setPresetId(id);
    const next = preset && providers.find((p) => p.id === (preset.provider ?? params?.provider));
    if (!next || !params) return;
    setParams(prefilledValues(next, params, presetPrefill(preset), providers));
    setErrors({});
  };

  const send = async () => {
    if (!params || !provider) return;
    if (!prompt.trim()) {
      setErrors({ prompt: 'Write a prompt first: what should the image show?' });
      promptRef.current?.focus();
      return;
    }
    await submit(async () => {
      const result = await generate({
        input: {
          ...toInput({ ...params, prompt }, provider),
          ...(collectionId && { collectionId }),
          ...(template && { template: templateInput(template) }),
          ...(presetId && { presetId }),
        },
      });
      return { error: result.error, outcome: result.data?.generateImages };
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const label = submitLabel(params ?? { count: '1', width: '', height: '' }, provider);
  const ready = !!provider?.available && !!model;

  return (
    <form className={`generate generate-${variant}`} noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
      <div className="generate-main">
        {template && (
          <TemplateFields
            use={template}
            onChange={setTemplate}
            onPrompt={setTemplatePrompt}
            onStop={() => setTemplate(null)}
          />
        )}
        <Field label="Prompt" error={errors.prompt}>
          {(control) => (
            <textarea
              {...control}
              ref={promptRef}
              className="input prompt-input"
              name="prompt"
              rows={3}
              value={prompt}
              readOnly={!!template}
              maxLength={model?.maxPromptLength || undefined}
              placeholder="A lighthouse on a cliff at dusk, long exposure…"
              data-primary-prompt={variant === 'page' ? '' : undefined}
              onChange={(event) => {
                setPrompt(event.target.value);
                if (errors.prompt) setErrors(({ prompt: _, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        <div className="generate-submit-row">
          <SavePromptButton prompt={prompt} negativePrompt={params?.negativePrompt} />
          <span className="generate-shortcut" aria-hidden="true">
            <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Enter</kbd>
          </span>
          <button type="submit" className="button button-primary generate-submit" disabled={!ready}>
            {label}
          </button>
        </div>
        <CollectionSelect value={collectionId} onChange={setCollectionId} />
        {pending && (
          <p className="generate-pending" role="status">
            Queuing…
          </p>
        )}
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
      </div>
      <div className="generate-panel" role="group" aria-label="Parameters">
        {providersError && !data ? (
          <InlineLoadError
            what="the providers"
            message={networkMessage(providersError)}
            onRetry={() => refetchProviders({ requestPolicy: 'network-only' })}
          />
        ) : !params || !provider ? (
          <p className="muted">
            {fetching ? 'Loading providers…' : 'No providers are configured on this server.'}
          </p>
        ) : !model ? (
          <p className="muted">{provider.displayName} offers no model that generates images.</p>
        ) : (
          <>
            <PresetPicker
              className="field-wide"
              value={presetId}
              onPick={(preset) => applyPreset(preset?.settings ?? null, preset?.id ?? null)}
            />
            <ParameterFields
              providers={providers}
              provider={provider}
              model={model}
              values={params}
              errors={errors}
              onChange={update}
              onProviderChange={changeProvider}
            />
          </>
        )}
      </div>
    </form>
  );
}
