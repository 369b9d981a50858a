import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { Field } from '../ui/field';
import { SelectField } from '../ui/select-field';

export const CollectionPicker_Collections = graphql(`
  query CollectionPicker_Collections {
    collections(first: 100) {
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

export type CollectionChoice =
  { mode: 'none' } | { mode: 'existing'; id: string } | { mode: 'new'; name: string };

const NEW = '__new__';

interface CollectionPickerProps {
  value: CollectionChoice;
  error?: string | undefined;
  onChange: (value: CollectionChoice) => void;
}

/** Where the batch's images go: nowhere in particular, one of the viewer's collections, or a new one. */
export function CollectionPicker({ value, error, onChange }: CollectionPickerProps) {
  const [{ data }] = useQuery({ query: CollectionPicker_Collections });
  // A smart collection is a saved search: images cannot be sent to it.
  const collections = data?.collections.edges.map((edge) => edge.node).filter((c) => !c.isSmart) ?? [];
  const selected = value.mode === 'existing' ? value.id : value.mode === 'new' ? NEW : '';

  return (
    <div className="batch-collection">
      <SelectField
        label="Send to collection"
        value={selected}
        emptyLabel="No collection"
        options={[
          ...collections.map((collection) => ({ value: collection.id, label: collection.name })),
          { value: NEW, label: 'New collection…' },
        ]}
        onChange={(next) => {
          if (next === '') onChange({ mode: 'none' });
          else if (next === NEW) onChange({ mode: 'new', name: '' });
          else onChange({ mode: 'existing', id: next });
        }}
      />
      {value.mode === 'new' && (
        <Field label="New collection name" error={error}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={value.name}
              maxLength={120}
              onChange={(event) => onChange({ mode: 'new', name: event.target.value })}
            />
          )}
        </Field>
      )}
    </div>
  );
}
