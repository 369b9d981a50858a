import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { maxCount, modelLabel } from '../../lib/provider-capabilities';
import { styleLabel } from '../../lib/provider-words';
import { ThumbhashImage } from '../gallery/thumbhash-image';
import { useGalleryImages } from '../gallery/use-gallery-images';
import { Field } from '../ui/field';
import {
  ActionFooter,
  PromptOverrideField,
  ProviderFields,
  useActionSubmit,
  type ActionFormProps,
} from './action-form';
import { ChoiceGroup } from './choice-group';
import { CountField, countOf } from '../generate/count-field';
import { choiceInput, chosenModel, initialChoice, restyleModes, styleSuggestions } from './operations';

export const RestyleForm_RestyleImage = graphql(`
  mutation RestyleForm_RestyleImage($input: RestyleImageInput!) {
    restyleImage(input: $input) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);

type Mode = 'text' | 'reference';

const REFERENCES_SHOWN = 24;

export function RestyleForm({ image, providers, onQueued, onCancel }: ActionFormProps) {
  const [choice, setChoice] = useState(() => initialChoice(providers, image.provider, 'RESTYLE'));
  const [wantedMode, setMode] = useState<Mode>('text');
  const [styleText, setStyleText] = useState('');
  const [reference, setReference] = useState<string | null>(null);
  const [count, setCount] = useState('1');
  const [prompt, setPrompt] = useState('');
  const [, restyleImage] = useMutation(RestyleForm_RestyleImage);
  const { errors, formError, setFormError, pending, submit } = useActionSubmit(onQueued, choice?.provider);
  const listId = useId();

  const provider = providers.find((p) => p.id === choice?.provider);
  const model = chosenModel(providers, choice, 'RESTYLE');
  const modes = restyleModes(provider);
  const mode: Mode =
    modes.fromReference && (wantedMode === 'reference' || !modes.fromText) ? 'reference' : 'text';
  const suggestions = styleSuggestions(providers, model);
  const max = model ? maxCount(model) : 1;
  const n = countOf(count, max);

  const target = mode === 'text' ? styleText.trim() : reference ? 'reference image' : '';
  const label = `Restyle${target ? ` · ${target}` : ''}${provider ? ` · ${modelLabel(provider, model, 'RESTYLE')}` : ''}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    if (mode === 'text' && !styleText.trim()) {
      setFormError('Name or describe a style first, e.g. “watercolor” or “warm golden film”.');
      return;
    }
    if (mode === 'reference' && !reference) {
      setFormError('Pick the image whose style to take.');
      return;
    }
    void submit(async () => {
      const result = await restyleImage({
        input: {
          imageId: image.id,
          ...(mode === 'text' ? { styleText: styleText.trim() } : { styleReferenceImageId: reference }),
          ...(model && { count: n }),
          ...(prompt.trim() && { prompt: prompt.trim() }),
          ...choiceInput(choice),
        },
      });
      return { error: result.error, outcome: result.data?.restyleImage };
    });
  };

  return (
    <form className="action-form" noValidate onSubmit={onSubmit}>
      {choice && (
        <ProviderFields
          operation="RESTYLE"
          providers={providers}
          choice={choice}
          onChange={setChoice}
          errors={errors}
        />
      )}
      {modes.note && <p className="action-note field-wide">{modes.note}</p>}
      {modes.fromText && modes.fromReference && (
        <ChoiceGroup<Mode>
          label="Style from"
          name="mode"
          options={[
            { value: 'text', label: 'Words', hint: 'A style name or description' },
            { value: 'reference', label: 'Reference image', hint: 'Another image from the gallery' },
          ]}
          value={mode}
          onChange={setMode}
        />
      )}
      {mode === 'text' ? (
        <Field
          label="Style"
          className="field-wide"
          error={errors.styleText}
          hint="Pick a suggestion or describe one, e.g. “warm golden film”"
        >
          {(control) => (
            <>
              <input
                {...control}
                className="input"
                list={listId}
                autoComplete="off"
                placeholder="watercolor"
                value={styleText}
                onChange={(event) => setStyleText(event.target.value)}
              />
              <datalist id={listId}>
                {suggestions.map((style) => (
                  <option key={style} value={style}>
                    {styleLabel(style)}
                  </option>
                ))}
              </datalist>
              {suggestions.length > 0 && (
                <div className="chip-row" role="group" aria-label="Style suggestions">
                  {suggestions.slice(0, 12).map((style) => (
                    <button
                      key={style}
                      type="button"
                      className="chip"
                      aria-pressed={styleText === style}
                      onClick={() => setStyleText(style)}
                    >
                      {styleLabel(style)}
                    </button>
                  ))}
                </div>
              )}
            </>
          )}
        </Field>
      ) : (
        <ReferencePicker
          exclude={image.id}
          value={reference}
          onChange={setReference}
          error={errors.styleReferenceImageId}
        />
      )}
      {model && <CountField value={count} max={max} error={errors.count} onChange={setCount} />}
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

interface ReferencePickerProps {
  exclude: string;
  value: string | null;
  onChange: (id: string) => void;
  error?: string | undefined;
}

/** The newest gallery images, to pick the one whose style to take. */
function ReferencePicker({ exclude, value, onChange, error }: ReferencePickerProps) {
  const labelId = useId();
  const { images, loading } = useGalleryImages(undefined, { revalidate: false });
  const shown = images.filter((image) => image.id !== exclude).slice(0, REFERENCES_SHOWN);
  return (
    <div className="field field-wide">
      <span id={labelId} className="field-label">
        Reference image
      </span>
      {loading ? (
        <p className="muted">Loading images…</p>
      ) : shown.length === 0 ? (
        <p className="muted">No other images yet: generate one to use as a reference.</p>
      ) : (
        <div role="radiogroup" aria-labelledby={labelId} className="reference-grid">
          {shown.map((image) => (
            <label key={image.id} className="reference-option" data-checked={value === image.id || undefined}>
              <input
                type="radio"
                className="visually-hidden"
                name={`reference-${labelId}`}
                checked={value === image.id}
                aria-label={image.prompt}
                onChange={() => onChange(image.id)}
              />
              <ThumbhashImage image={image} displaySize={72} fit="cover" alt="" />
            </label>
          ))}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
