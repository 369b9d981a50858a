import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useToast } from '../ui/toast';
import { collectionErrorMessage } from './collection-errors';

export const CollectionTitle_Update = graphql(`
  mutation CollectionTitle_Update($input: UpdateCollectionInput!) {
    updateCollection(input: $input) {
      __typename
      ... on Collection {
        id
        name
        description
        updatedAt
      }
      ...FormErrors_Error
    }
  }
`);

interface CollectionTitleProps {
  collection: { id: string; name: string; description: string };
}

/** The name and description, each editable in place (Enter or leaving the field saves, Esc cancels). */
export function CollectionTitle({ collection }: CollectionTitleProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(collection.name);
  const [description, setDescription] = useState(collection.description);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, update] = useMutation(CollectionTitle_Update);
  const toast = useToast();

  const start = () => {
    setName(collection.name);
    setDescription(collection.description);
    setError(null);
    setEditing(true);
  };
  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (name === collection.name && description === collection.description) {
      setEditing(false);
      return;
    }
    const result = await update({ input: { id: collection.id, name, description } });
    const message = collectionErrorMessage(result.data?.updateCollection, result.error);
    if (message) setError(message);
    else {
      setEditing(false);
      toast.show({ message: 'Collection saved.' });
    }
  };

  if (!editing) {
    return (
      <div className="collection-title">
        <h1>{collection.name}</h1>
        {collection.description && <p className="collection-description">{collection.description}</p>}
        <button type="button" className="button button-small" onClick={start}>
          Rename or describe
        </button>
      </div>
    );
  }
  return (
    <form
      className="collection-title collection-title-editing"
      onSubmit={(event) => void save(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          setEditing(false);
        }
      }}
    >
      <input
        className="input collection-name-input"
        aria-label="Collection name"
        value={name}
        maxLength={120}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'collection-title-error' : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      <textarea
        className="input"
        aria-label="Description"
        placeholder="Description (optional)"
        rows={2}
        maxLength={2000}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      {error && (
        <p id="collection-title-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary button-small"
          aria-busy={fetching || undefined}
        >
          Save
        </button>
        <button type="button" className="button button-small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
