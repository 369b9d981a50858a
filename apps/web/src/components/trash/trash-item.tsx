import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { TrashItem_ImageFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/time';
import { ThumbhashImage } from '../gallery/thumbhash-image';
import { useToast } from '../ui/toast';
import { daysLeftLabel } from './days-left';

export const TrashItem_Image = graphql(`
  fragment TrashItem_Image on Image {
    id
    url
    prompt
    width
    height
    thumbhash
    deletedAt
    purgeAt
    thumbnails {
      size
      url
      width
      height
    }
  }
`);

export const TrashItem_Restore = graphql(`
  mutation TrashItem_Restore($ids: [ID!]!) {
    restoreImages(ids: $ids) {
      __typename
      ... on ImagesPayload {
        images {
          id
          deletedAt
          purgeAt
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const TrashItem_DeleteForever = graphql(`
  mutation TrashItem_DeleteForever($ids: [ID!]!) {
    deleteImagesForever(ids: $ids) {
      __typename
      ... on DeletedImagesPayload {
        deletedImageIds
      }
      ... on Error {
        message
      }
    }
  }
`);

const TILE = 180;

interface TrashItemProps {
  image: TrashItem_ImageFragment;
  selected: boolean;
  onToggle: (id: string) => void;
}

export function TrashItem({ image, selected, onToggle }: TrashItemProps) {
  const [restoreState, restore] = useMutation(TrashItem_Restore);
  const [deleteState, deleteForever] = useMutation(TrashItem_DeleteForever);
  const toast = useToast();
  const busy = restoreState.fetching || deleteState.fetching;

  const report = (
    error: { message: string } | undefined,
    outcome: { __typename: string; message?: string } | null | undefined,
    ok: string,
  ) => {
    if (error || !outcome || outcome.__typename === ok) {
      if (error) toast.show({ tone: 'error', message: error.message });
      return;
    }
    toast.show({ tone: 'error', message: outcome.message ?? 'That did not work' });
  };

  return (
    <li className="trash-item" data-selected={selected || undefined}>
      <div className="trash-thumb">
        <input
          type="checkbox"
          className="trash-select"
          checked={selected}
          aria-label={`Select ${image.prompt}`}
          onChange={() => onToggle(image.id)}
        />
        <ThumbhashImage image={image} displaySize={TILE} fit="cover" alt={image.prompt} />
      </div>
      <p className="trash-prompt" title={image.prompt}>
        {image.prompt}
      </p>
      <p className="trash-when">
        {image.purgeAt && <strong>{daysLeftLabel(image.purgeAt)}</strong>}
        {image.deletedAt && <span> · trashed {formatDateTime(image.deletedAt)}</span>}
      </p>
      <div className="trash-actions">
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          aria-label={`Restore ${image.prompt}`}
          onClick={async () => {
            const result = await restore({ ids: [image.id] });
            report(result.error, result.data?.restoreImages, 'ImagesPayload');
          }}
        >
          Restore
        </button>
        <button
          type="button"
          className="button button-small button-danger-ghost"
          disabled={busy}
          aria-label={`Delete ${image.prompt} forever`}
          onClick={async () => {
            const result = await deleteForever({ ids: [image.id] });
            report(result.error, result.data?.deleteImagesForever, 'DeletedImagesPayload');
          }}
        >
          Delete forever
        </button>
      </div>
    </li>
  );
}
