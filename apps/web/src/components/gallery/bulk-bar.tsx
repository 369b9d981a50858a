import { useCallback, useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { MAX_SELECTION_ZIP_IMAGES, selectionZipHref } from '../../lib/downloads';
import { useToast } from '../ui/toast';
import { parseTags } from './tag-editor';
import './gallery.css';

export const BulkBar_TagImages = graphql(`
  mutation BulkBar_TagImages($ids: [ID!]!, $add: [String!], $remove: [String!]) {
    tagImages(ids: $ids, add: $add, remove: $remove) {
      __typename
      ... on ImagesPayload {
        images {
          id
          tags
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const BulkBar_SetStarred = graphql(`
  mutation BulkBar_SetStarred($ids: [ID!]!, $starred: Boolean!) {
    setImagesStarred(ids: $ids, starred: $starred) {
      __typename
      ... on ImagesPayload {
        images {
          id
          starred
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const BulkBar_DeleteImages = graphql(`
  mutation BulkBar_DeleteImages($ids: [ID!]!) {
    deleteImages(ids: $ids) {
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

export const BulkBar_RestoreImages = graphql(`
  mutation BulkBar_RestoreImages($ids: [ID!]!) {
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

/** Moves images to the trash, saying so with an Undo; resolves true once they are gone from the lists. */
export function useTrashImages() {
  const [{ fetching }, deleteImages] = useMutation(BulkBar_DeleteImages);
  const [, restoreImages] = useMutation(BulkBar_RestoreImages);
  const toast = useToast();
  const trash = useCallback(
    async (ids: readonly string[]): Promise<boolean> => {
      const chosen = [...ids];
      const result = await deleteImages({ ids: chosen });
      const outcome = result.data?.deleteImages;
      if (result.error || outcome?.__typename !== 'DeletedImagesPayload') {
        toast.show({
          tone: 'error',
          message: result.error?.message ?? messageOf(outcome) ?? 'Deleting failed',
        });
        return false;
      }
      toast.show({
        message: `Moved ${plural(chosen.length)} to the trash`,
        action: { label: 'Undo', onClick: () => void restoreImages({ ids: chosen }) },
      });
      return true;
    },
    [deleteImages, restoreImages, toast],
  );
  return { trash, trashing: fetching };
}

/** More bulk actions (e.g. "Add to collection"), given the selected ids and a way to clear the selection. */
export type BulkActions = (ids: string[], clear: () => void) => ReactNode;

interface BulkBarProps {
  ids: string[];
  onClear: () => void;
  /** Present while some loaded images are not selected. */
  onSelectAll?: () => void;
  extraActions?: BulkActions | undefined;
}

/** What can be done to every selected image at once. Esc clears the selection. */
export function BulkBar({ ids, onClear, onSelectAll, extraActions }: BulkBarProps) {
  const [tagText, setTagText] = useState('');
  const [tagState, tagImages] = useMutation(BulkBar_TagImages);
  const [starState, setStarred] = useMutation(BulkBar_SetStarred);
  const { trash, trashing } = useTrashImages();
  const toast = useToast();
  const busy = tagState.fetching || starState.fetching || trashing;
  const tags = parseTags(tagText);

  const changeTags = async (change: 'add' | 'remove') => {
    const result = await tagImages({ ids, [change]: tags });
    const outcome = result.data?.tagImages;
    if (result.error || outcome?.__typename !== 'ImagesPayload') {
      toast.show({ tone: 'error', message: result.error?.message ?? messageOf(outcome) ?? 'Tagging failed' });
      return;
    }
    setTagText('');
    toast.show({ message: `${change === 'add' ? 'Tagged' : 'Untagged'} ${plural(ids.length)}` });
  };

  const star = async (starred: boolean) => {
    const result = await setStarred({ ids, starred });
    const outcome = result.data?.setImagesStarred;
    if (result.error || outcome?.__typename !== 'ImagesPayload') {
      toast.show({
        tone: 'error',
        message: result.error?.message ?? messageOf(outcome) ?? 'Starring failed',
      });
      return;
    }
    toast.show({ message: `${starred ? 'Starred' : 'Unstarred'} ${plural(ids.length)}` });
  };

  return (
    <section className="bulk-bar" aria-label="Selected images">
      <p className="bulk-count" aria-live="polite">
        {plural(ids.length)} selected
      </p>
      <form
        className="bulk-tags"
        onSubmit={(event) => {
          event.preventDefault();
          if (tags.length > 0) void changeTags('add');
        }}
      >
        <label className="visually-hidden" htmlFor="bulk-tags-input">
          Tags for the selected images
        </label>
        <input
          id="bulk-tags-input"
          className="input input-small"
          placeholder="tags, comma separated"
          value={tagText}
          onChange={(event) => setTagText(event.target.value)}
        />
        <button type="submit" className="button button-small" disabled={busy || tags.length === 0}>
          Add tags
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={busy || tags.length === 0}
          onClick={() => void changeTags('remove')}
        >
          Remove tags
        </button>
      </form>
      <button type="button" className="button button-small" disabled={busy} onClick={() => void star(true)}>
        Star
      </button>
      <button type="button" className="button button-small" disabled={busy} onClick={() => void star(false)}>
        Unstar
      </button>
      {ids.length <= MAX_SELECTION_ZIP_IMAGES ? (
        <a className="button button-small" href={selectionZipHref(ids)} download>
          Download zip
        </a>
      ) : (
        <button
          type="button"
          className="button button-small"
          disabled
          title={`A zip holds at most ${MAX_SELECTION_ZIP_IMAGES} images`}
        >
          Download zip
        </button>
      )}
      {extraActions?.(ids, onClear)}
      <button
        type="button"
        className="button button-small button-danger"
        disabled={busy}
        onClick={() => void trash(ids).then((done) => done && onClear())}
      >
        Move to trash
      </button>
      {onSelectAll && (
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={onSelectAll}
          title="Ctrl/⌘+A"
        >
          Select all
        </button>
      )}
      <button type="button" className="button button-ghost button-small" onClick={onClear} title="Esc">
        Clear selection
      </button>
    </section>
  );
}

function plural(count: number): string {
  return count === 1 ? '1 image' : `${count} images`;
}

function messageOf(outcome: object | null | undefined): string | undefined {
  return outcome && 'message' in outcome && typeof outcome.message === 'string' ? outcome.message : undefined;
}
