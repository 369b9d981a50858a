import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { AddToCollectionDialog } from './add-to-collection-dialog';
import { CollectionIcon } from './collection-icon';
import './collections.css';

export const ImageCollections_Collections = graphql(`
  query ImageCollections_Collections($id: ID!) {
    image(id: $id) {
      id
      collections {
        id
        name
      }
    }
  }
`);

/** On an image's page: the collections it is in, and "Add to collection". */
export function ImageCollections({ imageId }: { imageId: string }) {
  const [adding, setAdding] = useState(false);
  const [{ data }] = useQuery({ query: ImageCollections_Collections, variables: { id: imageId } });
  const collections = data?.image?.collections ?? [];
  return (
    <section className="image-collections" aria-labelledby="image-collections-title">
      <h2 id="image-collections-title" className="image-collections-title">
        Collections
      </h2>
      {collections.length > 0 ? (
        <ul className="image-collections-list">
          {collections.map((collection) => (
            <li key={collection.id}>
              <Link to={`/collections/${encodeURIComponent(collection.id)}`}>{collection.name}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Not in any collection.</p>
      )}
      <button type="button" className="button button-small" onClick={() => setAdding(true)}>
        <CollectionIcon />
        <span>Add to collection</span>
      </button>
      <AddToCollectionDialog imageIds={[imageId]} open={adding} onClose={() => setAdding(false)} />
    </section>
  );
}
