import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { VariationStrength } from '../../gql/graphql';
import { maxCount, modelLabel } from '../../lib/provider-capabilities';
import {
  ActionFooter,
  PromptOverrideField,
  ProviderFields,
  useActionSubmit,
  type ActionFormProps,
} from './action-form';
import { ChoiceGroup } from './choice-group';
import { CountField, countOf } from '../generate/count-field';
import { choiceInput, chosenModel, initialChoice } from './operations';

export const VariationsForm_CreateVariations = graphql(`
  mutation VariationsForm_CreateVariations($input: CreateVariationsInput!) {
    createVariations(input: $input) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);

const STRENGTHS: readonly { value: VariationStrength; label: string; hint: string }[] = [
  { value: 'SUBTLE', label: 'Subtle', hint: 'Same composition, small changes' },
  { value: 'STRONG', label: 'Strong', hint: 'Freer: composition and details may change' },
];

export function VariationsForm({ image, providers, onQueued, onCancel }: ActionFormProps) {
  const [choice, setChoice] = useState(() => initialChoice(providers, image.provider, 'VARIATION'));
  const [strength, setStrength] = useState<VariationStrength>('SUBTLE');
  const [count, setCount] = useState('4');
  const [prompt, setPrompt] = useState('');
  const [, createVariations] = useMutation(VariationsForm_CreateVariations);
  const { errors, formError, pending, submit } = useActionSubmit(onQueued, choice?.provider);

  const provider = providers.find((p) => p.id === choice?.provider);
  const model = chosenModel(providers, choice, 'VARIATION');
  const max = model ? maxCount(model) : 1;
  const n = countOf(count, max);
  const label = `Create variations · ${n} ${n === 1 ? 'image' : 'images'}${provider ? ` · ${modelLabel(provider, model, 'VARIATION')}` : ''}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    void submit(async () => {
      const result = await createVariations({
        input: {
          imageId: image.id,
          strength,
          count: n,
          ...(prompt.trim() && { prompt: prompt.trim() }),
          ...choiceInput(choice),
        },
      });
      return { error: result.error, outcome: result.data?.createVariations };
    });
  };

  return (
    <form className="action-form" noValidate onSubmit={onSubmit}>
      {choice && (
        <ProviderFields
          operation="VARIATION"
          providers={providers}
          choice={choice}
          onChange={setChoice}
          errors={errors}
        />
      )}
      <ChoiceGroup
        label="Strength"
        name="strength"
        options={STRENGTHS}
        value={strength}
        onChange={setStrength}
        error={errors.strength}
      />
      <CountField value={count} max={max} error={errors.count} onChange={setCount} />
      <PromptOverrideField
        value={prompt}
        imagePrompt={image.prompt}
        error={errors.prompt}
        onChange={setPrompt}
      />
      <ActionFooter
        label={label}
        pending={pending}
        disabled={!provider?.available}
        formError={formError}
        onCancel={onCancel}
      />
    </form>
  );
}
