import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { ImageQuality, PresetCard_PresetFragment, StylePresetSettingsInput } from '../../gql/graphql';
import { QUALITIES } from '../../lib/provider-capabilities';
import { Field } from '../ui/field';
import { SelectField } from '../ui/select-field';
import { Modal } from '../ui/modal';

export const PresetDialog_Create = graphql(`
  mutation PresetDialog_Create($input: CreateStylePresetInput!) {
    createStylePreset(input: $input) {
      __typename
      ... on StylePreset {
        ...PresetCard_Preset
      }
      ...FormErrors_Error
    }
  }
`);

export const PresetDialog_Update = graphql(`
  mutation PresetDialog_Update($input: UpdateStylePresetInput!) {
    updateStylePreset(input: $input) {
      __typename
      ... on StylePreset {
        ...PresetCard_Preset
      }
      ...FormErrors_Error
    }
  }
`);

const TEXT_FIELDS = [
  ['provider', 'Provider', 'e.g. local, flux, ideogram'],
  ['model', 'Model', "Blank: the provider's default"],
  ['aspectRatio', 'Aspect ratio', 'W:H, for models that take one'],
  ['style', 'Style', "One of the model's styles"],
  ['promptPrefix', 'Before the prompt', 'e.g. "cinematic still of"'],
  ['promptSuffix', 'After the prompt', 'e.g. ", 35mm film"'],
  ['negativePrompt', 'Negative prompt', 'What to leave out'],
] as const;
const NUMBER_FIELDS = [
  ['width', 'Width'],
  ['height', 'Height'],
  ['steps', 'Steps'],
] as const;

type Draft = Record<(typeof TEXT_FIELDS)[number][0] | (typeof NUMBER_FIELDS)[number][0] | 'quality', string>;

function draftOf(settings: PresetCard_PresetFragment['settings'] | undefined): Draft {
  const text = (value: string | number | null | undefined) => (value == null ? '' : String(value));
  return {
    provider: text(settings?.provider ?? 'local'),
    model: text(settings?.model),
    aspectRatio: text(settings?.aspectRatio),
    style: text(settings?.style),
    promptPrefix: text(settings?.promptPrefix),
    promptSuffix: text(settings?.promptSuffix),
    negativePrompt: text(settings?.negativePrompt),
    width: text(settings?.width),
    height: text(settings?.height),
    steps: text(settings?.steps),
    quality: text(settings?.quality),
  };
}

function settingsInput(draft: Draft): StylePresetSettingsInput {
  const input: StylePresetSettingsInput = {};
  for (const [key] of TEXT_FIELDS) if (draft[key].trim()) input[key] = draft[key].trim();
  for (const [key] of NUMBER_FIELDS) if (draft[key].trim()) input[key] = Math.trunc(Number(draft[key]));
  if (draft.quality) input.quality = draft.quality as ImageQuality;
  return input;
}

interface PresetDialogProps {
  open: boolean;
  onClose: () => void;
  editing: PresetCard_PresetFragment | null;
}

/** Make or change one of your style presets. */
export function PresetDialog({ open, onClose, editing }: PresetDialogProps) {
  return (
    <Modal open={open} onClose={onClose} title={editing ? `Edit “${editing.name}”` : 'New style preset'}>
      <PresetForm editing={editing} onClose={onClose} />
    </Modal>
  );
}

function PresetForm({ editing, onClose }: Omit<PresetDialogProps, 'open'>) {
  const [name, setName] = useState(editing?.name ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing?.settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching: creating }, create] = useMutation(PresetDialog_Create);
  const [{ fetching: updating }, update] = useMutation(PresetDialog_Update);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = { name, description, settings: settingsInput(draft) };
    const result = editing
      ? await update({ input: { id: editing.id, ...fields } })
      : await create({ input: fields });
    const outcome = result.data
      ? 'updateStylePreset' in result.data
        ? result.data.updateStylePreset
        : result.data.createStylePreset
      : null;
    if (!outcome) setProblem('Could not reach the server. Try again.');
    else if (outcome.__typename === 'StylePreset') onClose();
    else if (outcome.__typename === 'InvalidInputError') {
      setErrors(
        Object.fromEntries(
          outcome.issues.map((issue) => [issue.field.split('.').at(-1) ?? '', issue.message]),
        ),
      );
    } else setProblem(outcome.message);
  };

  return (
    <form className="library-form preset-form" noValidate onSubmit={(event) => void submit(event)}>
      <Field label="Name" error={errors.name}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field label="Description" error={errors.description}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <div className="preset-form-grid">
        {TEXT_FIELDS.map(([key, label, hint]) => (
          <Field key={key} label={label} hint={hint} error={errors[key]}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={draft[key]}
                onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
              />
            )}
          </Field>
        ))}
        {NUMBER_FIELDS.map(([key, label]) => (
          <Field key={key} label={label} error={errors[key]}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="number"
                inputMode="numeric"
                min={1}
                value={draft[key]}
                onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
              />
            )}
          </Field>
        ))}
        <SelectField
          label="Quality"
          error={errors.quality}
          value={draft.quality}
          emptyLabel="Not set"
          options={QUALITIES}
          onChange={(quality) => setDraft((d) => ({ ...d, quality }))}
        />
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="library-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={creating || updating}>
          {editing ? 'Save changes' : 'Create preset'}
        </button>
      </div>
    </form>
  );
}
