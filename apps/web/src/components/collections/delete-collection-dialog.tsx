import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { collectionErrorMessage } from './collection-errors';

export const DeleteCollectionDialog_Delete = graphql(`
  mutation DeleteCollectionDialog_Delete($id: ID!) {
    deleteCollection(id: $id) {
      __typename
      ... on DeleteCollectionPayload {
        deletedCollectionId
      }
      ... on Error {
        message
      }
    }
  }
`);

/** Deletes a collection (its images stay in the gallery), then goes back to the list. */
export function DeleteCollectionDialog({
  collection,
  open,
  onClose,
}: {
  collection: { id: string; name: string };
  open: boolean;
  onClose: () => void;
}) {
  const [{ fetching }, remove] = useMutation(DeleteCollectionDialog_Delete);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const toast = useToast();
  const confirm = async () => {
    const result = await remove({ id: collection.id });
    const message = collectionErrorMessage(result.data?.deleteCollection, result.error);
    if (message) {
      setError(message);
      return;
    }
    onClose();
    toast.show({ message: `Deleted “${collection.name}”. Its images are still in the gallery.` });
    void navigate('/collections', { replace: true });
  };
  return (
    <Modal open={open} onClose={onClose} title="Delete this collection?" role="alertdialog">
      <p>
        “{collection.name}” will be deleted, and its share links stop working. The images stay in your
        gallery.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          aria-busy={fetching || undefined}
          onClick={() => void confirm()}
        >
          Delete collection
        </button>
      </div>
    </Modal>
  );
}
