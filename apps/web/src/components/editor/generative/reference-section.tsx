import { useState, type FormEvent } from 'react';
import type { VariationStrength } from '../../../gql/graphql';
import { maxCount, modelLabel, type Provider } from '../../../lib/provider-capabilities';
import { CountField, countOf } from '../../generate/count-field';
import { ProviderFields } from '../../image-actions/action-form';
import { ChoiceGroup } from '../../image-actions/choice-group';
import { choiceInput, chosenModel, initialChoice } from '../../image-actions/operations';
import { Field } from '../../ui/field';
import { RunFooter } from './run-footer';
import { useGenerativeRun } from './use-generative-run';
import { useOverlay } from './use-overlay';

export type ReferenceKind = 'VARIATION' | 'RESTYLE';

const STRENGTHS: readonly { value: VariationStrength; label: string }[] = [
  { value: 'SUBTLE', label: 'Subtle' },
  { value: 'STRONG', label: 'Strong' },
];

const NO_OVERLAY = { node: null, interactive: false };

/** The picture as the reference of a variation or a restyle, with a prompt. */
export function ReferenceSection({
  providers,
  kind,
}: {
  providers: readonly Provider[];
  kind: ReferenceKind;
}) {
  useOverlay(NO_OVERLAY);
  const [choice, setChoice] = useState(() => initialChoice(providers, '', kind));
  const [prompt, setPrompt] = useState('');
  const [strength, setStrength] = useState<VariationStrength>('SUBTLE');
  const [count, setCount] = useState('2');
  const runner = useGenerativeRun(choice?.provider);
  const { errors, formError, setFormError, pending, run, clear } = runner;

  const provider = providers.find((p) => p.id === choice?.provider);
  const model = chosenModel(providers, choice, kind);
  const max = model ? maxCount(model) : 1;
  const n = countOf(count, max);
  const verb = kind === 'VARIATION' ? 'Make variations' : 'Restyle';
  const label = `${verb} · ${n} ${n === 1 ? 'image' : 'images'}${provider ? ` · ${modelLabel(provider, model, kind)}` : ''}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    const providerParams = choiceInput(choice);
    if (kind === 'RESTYLE') {
      if (!prompt.trim()) {
        setFormError('Say which style to paint the picture in.');
        return;
      }
      void run({ kind, styleText: prompt, count: n, ...providerParams });
    } else {
      void run({ kind, prompt, strength, count: n, ...providerParams });
    }
  };

  const promptField = kind === 'RESTYLE' ? 'styleText' : 'prompt';
  return (
    <form
      className="generative-section"
      noValidate
      onSubmit={onSubmit}
      aria-label={kind === 'VARIATION' ? 'Variations' : 'Restyle'}
    >
      <Field
        label={kind === 'VARIATION' ? 'Prompt' : 'Style'}
        error={errors[promptField]}
        hint={
          kind === 'VARIATION'
            ? 'Blank keeps the image’s own prompt; the picture as edited is the reference'
            : 'e.g. “watercolor” or “warm golden film”; the picture as edited is the reference'
        }
      >
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={2}
            value={prompt}
            onChange={(event) => {
              setPrompt(event.target.value);
              clear(promptField);
            }}
          />
        )}
      </Field>
      {kind === 'VARIATION' && (
        <ChoiceGroup
          label="Strength"
          name="strength"
          options={STRENGTHS}
          value={strength}
          onChange={setStrength}
          error={errors.strength}
        />
      )}
      <CountField value={count} max={max} error={errors.count} onChange={setCount} />
      {choice && (
        <ProviderFields
          operation={kind}
          providers={providers}
          choice={choice}
          onChange={setChoice}
          errors={errors}
        />
      )}
      <RunFooter
        label={label}
        disabled={!provider?.available}
        pending={pending}
        formError={formError}
        stage={runner.stage}
        unsaved={runner.unsaved}
        jobId={runner.job?.id ?? null}
        savedAs={runner.savedAs}
      />
    </form>
  );
}
