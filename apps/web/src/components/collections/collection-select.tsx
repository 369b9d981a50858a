import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { SelectField } from '../ui/select-field';
import { pickable } from './collection-chooser';

export const CollectionSelect_Collections = graphql(`
  query CollectionSelect_Collections($first: Int!) {
    collections(first: $first) {
      edges {
        node {
          id
          name
          isSmart
        }
      }
    }
  }
`);

interface CollectionSelectProps {
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
}

/** "Send new images to this collection": none, or one of the viewer's hand-made collections. */
export function CollectionSelect({ value, onChange, label = 'Send to collection' }: CollectionSelectProps) {
  const [{ data }] = useQuery({ query: CollectionSelect_Collections, variables: { first: 100 } });
  const collections = pickable(data?.collections.edges.map((edge) => edge.node) ?? []);
  // A chosen collection that is gone (deleted in another tab) falls back to none.
  const selected = value && collections.some((c) => c.id === value) ? value : '';
  return (
    <SelectField
      label={label}
      className="collection-select"
      value={selected}
      emptyLabel="Gallery only"
      options={collections.map((collection) => ({ value: collection.id, label: collection.name }))}
      onChange={(id) => onChange(id || null)}
    />
  );
}
