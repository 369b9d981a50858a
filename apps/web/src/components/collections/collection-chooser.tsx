import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';

export const CollectionChooser_Collections = graphql(`
  query CollectionChooser_Collections($first: Int!, $search: String) {
    collections(first: $first, search: $search) {
      edges {
        node {
          id
          name
          isSmart
          imageCount
        }
      }
    }
  }
`);

export interface PickableCollection {
  id: string;
  name: string;
  isSmart: boolean;
  imageCount?: number | null;
}

/** Only hand-made collections take images; smart ones show a search. */
export function pickable<T extends PickableCollection>(collections: readonly T[]): T[] {
  return collections.filter((collection) => !collection.isSmart);
}

interface CollectionChooserProps {
  value: string | null;
  onChange: (id: string) => void;
  label?: string;
}

/** A searchable list of the viewer's hand-made collections to choose one from; the only one is chosen already. */
export function CollectionChooser({ value, onChange, label = 'Collection' }: CollectionChooserProps) {
  const [search, setSearch] = useState('');
  const [{ data, error, fetching }] = useQuery({
    query: CollectionChooser_Collections,
    variables: { first: 100, search: search.trim() || null },
    requestPolicy: 'cache-and-network',
  });
  const collections = pickable(data?.collections.edges.map((edge) => edge.node) ?? []);
  const name = useId();
  const onlyId = !search.trim() && collections.length === 1 ? collections[0]!.id : null;
  const preselected = useRef(false);

  // With a single hand-made collection there is nothing to choose; a later search must not re-pick it.
  useEffect(() => {
    if (preselected.current || !onlyId) return;
    preselected.current = true;
    if (value === null) onChange(onlyId);
  }, [onlyId, value, onChange]);

  return (
    <fieldset className="collection-chooser">
      <legend className="field-label">{label}</legend>
      <input
        type="search"
        className="input"
        aria-label="Find a collection"
        placeholder="Find a collection"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {error && !data ? (
        <p className="form-error" role="alert">
          Could not load your collections. Close this and try again.
        </p>
      ) : fetching && !data ? (
        <p className="muted">Loading collections…</p>
      ) : collections.length === 0 ? (
        <p className="muted">
          {search.trim() ? 'No hand-made collection has that name.' : 'No collections yet: make one below.'}
        </p>
      ) : (
        <ul className="collection-chooser-list">
          {collections.map((collection) => (
            <li key={collection.id}>
              <label className="collection-chooser-item">
                <input
                  type="radio"
                  name={name}
                  value={collection.id}
                  checked={value === collection.id}
                  onChange={() => onChange(collection.id)}
                />
                <span>{collection.name}</span>
                <span className="muted">{collection.imageCount ?? 0}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
