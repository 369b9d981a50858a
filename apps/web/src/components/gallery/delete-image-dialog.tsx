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
        toast.show({ message: 'Moved to the trash. Restore it from Trash within 30 days.' });
      }
    });
  };

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Move this image to the trash?"
      role="alertdialog"
      className="confirm-dialog"
    >
      <p className="confirm-text">
        “{prompt}” goes to the trash: you can restore it there for 30 days, then it is deleted for good.
      </p>
      <div className="confirm-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Keep it
        </button>
        <button type="button" className="button button-danger" onClick={confirm}>
          Move to trash
        </button>
      </div>
    </Modal>
  );
}
