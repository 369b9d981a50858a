import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { ImageQueryParams } from '../../gql/graphql';
import { Field } from '../ui/field';
import { Modal } from '../ui/modal';
import { collectionErrorMessage } from './collection-errors';
import './collections.css';

export const CreateCollectionDialog_Create = graphql(`
  mutation CreateCollectionDialog_Create($input: CreateCollectionInput!) {
    createCollection(input: $input) {
      __typename
      ... on Collection {
        ...CollectionCard_Collection
      }
      ...FormErrors_Error
    }
  }
`);

interface CreateCollectionDialogProps {
  open: boolean;
  onClose: () => void;
  /** The current gallery search: offered as "smart" (a saved search) when given. */
  search?: { filter: ImageQueryParams; summary: string } | null;
  onCreated?: (collection: { id: string; name: string }) => void;
}

/** Name, description, and — when there is a current search — whether to keep it as a smart collection. */
export function CreateCollectionDialog({ open, onClose, search, onCreated }: CreateCollectionDialogProps) {
  return (
    <Modal open={open} onClose={onClose} title="New collection" className="collection-dialog">
      <CreateCollectionForm search={search ?? null} onClose={onClose} onCreated={onCreated} />
    </Modal>
  );
}

function CreateCollectionForm({
  search,
  onClose,
  onCreated,
}: {
  search: { filter: ImageQueryParams; summary: string } | null;
  onClose: () => void;
  onCreated: CreateCollectionDialogProps['onCreated'];
}) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [smart, setSmart] = useState(!!search);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, create] = useMutation(CreateCollectionDialog_Create);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fetching) return;
    if (!name.trim()) {
      setError('Enter a name.');
      return;
    }
    const result = await create({
      input: {
        name,
        ...(description.trim() && { description }),
        ...(smart && search && { filter: search.filter }),
      },
    });
    const outcome = result.data?.createCollection;
    const message = collectionErrorMessage(outcome, result.error);
    if (message || outcome?.__typename !== 'Collection') {
      setError(message);
      return;
    }
    onCreated?.({ id: outcome.id, name: outcome.name });
    onClose();
  };

  return (
    <form className="collection-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label="Name" error={error}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={name}
            maxLength={120}
            autoFocus
            required
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <Field label="Description" hint="Optional.">
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={3}
            maxLength={2000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>
      {search && (
        <label className="check">
          <input type="checkbox" checked={smart} onChange={(event) => setSmart(event.target.checked)} />
          <span>
            Smart: keep it filled with the current search ({search.summary}); new matching images appear by
            themselves
          </span>
        </label>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" aria-busy={fetching || undefined}>
          Create
        </button>
      </div>
    </form>
  );
}
