import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';

export const DeleteImageDialog_DeleteImage = graphql(`
  mutation DeleteImageDialog_DeleteImage($id: ID!) {
    deleteImage(id: $id) {
      __typename
      ... on DeleteImagePayload {
        deletedImageId
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

interface DeleteImageDialogProps {
  imageId: string;
  prompt: string;
  open: boolean;
  onClose: () => void;
  /** Called at once on confirm: the cache removes the image optimistically, so the page can move on. */
  onDeleted: () => void;
}

export function DeleteImageDialog({ imageId, prompt, open, onClose, onDeleted }: DeleteImageDialogProps) {
  const [, deleteImage] = useMutation(DeleteImageDialog_DeleteImage);
  const toast = useToast();

  const confirm = () => {
    onClose();
    onDeleted();
    void deleteImage({ id: imageId }).then((result) => {
      const outcome = result.data?.deleteImage;
      if (result.error) {
        toast.show({
          tone: 'error',
          message:
            'Could not delete the image: the server did not answer. It is back in the gallery; try again.',
        });
      } else if (outcome && outcome.__typename !== 'DeleteImagePayload') {
        toast.show({ tone: 'error', message: `Could not delete the image: ${outcome.message}` });
      } else {
        toast.show({ message: 'Image deleted.' });
      }
    });
  };

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Delete this image?"
      role="alertdialog"
      className="confirm-dialog"
    >
      <p className="confirm-text">
        “{prompt}” and its thumbnails will be removed for good. This cannot be undone.
      </p>
      <div className="confirm-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Keep it
        </button>
        <button type="button" className="button button-danger" onClick={confirm}>
          Delete image
        </button>
      </div>
    </Modal>
  );
}
