import type { BatchTargetInput } from '../../gql/graphql';
import { modelsFor, type Provider } from '../../lib/provider-capabilities';
import { Field } from '../ui/field';
import { MAX_COMPARE_TARGETS, MIN_COMPARE_TARGETS } from './batch-input';

export interface CompareChoice {
  prompt: string;
  targets: BatchTargetInput[];
}

/** Every provider and model that can generate, as compare targets. */
export function compareTargets(providers: readonly Provider[]) {
  return providers
    .filter((provider) => provider.available)
    .flatMap((provider) =>
      modelsFor(provider).map((model) => ({
        provider: provider.id,
        model: model.id,
        label: `${provider.displayName} · ${model.name}`,
      })),
    );
}

interface ComparePanelProps {
  providers: readonly Provider[];
  choice: CompareChoice;
  errors: { prompt?: string | undefined; targets?: string | undefined };
  onChange: (choice: CompareChoice) => void;
}

/** One prompt, run on several providers or models; the results are shown side by side. */
export function ComparePanel({ providers, choice, errors, onChange }: ComparePanelProps) {
  const targets = compareTargets(providers);
  const isChosen = (t: BatchTargetInput) =>
    choice.targets.some((c) => c.provider === t.provider && c.model === t.model);
  const toggle = (t: BatchTargetInput, on: boolean) =>
    onChange({
      ...choice,
      targets: on
        ? [...choice.targets, { provider: t.provider, model: t.model }]
        : choice.targets.filter((c) => !(c.provider === t.provider && c.model === t.model)),
    });
  const count = choice.targets.length;

  return (
    <div className="batch-panel">
      <Field label="Prompt to compare" error={errors.prompt}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={3}
            value={choice.prompt}
            placeholder="A lighthouse on a cliff at dusk, long exposure…"
            onChange={(event) => onChange({ ...choice, prompt: event.target.value })}
          />
        )}
      </Field>
      <fieldset className="batch-targets" aria-describedby="compare-targets-count">
        <legend>Providers and models</legend>
        {targets.map((t) => (
          <label key={`${t.provider}/${t.model}`} className="checkbox">
            <input
              type="checkbox"
              checked={isChosen(t)}
              disabled={!isChosen(t) && count >= MAX_COMPARE_TARGETS}
              onChange={(event) => toggle(t, event.target.checked)}
            />
            <span>{t.label}</span>
          </label>
        ))}
      </fieldset>
      <p id="compare-targets-count" className={errors.targets ? 'field-error' : 'muted'} role="status">
        {errors.targets ??
          `${count} chosen — pick ${MIN_COMPARE_TARGETS} to ${MAX_COMPARE_TARGETS} to see side by side.`}
      </p>
    </div>
  );
}
