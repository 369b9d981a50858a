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
import { imagesLeft } from '../job/quota';
import { useJobSubmit, type JobRefusal } from '../job/use-job-submit';
import { Field } from '../ui/field';
import { InlineLoadError } from '../ui/view-state';
import { ParameterFields } from './parameter-fields';
import {
  prefilledProviderId,
  prefilledValues,
  presetPrefill,
  rememberable,
  templateInput,
  type GeneratePrefill,
} from './prefill';
import { PresetPicker } from './preset-picker';
import { SavePromptButton } from './save-prompt-button';
import { TemplateFields } from './template-fields';
import { usePromptSuggestions } from './prompt-suggestions';
import { usePromptDraft } from './use-prompt-draft';
import { useProviders } from './use-providers';
import './generate.css';
import { useOnline } from '../../hooks/use-online';

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
  const [stored, saveSettings] = useLocalStorage<Settings>('atelier.generate.settings', {});
  const settings = useMemo(() => rememberable(stored), [stored]);
  const { prompt, setPrompt, sent } = usePromptDraft(variant === 'page', prefill?.prompt);
  const [edited, setParams] = useState<GenerateValues | null>(null);
  const [collectionId, setCollectionId] = useState<string | null>(null);
  const [template, setTemplate] = useState(prefill?.template ?? null);
  const [presetId, setPresetId] = useState(prefill?.presetId ?? null);
  // After a daily-limit refusal: how many images may still be made today.
  const [fewer, setFewer] = useState<number | null>(null);
  const [, generate] = useMutation(GenerateForm_GenerateImages);
  const { errors, setErrors, formError, pending, submit } = useJobSubmit({
    onQueued: (job) => {
      sent();
      onQueued?.(job);
    },
    fieldOf: fieldOfIssue,
    refusal: placeRefusal,
  });
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const suggest = usePromptSuggestions(prompt, setPrompt);
  useAutosize(promptRef, prompt);

  // Providers arrive after the first paint (the prompt is usable before that); until the person
  // changes something, the parameters are the chosen provider's defaults.
  const defaults = useMemo(() => {
    const chosen = pickProvider(providers, prefilledProviderId(settings, prefill));
    return chosen ? prefilledValues(chosen, settings, prefill, providers) : null;
  }, [providers, settings, prefill]);
  const params = edited ?? defaults;
  const fromLastTime = !edited && !prefill?.settings?.provider && Object.keys(settings).length > 0;
  const resetToDefaults = () => {
    saveSettings({});
    setParams(null);
  };
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
    saveSettings(rememberable(next));
  };

  const changeProvider = (id: string, modelId?: string) => {
    const next = providers.find((p) => p.id === id);
    if (!next || !params) return;
    const values = valuesForProvider(next, { ...params, model: modelId ?? params.model }, providers);
    setParams(values);
    setErrors({});
    saveSettings(rememberable(values));
  };

  // A template writes the prompt; the preset fills the fields now and wraps the prompt on the server.
  const setTemplatePrompt = useCallback(
    (text: string | null) => {
      if (text !== null) setPrompt(text);
    },
    [setPrompt],
  );
  const applyPreset = (preset: Parameters<typeof presetPrefill>[0] | null, id: string | null) => {
    setPresetId(id);
    const next = preset && providers.find((p) => p.id === (preset.provider ?? params?.provider));
    if (!next || !params) return;
    // The preset fills what it sets; the rest of the form stays as the person left it.
    const { settings: { provider: _, ...settings } = {}, ...fill } = presetPrefill(preset);
    setParams(prefilledValues(next, params, { ...fill, settings }, providers));
    setErrors({});
  };

  const send = async (changes: Partial<GenerateValues> = {}) => {
    if (!params || !provider) return;
    setFewer(null);
    if (!prompt.trim()) {
      setErrors({ prompt: 'Write a prompt first: what should the image show?' });
      promptRef.current?.focus();
      return;
    }
    await submit(async () => {
      const result = await generate({
        input: {
          ...toInput({ ...params, ...changes, prompt }, provider),
          ...(collectionId && { collectionId }),
          ...(template && { template: templateInput(template) }),
          ...(presetId && { presetId }),
        },
      });
      const outcome = result.data?.generateImages;
      if (outcome?.__typename === 'QuotaExceededError') setFewer(imagesLeft(outcome));
      return { error: result.error, outcome };
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target === promptRef.current && suggest.onKeyDown(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const label = submitLabel(params ?? { count: '1', width: '', height: '' }, provider);
  const ready = !!provider?.available && !!model;
  const online = useOnline();

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
            <div className="prompt-box">
              <textarea
                {...control}
                {...(!template && suggest.inputProps)}
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
                  if (!template) suggest.typed();
                  if (errors.prompt) setErrors(({ prompt: _, ...rest }) => rest);
                }}
                onBlur={suggest.close}
              />
              {!template && suggest.list}
            </div>
          )}
        </Field>
        <div className="generate-submit-row">
          <SavePromptButton prompt={prompt} negativePrompt={params?.negativePrompt} />
          <span className="generate-shortcut" aria-hidden="true">
            <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Enter</kbd>
          </span>
          <button
            type="submit"
            className="button button-primary generate-submit"
            disabled={!ready || !online}
          >
            {online ? label : 'Offline'}
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
        {formError && fewer && (
          <button
            type="button"
            className="button generate-fewer"
            onClick={() => {
              update({ count: String(fewer) });
              void send({ count: String(fewer) });
            }}
          >
            Make {fewer} {fewer === 1 ? 'image' : 'images'}
          </button>
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
            {fromLastTime && (
              <p className="generate-remembered muted field-wide">
                Set up as you left it last time.{' '}
                <button type="button" className="button button-small button-ghost" onClick={resetToDefaults}>
                  Use defaults
                </button>
              </p>
            )}
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
