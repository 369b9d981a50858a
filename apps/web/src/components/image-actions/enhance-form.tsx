import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { Provider } from '../../lib/provider-capabilities';
import { ActionFooter, ProviderFields, useActionSubmit, type ActionFormProps } from './action-form';
import { ChoiceGroup } from './choice-group';
import { choiceInput, enhanceScales, initialChoice } from './operations';

export const EnhanceForm_EnhanceImage = graphql(`
  mutation EnhanceForm_EnhanceImage($input: EnhanceImageInput!) {
    enhanceImage(input: $input) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);

/** The scale to keep when the provider changes: the same if offered, else the nearest below, else the smallest. */
export function keepScale(scale: number, scales: readonly number[]): number {
  if (scales.includes(scale)) return scale;
  return [...scales].reverse().find((s) => s < scale) ?? scales[0] ?? 2;
}

export function EnhanceForm({ image, providers, onQueued, onCancel }: ActionFormProps) {
  const [choice, setChoice] = useState(() => initialChoice(providers, image.provider, 'ENHANCE'));
  const provider: Provider | undefined = providers.find((p) => p.id === choice?.provider);
  const scales = enhanceScales(provider);
  const [wanted, setScale] = useState(2);
  const scale = keepScale(wanted, scales);
  const [, enhanceImage] = useMutation(EnhanceForm_EnhanceImage);
  const { errors, formError, pending, submit } = useActionSubmit(onQueued, choice?.provider);
  const enhance = provider?.capabilities.enhance;

  const size = (s: number) => `${image.width * s} × ${image.height * s}`;
  const label = `Enhance ×${scale} · ${size(scale)}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    void submit(async () => {
      const result = await enhanceImage({
        input: { imageId: image.id, scale, ...choiceInput(choice, false) },
      });
      return { error: result.error, outcome: result.data?.enhanceImage };
    });
  };

  return (
    <form className="action-form" noValidate onSubmit={onSubmit}>
      {choice && (
        <ProviderFields
          operation="ENHANCE"
          providers={providers}
          choice={choice}
          onChange={setChoice}
          errors={errors}
          withModel={false}
        />
      )}
      {scales.length > 0 && (
        <ChoiceGroup
          label="Scale"
          name="scale"
          options={scales.map((s) => ({ value: s, label: `${s}×`, hint: size(s) }))}
          value={scale}
          onChange={setScale}
          error={errors.scale}
        />
      )}
      {enhance?.note && (
        <p className="action-note field-wide">
          <span className="action-note-tag">{enhance.ai ? 'AI upscaler' : 'Resampling'}</span> {enhance.note}
        </p>
      )}
      <ActionFooter
        label={label}
        pending={pending}
        disabled={!provider?.available || scales.length === 0}
        formError={formError}
        onCancel={onCancel}
      />
    </form>
  );
}
