import { useCallback } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useToast } from '../ui/toast';
import { BulkBar_RestoreImages } from './bulk-bar';

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

/**
 * The image page's Delete, the same as the gallery's: to the trash at once (trash is reversible, so
 * no question first), with Undo. The cache drops the image optimistically, so the page can move on.
 */
export function useDeleteImage() {
  const [, deleteImage] = useMutation(DeleteImageDialog_DeleteImage);
  const [, restoreImages] = useMutation(BulkBar_RestoreImages);
  const toast = useToast();
  return useCallback(
    (imageId: string) =>
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
          toast.show({
            message: 'Moved 1 image to the trash',
            action: { label: 'Undo', onClick: () => void restoreImages({ ids: [imageId] }) },
          });
        }
      }),
    [deleteImage, restoreImages, toast],
  );
}
