import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ImageQueryParams } from '../../gql/graphql';
import type { BulkActions } from '../gallery/bulk-bar';
import { AddToCollectionDialog } from './add-to-collection-dialog';
import { CollectionIcon } from './collection-icon';
import { CreateCollectionDialog } from './create-collection-dialog';

/** A gallery search in a few words: “red boat” · local · tags sea, night · starred. */
export function describeFilter(filter: ImageQueryParams): string {
  const parts: string[] = [];
  if (filter.search) parts.push(`“${filter.search}”`);
  const providers = [...(filter.provider ? [filter.provider] : []), ...(filter.providers ?? [])];
  if (providers.length > 0) parts.push(providers.join(' or '));
  if (filter.models?.length) parts.push(filter.models.join(' or '));
  if (filter.tags?.length) parts.push(`tags ${filter.tags.join(', ')}`);
  if (filter.starred) parts.push('starred');
  if (filter.operations?.length) parts.push(filter.operations.map((op) => op.toLowerCase()).join(' or '));
  if (filter.startDate || filter.endDate) parts.push('in a date range');
  if (filter.collectionId) parts.push('in a collection');
  if (filter.batchId) parts.push('from one batch');
  return parts.join(' · ') || 'all images';
}

/** The gallery bulk bar's "Add to collection" (the selection stays, so more can be done with it). */
export const addToCollectionBulkAction: BulkActions = (ids) => <AddSelectionButton ids={ids} />;

function AddSelectionButton({ ids }: { ids: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        <CollectionIcon />
        <span>Add to collection</span>
      </button>
      <AddToCollectionDialog imageIds={ids} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** "Save as smart collection": keeps the gallery's current search as a collection that stays current. */
export function SaveSearchButton({ filter }: { filter: ImageQueryParams }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        <CollectionIcon />
        <span>Save as smart collection</span>
      </button>
      <CreateCollectionDialog
        open={open}
        onClose={() => setOpen(false)}
        search={{ filter, summary: describeFilter(filter) }}
        onCreated={(collection) => void navigate(`/collections/${encodeURIComponent(collection.id)}`)}
      />
    </>
  );
}
