import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { TrashItem } from '../components/trash/trash-item';
import { RestoreAllButton, TrashSelectionBar } from '../components/trash/trash-selection';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { useToast } from '../components/ui/toast';
import { graphql } from '../gql';
import type { TrashItem_ImageFragment } from '../gql/graphql';
import '../components/trash/trash.css';

export const TrashPage_Trash = graphql(`
  query TrashPage_Trash($first: Int!, $after: String) {
    trash(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          ...TrashItem_Image
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const TrashPage_EmptyTrash = graphql(`
  mutation TrashPage_EmptyTrash {
    emptyTrash {
      deletedCount
    }
  }
`);

const PAGE = 60;

/** Trashed images, most recently deleted first: restore them, or delete them for good. */
export default function TrashPage() {
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: TrashPage_Trash,
    variables: { first: PAGE, after },
    requestPolicy: after ? 'cache-first' : 'cache-and-network',
  });
  const [emptying, emptyTrash] = useMutation(TrashPage_EmptyTrash);
  const [confirming, setConfirming] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toast = useToast();

  const connection = data?.trash;
  const images = (connection?.edges ?? [])
    .map((edge) => edge.node)
    .filter((node): node is TrashItem_ImageFragment & { id: string } => !!node);

  // Only what is still in the trash stays selected (restored elsewhere, or purged, it leaves).
  const selectedIds = images.filter((image) => selected.has(image.id)).map((image) => image.id);
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const clear = () => setSelected(new Set());
  useEffect(() => {
    if (selected.size === 0) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setSelected(new Set());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected.size]);

  const onEmpty = async () => {
    const result = await emptyTrash({});
    setConfirming(false);
    if (result.error) toast.show({ tone: 'error', message: result.error.message });
    else toast.show({ message: `Deleted ${result.data?.emptyTrash.deletedCount ?? 0} images for good` });
  };

  return (
    <div className="page trash-page">
      <div className="page-header">
        <h1>Trash</h1>
        <p className="page-lede">Images stay here for 30 days, then they are deleted with their files.</p>
        {images.length > 0 && (
          <div className="trash-header-actions">
            <RestoreAllButton />
            {confirming ? (
              <div className="trash-confirm" role="group" aria-label="Empty the trash">
                <span>Delete everything in the trash for good?</span>
                <button
                  type="button"
                  className="button button-small button-danger"
                  disabled={emptying.fetching}
                  onClick={() => void onEmpty()}
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
                onClick={() => setConfirming(true)}
              >
                Empty trash…
              </button>
            )}
          </div>
        )}
      </div>
      {error && !connection ? (
        <ErrorState
          what="the trash"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      ) : !connection && fetching ? (
        <LoadingState label="Loading the trash…" spinner className="gallery-loading" />
      ) : images.length === 0 ? (
        <EmptyState
          title="The trash is empty"
          action={
            <Link to="/gallery" className="button">
              Back to the gallery
            </Link>
          }
        >
          Images you delete from the gallery wait here for 30 days, in case you change your mind.
        </EmptyState>
      ) : (
        <>
          {selectedIds.length > 0 && <TrashSelectionBar ids={selectedIds} onClear={clear} />}
          <ul className="trash-list" aria-label="Trashed images">
            {images.map((image) => (
              <TrashItem key={image.id} image={image} selected={selected.has(image.id)} onToggle={toggle} />
            ))}
          </ul>
          {connection?.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button trash-more"
              disabled={fetching}
              onClick={() => setAfter(connection.pageInfo.endCursor ?? null)}
            >
              Show more
            </button>
          )}
        </>
      )}
    </div>
  );
}
