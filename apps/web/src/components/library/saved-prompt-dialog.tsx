import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { isOffline } from '../../lib/offline/network-status';
import type { SavedPromptRow_PromptFragment } from '../../gql/graphql';
import { Field } from '../ui/field';
import { Modal } from '../ui/modal';
import './library.css';

export const SavedPromptDialog_Save = graphql(`
  mutation SavedPromptDialog_Save($input: SavePromptInput!) {
    savePrompt(input: $input) {
      __typename
      ... on SavedPrompt {
        ...SavedPromptRow_Prompt
      }
      ...FormErrors_Error
    }
  }
`);

export const SavedPromptDialog_Update = graphql(`
  mutation SavedPromptDialog_Update($input: UpdateSavedPromptInput!) {
    updateSavedPrompt(input: $input) {
      __typename
      ... on SavedPrompt {
        ...SavedPromptRow_Prompt
      }
      ...FormErrors_Error
    }
  }
`);

interface SavedPromptDialogProps {
  open: boolean;
  onClose: () => void;
  /** Edit this prompt; without it, save a new one starting from `initial`. */
  editing?: SavedPromptRow_PromptFragment | null;
  initial?: { prompt?: string; negativePrompt?: string };
  onSaved?: () => void;
}

/** Save a prompt to the library, or edit a saved one: title, prompt, negative prompt, tags, notes. */
export function SavedPromptDialog({ open, onClose, editing, initial, onSaved }: SavedPromptDialogProps) {
  return (
    <Modal open={open} onClose={onClose} title={editing ? 'Edit saved prompt' : 'Save prompt'}>
      <SavedPromptForm editing={editing} initial={initial} onClose={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function SavedPromptForm({ editing, initial, onClose, onSaved }: Omit<SavedPromptDialogProps, 'open'>) {
  const [prompt, setPrompt] = useState(editing?.prompt ?? initial?.prompt ?? '');
  const [title, setTitle] = useState(editing?.title ?? firstWords(prompt));
  const [negativePrompt, setNegative] = useState(editing?.negativePrompt ?? initial?.negativePrompt ?? '');
  const [tags, setTags] = useState((editing?.tags ?? []).join(', '));
  const [notes, setNotes] = useState(editing?.notes ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [{ fetching: saving }, save] = useMutation(SavedPromptDialog_Save);
  const [{ fetching: updating }, update] = useMutation(SavedPromptDialog_Update);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      title,
      prompt,
      negativePrompt,
      tags: tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      notes,
    };
    if (!editing && isOffline()) {
      // Offline a new prompt shows in the list at once and is saved when the network returns.
      void save({ input: fields });
      onSaved?.();
      onClose?.();
      return;
    }
    const result = editing
      ? await update({ input: { id: editing.id, ...fields } })
      : await save({ input: fields });
    const outcome = result.data
      ? 'updateSavedPrompt' in result.data
        ? result.data.updateSavedPrompt
        : result.data.savePrompt
      : null;
    if (!outcome) {
      setFormError(result.error ? 'Could not reach the server. Try again.' : 'The server sent no answer.');
      return;
    }
    if (outcome.__typename === 'SavedPrompt') {
      onSaved?.();
      onClose?.();
    } else if (outcome.__typename === 'InvalidInputError') {
      setErrors(
        Object.fromEntries(outcome.issues.map((issue) => [issue.field.replace('input.', ''), issue.message])),
      );
    } else {
      setFormError(outcome.message);
    }
  };

  return (
    <form className="library-form" noValidate onSubmit={(event) => void submit(event)}>
      <Field label="Title" error={errors.title}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={title}
            maxLength={120}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <Field label="Prompt" error={errors.prompt}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={4}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
          />
        )}
      </Field>
      <Field label="Negative prompt" error={errors.negativePrompt}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={2}
            value={negativePrompt}
            onChange={(e) => setNegative(e.target.value)}
          />
        )}
      </Field>
      <Field label="Tags" hint="Separated by commas" error={errors.tags ?? errors['input.tags']}>
        {(control) => (
          <input {...control} className="input" value={tags} onChange={(e) => setTags(e.target.value)} />
        )}
      </Field>
      <Field label="Notes" error={errors.notes}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={2}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
        )}
      </Field>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="library-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving || updating}>
          {editing ? 'Save changes' : 'Save prompt'}
        </button>
      </div>
    </form>
  );
}

function firstWords(prompt: string): string {
  const words = prompt.trim().split(/\s+/).slice(0, 6).join(' ');
  return words.length > 60 ? `${words.slice(0, 60)}…` : words;
}
