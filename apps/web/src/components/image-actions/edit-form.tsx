import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { maxCount, modelLabel } from '../../lib/provider-capabilities';
import { Field } from '../ui/field';
import { ActionFooter, ProviderFields, useActionSubmit, type ActionFormProps } from './action-form';
import { CountField, countOf } from '../generate/count-field';
import { maskFile, type Stroke } from './mask';
import { MaskEditor } from './mask-editor';
import { choiceInput, chosenModel, initialChoice } from './operations';

export const EditForm_EditImage = graphql(`
  mutation EditForm_EditImage($input: EditImageInput!) {
    editImage(input: $input) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);

export function EditForm({ image, providers, onQueued, onCancel }: ActionFormProps) {
  const [choice, setChoice] = useState(() => initialChoice(providers, image.provider, 'EDIT'));
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [prompt, setPrompt] = useState('');
  const [count, setCount] = useState('1');
  const [, editImage] = useMutation(EditForm_EditImage);
  const { errors, formError, setFormError, pending, submit, clear } = useActionSubmit(
    onQueued,
    choice?.provider,
  );

  const provider = providers.find((p) => p.id === choice?.provider);
  const model = chosenModel(providers, choice, 'EDIT');
  const max = model ? maxCount(model) : 1;
  const n = countOf(count, max);
  const label = `Apply edit${provider ? ` · ${modelLabel(provider, model, 'EDIT')}` : ''}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    if (strokes.length === 0) {
      setFormError('Paint over the part of the image to change first.');
      return;
    }
    if (!prompt.trim()) {
      setFormError('Say what the painted area should become.');
      return;
    }
    void submit(async () => {
      const mask = await maskFile(strokes, image.width, image.height);
      const result = await editImage({
        input: { imageId: image.id, prompt: prompt.trim(), mask, count: n, ...choiceInput(choice) },
      });
      return { error: result.error, outcome: result.data?.editImage };
    });
  };

  return (
    <form className="action-form" noValidate onSubmit={onSubmit}>
      <div className="field-wide">
        <MaskEditor
          image={image}
          strokes={strokes}
          onChange={(next) => {
            setStrokes(next);
            clear('mask');
          }}
        />
        {errors.mask && <p className="field-error">{errors.mask}</p>}
      </div>
      <Field
        label="Prompt"
        className="field-wide"
        error={errors.prompt}
        hint="What the painted area should become"
      >
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={2}
            placeholder="a red sailboat"
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
          />
        )}
      </Field>
      {choice && (
        <ProviderFields
          operation="EDIT"
          providers={providers}
          choice={choice}
          onChange={setChoice}
          errors={errors}
        />
      )}
      <CountField value={count} max={max} error={errors.count} onChange={setCount} />
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
