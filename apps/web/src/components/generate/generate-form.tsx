import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { graphql } from '../../gql';
import type { ImageQuality, JobCard_JobFragment, MagicPrompt } from '../../gql/graphql';
import { useAutosize } from '../../hooks/use-autosize';
import { useLocalStorage } from '../../hooks/use-local-storage';
import { serviceUnavailableRetryAfter } from '../../lib/service-unavailable';
import { refusalMessage, requestFailedMessage } from '../auth/form-errors';
import { useJobSession } from '../job/job-session';
import { quotaMessage } from '../job/quota';
import { Field } from '../ui/field';
import { DiceIcon } from '../ui/icons';
import {
  ASPECTS,
  aspectRatioLabel,
  aspectSize,
  fallbackCandidates,
  fieldOfIssue,
  findModel,
  MAGIC_PROMPTS,
  matchingAspect,
  maxCount,
  modelsFor,
  QUALITIES,
  randomSeed,
  sizeHint,
  styleLabel,
  sizeInputProps,
  submitLabel,
  toInput,
  valuesForProvider,
  visibleFields,
  type FieldName,
  type GenerateValues,
  type Model,
  type Provider,
} from './capabilities';
import { CollectionSelect } from '../collections/collection-select';
import { FallbackPicker } from './fallback-picker';
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
type FieldErrors = Partial<Record<FieldName, string>>;

interface GenerateFormProps {
  variant: 'page' | 'dialog';
  /** Called once the server has queued the job. */
  onQueued?: (job: JobCard_JobFragment) => void;
  autoFocus?: boolean;
  /** Values to start from instead of the remembered ones (see prefill.ts). */
  prefill?: GeneratePrefill;
}

export function networkMessage(error: CombinedError): string {
  if (serviceUnavailableRetryAfter(error.graphQLErrors) !== null) return requestFailedMessage(error);
  if (error.networkError) {
    return 'Could not reach the Atelier server. Check your connection (and that the API is running), then try again.';
  }
  const first = error.graphQLErrors[0]?.message ?? error.message;
  return `The server could not take the request: ${first}. Try again; if it keeps failing, check the server log.`;
}

export function pickProvider(
  providers: readonly Provider[],
  wanted: string | undefined,
): Provider | undefined {
  return (
    providers.find((p) => p.id === wanted && p.available) ??
    providers.find((p) => p.available) ??
    providers[0]
  );
}

