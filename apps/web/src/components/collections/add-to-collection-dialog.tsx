import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { isOffline } from '../../lib/offline/network-status';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { collectionErrorMessage } from './collection-errors';
import { CollectionChooser } from './collection-chooser';
import './collections.css';

export const AddToCollectionDialog_Add = graphql(`
  mutation AddToCollectionDialog_Add($id: ID!, $imageIds: [ID!]!) {
    addImagesToCollection(id: $id, imageIds: $imageIds) {
      __typename
      ... on Collection {
        id
        name
        imageCount
        updatedAt
      }
      ...FormErrors_Error
    }
  }
`);

export const AddToCollectionDialog_Create = graphql(`
  mutation AddToCollectionDialog_Create($input: CreateCollectionInput!) {
    createCollection(input: $input) {
      __typename
      ... on Collection {
        ...CollectionCard_Collection
      }
      ...FormErrors_Error
    }
  }
`);

/** The server takes at most this many images per call. */
export const MAX_IMAGES_PER_ADD = 500;

interface AddToCollectionDialogProps {
  imageIds: readonly string[];
  open: boolean;
  onClose: () => void;
  onAdded?: () => void;
}

/** Put images into one of the viewer's hand-made collections, or into a new one made on the spot. */
export function AddToCollectionDialog({ imageIds, open, onClose, onAdded }: AddToCollectionDialogProps) {
  const count = imageIds.length;
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={count === 1 ? 'Add to collection' : `Add ${count} images to a collection`}
      className="collection-dialog"
    >
      <AddToCollectionForm imageIds={imageIds} onClose={onClose} onAdded={onAdded} />
    </Modal>
  );
}

function AddToCollectionForm({ imageIds, onClose, onAdded }: Omit<AddToCollectionDialogProps, 'open'>) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [, add] = useMutation(AddToCollectionDialog_Add);
  const [, create] = useMutation(AddToCollectionDialog_Create);
  const toast = useToast();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setError(null);
    let target = chosen;
    setPending(true);
    try {
      if (newName.trim()) {
        const made = await create({ input: { name: newName } });
        const outcome = made.data?.createCollection;
        const message = collectionErrorMessage(outcome, made.error);
        if (message || outcome?.__typename !== 'Collection') {
          setError(message);
          return;
        }
        target = outcome.id;
      }
      if (!target) {
        setError('Choose a collection, or name a new one.');
        return;
      }
      if (isOffline()) {
        // Shown at once, sent when the network returns (a refusal then is reported and rolled back).
        for (let start = 0; start < imageIds.length; start += MAX_IMAGES_PER_ADD) {
          void add({ id: target, imageIds: imageIds.slice(start, start + MAX_IMAGES_PER_ADD) });
        }
        toast.show({ message: 'Added offline: it will be saved when you are back online.' });
        onAdded?.();
        onClose();
        return;
      }
      let name = '';
      for (let start = 0; start < imageIds.length; start += MAX_IMAGES_PER_ADD) {
        const result = await add({ id: target, imageIds: imageIds.slice(start, start + MAX_IMAGES_PER_ADD) });
        const outcome = result.data?.addImagesToCollection;
        const message = collectionErrorMessage(outcome, result.error);
        if (message || outcome?.__typename !== 'Collection') {
          setError(message);
          return;
        }
        name = outcome.name;
      }
      toast.show({
        message: `Added ${imageIds.length === 1 ? 'the image' : `${imageIds.length} images`} to “${name}”.`,
      });
      onAdded?.();
      onClose();
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="collection-form" onSubmit={(event) => void submit(event)}>
      <CollectionChooser
        value={chosen}
        onChange={(id) => {
          setChosen(id);
          setNewName('');
        }}
      />
      <label className="field">
        <span className="field-label">Or a new collection</span>
        <input
          className="input"
          placeholder="New collection name"
          maxLength={120}
          value={newName}
          onChange={(event) => {
            setNewName(event.target.value);
            if (event.target.value) setChosen(null);
          }}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" aria-busy={pending || undefined}>
          Add
        </button>
      </div>
    </form>
  );
}
