import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useToast } from '../ui/toast';
import { TrashItem_DeleteForever, TrashItem_Restore } from './trash-item';

export const TrashSelection_RestoreAll = graphql(`
  mutation TrashSelection_RestoreAll {
    restoreTrash {
      __typename
      images {
        id
        deletedAt
        purgeAt
      }
    }
  }
`);

/** The server takes at most this many ids per call. */
const MAX_IDS = 500;

function plural(count: number): string {
  return count === 1 ? '1 image' : `${count} images`;
}

function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS) out.push(ids.slice(start, start + MAX_IDS));
  return out;
}

interface TrashSelectionBarProps {
  ids: string[];
  onClear: () => void;
}

/** What can be done to the selected trashed images: restore them, or delete them for good (asked first). */
export function TrashSelectionBar({ ids, onClear }: TrashSelectionBarProps) {
  const [restoreState, restore] = useMutation(TrashItem_Restore);
  const [deleteState, deleteForever] = useMutation(TrashItem_DeleteForever);
  const [confirming, setConfirming] = useState(false);
  const toast = useToast();
  const busy = restoreState.fetching || deleteState.fetching;

  const run = async (kind: 'restore' | 'delete') => {
    for (const part of chunks(ids)) {
      const result = kind === 'restore' ? await restore({ ids: part }) : await deleteForever({ ids: part });
      const outcome =
        result.data &&
        ('restoreImages' in result.data ? result.data.restoreImages : result.data.deleteImagesForever);
      if (result.error || !outcome || 'message' in outcome) {
        const message = result.error?.message ?? (outcome && 'message' in outcome ? outcome.message : null);
        toast.show({ tone: 'error', message: message ?? 'That did not work. Try again.' });
        return;
      }
    }
    setConfirming(false);
    toast.show({
      message:
        kind === 'restore' ? `Restored ${plural(ids.length)}` : `Deleted ${plural(ids.length)} for good`,
    });
    onClear();
  };

  return (
    <section className="trash-bulk-bar" aria-label="Selected images">
      <p className="trash-bulk-count" aria-live="polite">
        {plural(ids.length)} selected
      </p>
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => void run('restore')}
      >
        Restore
      </button>
      {confirming ? (
        <div className="trash-confirm" role="group" aria-label="Delete the selected images for good">
          <span>Delete {plural(ids.length)} for good? This cannot be undone.</span>
          <button
            type="button"
            className="button button-small button-danger"
            disabled={busy}
            onClick={() => void run('delete')}
          >
            Delete forever
          </button>
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => setConfirming(false)}
          >
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button-small button-danger-ghost"
          disabled={busy}
          onClick={() => setConfirming(true)}
        >
          Delete forever…
        </button>
      )}
      <button type="button" className="button button-ghost button-small" onClick={onClear} title="Esc">
        Clear selection
      </button>
    </section>
  );
}

/** "Restore all": the whole trash back to the gallery, loaded or not. */
export function RestoreAllButton() {
  const [state, restoreAll] = useMutation(TrashSelection_RestoreAll);
  const toast = useToast();
  return (
    <button
      type="button"
      className="button button-small"
      disabled={state.fetching}
      onClick={async () => {
        const result = await restoreAll({});
        if (result.error) toast.show({ tone: 'error', message: result.error.message });
        else toast.show({ message: `Restored ${plural(result.data?.restoreTrash.images.length ?? 0)}` });
      }}
    >
      Restore all
    </button>
  );
}
