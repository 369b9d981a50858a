import {
  ASPECTS,
  aspectRatioLabel,
  aspectSize,
  fallbackCandidates,
  matchingAspect,
  maxCount,
  modelsFor,
  QUALITIES,
  randomSeed,
  sizeHint,
  sizeInputProps,
  visibleFields,
  type FieldName,
  type GenerateValues,
  type Model,
  type Provider,
} from '../../lib/provider-capabilities';
import { promptImprovement, styleChoices } from '../../lib/provider-words';
import { Field } from '../ui/field';
import { DiceIcon } from '../ui/icons';
import { SelectField } from '../ui/select-field';
import { CountField } from './count-field';
import { FallbackPicker } from './fallback-picker';
import './generate.css';

export interface ParameterFieldsProps {
  providers: readonly Provider[];
  provider: Provider;
  model: Model;
  values: GenerateValues;
  errors: Partial<Record<FieldName, string>>;
  onChange: (changes: Partial<GenerateValues>) => void;
  onProviderChange: (id: string, modelId?: string) => void;
}

/** Provider, model and only the parameters that model supports, with its real limits. */
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
  const improvement = promptImprovement(provider);
  const rule = model.size;

  return (
    <>
      <SelectField
        label="Provider"
        className="field-wide provider-field"
        error={errors.provider}
        hint={provider.available ? provider.description : provider.unavailableReason}
        value={values.provider}
        options={providers.map((p) => ({
          value: p.id,
          label: p.available ? p.displayName : `${p.displayName} — ${p.unavailableReason ?? 'unavailable'}`,
          disabled: !p.available,
        }))}
        onChange={(id) => onProviderChange(id)}
      />

      <SelectField
        label="Model"
        className="field-wide provider-field"
        error={errors.model}
        hint={model.description}
        value={model.id}
        options={modelsFor(provider).map((m) => ({ value: m.id, label: m.name }))}
        onChange={(id) => onProviderChange(provider.id, id)}
      />

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
        <SelectField
          label="Aspect ratio"
          error={errors.aspectRatio}
          value={values.aspectRatio}
          options={model.aspectRatios.map((ratio) => ({ value: ratio, label: aspectRatioLabel(ratio) }))}
          onChange={(aspectRatio) => onChange({ aspectRatio })}
        />
      )}

      {show.quality && (
        <SelectField
          label="Quality"
          error={errors.quality}
          value={values.quality}
          options={QUALITIES}
          onChange={(quality) => onChange({ quality })}
        />
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
        <SelectField
          label="Style"
          error={errors.style}
          value={values.style}
          emptyLabel={styleChoices(model.styles).defaultLabel}
          options={styleChoices(model.styles).options}
          onChange={(style) => onChange({ style })}
        />
      )}

      <CountField
        value={values.count}
        max={maxCount(model)}
        error={errors.count}
        onChange={(count) => onChange({ count })}
      />

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
        <SelectField
          label={improvement.label}
          error={errors.magicPrompt}
          hint={improvement.hint}
          value={improvement.shown(values.magicPrompt)}
          options={improvement.options}
          onChange={(magicPrompt) => onChange({ magicPrompt })}
        />
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