/** The whole Generate form: prompt, provider, and only the parameters that provider supports. */
export function GenerateForm({ variant, onQueued, autoFocus = false, prefill }: GenerateFormProps) {
  const [{ data, error: providersError, fetching }, refetchProviders] = useProviders();
  const providers = useMemo(() => data?.providers ?? [], [data]);
  const [settings, saveSettings] = useLocalStorage<Settings>('atelier.generate.settings', {});
  const [prompt, setPrompt] = useState(prefill?.prompt ?? '');
  const [edited, setParams] = useState<GenerateValues | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const [collectionId, setCollectionId] = useState<string | null>(null);
  const [template, setTemplate] = useState(prefill?.template ?? null);
  const [presetId, setPresetId] = useState(prefill?.presetId ?? null);
  const [, generate] = useMutation(GenerateForm_GenerateImages);
  const session = useJobSession();
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

  const submit = async () => {
    if (!params || !provider) return;
    if (!prompt.trim()) {
      setErrors({ prompt: 'Write a prompt first: what should the image show?' });
      promptRef.current?.focus();
      return;
    }
    setFormError(null);
    setPending((n) => n + 1);
    const result = await generate({
      input: {
        ...toInput({ ...params, prompt }, provider),
        ...(collectionId && { collectionId }),
        ...(template && { template: templateInput(template) }),
        ...(presetId && { presetId }),
      },
    });
    setPending((n) => n - 1);
    const outcome = result.data?.generateImages;
    if (result.error || !outcome) {
      setFormError(result.error ? networkMessage(result.error) : 'The server sent no answer. Try again.');
      return;
    }
    if (outcome.__typename === 'Job') {
      setErrors({});
      session.add([outcome]);
      onQueued?.(outcome);
    } else if (outcome.__typename === 'InvalidInputError') {
      const fieldErrors: FieldErrors = {};
      const loose: string[] = [];
      for (const issue of outcome.issues) {
        const field = fieldOfIssue(issue.field);
        if (field) {
          fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${issue.message}` : issue.message;
        } else loose.push(`${issue.field}: ${issue.message}`);
      }
      setErrors(fieldErrors);
      if (loose.length > 0 || outcome.issues.length === 0) {
        setFormError([outcome.message, ...loose].join(' '));
      }
    } else if (outcome.__typename === 'QuotaExceededError') {
      setFormError(quotaMessage(outcome));
    } else {
      if (outcome.code === 'INVALID_PROMPT') setErrors({ prompt: outcome.message });
      else if (outcome.code === 'UNKNOWN_PROVIDER' || outcome.code === 'PROVIDER_UNAVAILABLE') {
        setErrors({ provider: outcome.message });
      } else setFormError(refusalMessage(outcome));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
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
        {pending > 0 && (
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
          <div className="form-error" role="alert">
            <p>Could not load the providers: {networkMessage(providersError)}</p>
            <button
              type="button"
              className="button button-small"
              onClick={() => refetchProviders({ requestPolicy: 'network-only' })}
            >
              Retry
            </button>
          </div>
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

export interface ParameterFieldsProps {
  providers: readonly Provider[];
  provider: Provider;
  model: Model;
  values: GenerateValues;
  errors: FieldErrors;
  onChange: (changes: Partial<GenerateValues>) => void;
  onProviderChange: (id: string, modelId?: string) => void;
}

export function ParameterFields({
  providers,
  provider,
  model,
  values,
  errors,
  onChange,
  onProviderChange,
}: ParameterFieldsProps) {
  const show = visibleFields(model);
  const rule = model.size;
  const countMax = maxCount(model);
  const models = modelsFor(provider);

  return (
    <>
      <Field
        label="Provider"
        className="field-wide provider-field"
        error={errors.provider}
        hint={provider.available ? provider.description : provider.unavailableReason}
      >
        {(control) => (
          <select
            {...control}
            className="input"
            value={values.provider}
            onChange={(e) => onProviderChange(e.target.value)}
          >
            {providers.map((p) => (
              <option key={p.id} value={p.id} disabled={!p.available}>
                {p.available ? p.displayName : `${p.displayName} — ${p.unavailableReason ?? 'unavailable'}`}
              </option>
            ))}
          </select>
        )}
      </Field>

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
            onChange={(e) => onProviderChange(provider.id, e.target.value)}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      {rule && (
        <>
          <SizePresets rule={rule} values={values} onChange={onChange} />
          <Field label="Width" error={errors.width}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="number"
                inputMode="numeric"
                {...sizeInputProps(rule)}
                value={values.width}
                onChange={(e) => onChange({ width: e.target.value })}
              />
            )}
          </Field>
          <Field label="Height" error={errors.height}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="number"
                inputMode="numeric"
                {...sizeInputProps(rule)}
                value={values.height}
                onChange={(e) => onChange({ height: e.target.value })}
              />
            )}
          </Field>
          <p className="field-hint field-wide size-hint">{sizeHint(rule)}</p>
        </>
      )}

      {show.aspectRatio && (
        <Field label="Aspect ratio" error={errors.aspectRatio}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={values.aspectRatio}
              onChange={(e) => onChange({ aspectRatio: e.target.value })}
            >
              {model.aspectRatios.map((ratio) => (
                <option key={ratio} value={ratio}>
                  {aspectRatioLabel(ratio)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      {show.quality && (
        <Field label="Quality" error={errors.quality}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={values.quality}
              onChange={(e) => onChange({ quality: e.target.value as ImageQuality })}
            >
              {QUALITIES.map((quality) => (
                <option key={quality.value} value={quality.value}>
                  {quality.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      {show.steps && model.steps && (
        <Field label="Steps" error={errors.steps} hint={`${model.steps.min}–${model.steps.max}`}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="number"
              inputMode="numeric"
              min={model.steps?.min}
              max={model.steps?.max}
              step={1}
              value={values.steps}
              onChange={(e) => onChange({ steps: e.target.value })}
            />
          )}
        </Field>
      )}

      {show.style && (
        <Field label="Style" error={errors.style}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={values.style}
              onChange={(e) => onChange({ style: e.target.value })}
            >
              <option value="">None</option>
              {model.styles
                .filter((style) => style.toLowerCase() !== 'none')
                .map((style) => (
                  <option key={style} value={style}>
                    {styleLabel(style)}
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}

      <Field label="Count" error={errors.count} hint={`1–${countMax}`}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={countMax}
            step={1}
            value={values.count}
            onChange={(e) => onChange({ count: e.target.value })}
          />
        )}
      </Field>

      {show.seed && (
        <Field label="Seed" error={errors.seed} hint="Blank for random">
          {(control) => (
            <div className="input-with-button">
              <input
                {...control}
                className="input"
                type="number"
                inputMode="numeric"
                min={0}
                max={2147483647}
                step={1}
                placeholder="Random"
                value={values.seed}
                onChange={(e) => onChange({ seed: e.target.value })}
              />
              <button
                type="button"
                className="icon-button"
                aria-label="Pick a random number"
                title="Random seed"
                onClick={() => onChange({ seed: String(randomSeed()) })}
              >
                <DiceIcon />
              </button>
            </div>
          )}
        </Field>
      )}

      {show.negativePrompt && (
        <Field label="Negative prompt" className="field-wide" error={errors.negativePrompt}>
          {(control) => (
            <textarea
              {...control}
              className="input"
              rows={2}
              placeholder="What to leave out"
              value={values.negativePrompt}
              onChange={(e) => onChange({ negativePrompt: e.target.value })}
            />
          )}
        </Field>
      )}

      {show.magicPrompt && (
        <Field label="Magic prompt" error={errors.magicPrompt} hint="Let the provider rewrite the prompt">
          {(control) => (
            <select
              {...control}
              className="input"
              value={values.magicPrompt}
              onChange={(e) => onChange({ magicPrompt: e.target.value as MagicPrompt })}
            >
              {MAGIC_PROMPTS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      {providers.length > 1 && (
        <FallbackPicker
          className="field-wide"
          candidates={fallbackCandidates(providers, provider.id)}
          value={values.fallbackProviders}
          chosenName={provider.displayName}
          onChange={(fallbackProviders) => onChange({ fallbackProviders })}
        />
      )}
    </>
  );
}

/** One-click sizes of common shapes that obey the model's size rule. */
function SizePresets({
  rule,
  values,
  onChange,
}: {
  rule: NonNullable<Model['size']>;
  values: GenerateValues;
  onChange: (changes: Partial<GenerateValues>) => void;
}) {
  const current = matchingAspect(Number(values.width), Number(values.height), rule);
  return (
    <div className="field-wide aspect-row" role="group" aria-label="Size presets">
      {ASPECTS.map((aspect) => (
        <button
          key={aspect.label}
          type="button"
          className="chip"
          aria-pressed={current === aspect.label}
          onClick={() => {
            const size = aspectSize(aspect.w, aspect.h, rule);
            onChange({ width: String(size.width), height: String(size.height) });
          }}
        >
          {aspect.label}
        </button>
      ))}
    </div>
  );
}
