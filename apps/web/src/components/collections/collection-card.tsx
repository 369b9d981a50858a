import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { CollectionCard_CollectionFragment } from '../../gql/graphql';
import { ThumbhashImage } from '../gallery/thumbhash-image';
import { CollectionIcon } from './collection-icon';

export const CollectionCard_Collection = graphql(`
  fragment CollectionCard_Collection on Collection {
    id
    name
    description
    isSmart
    imageCount
    updatedAt
    cover {
      id
      url
      prompt
      width
      height
      thumbhash
      thumbnails {
        size
        url
        width
        height
      }
    }
  }
`);

/** "12 images", "1 image", "Smart · live search". */
export function collectionCountLabel(collection: { isSmart: boolean; imageCount?: number | null }): string {
  if (collection.isSmart) return 'Smart · live search';
  const count = collection.imageCount ?? 0;
  return `${count} ${count === 1 ? 'image' : 'images'}`;
}

/** A collection in the grid: its cover (or an empty frame), name and size. */
export function CollectionCard({ collection }: { collection: CollectionCard_CollectionFragment }) {
  return (
    <Link to={`/collections/${encodeURIComponent(collection.id)}`} className="collection-card">
      <span className="collection-cover">
        {collection.cover ? (
          <ThumbhashImage image={collection.cover} displaySize={240} fit="cover" alt="" />
        ) : (
          <span className="collection-cover-empty" aria-hidden="true">
            <CollectionIcon width={32} height={32} />
          </span>
        )}
      </span>
      <span className="collection-card-name">{collection.name}</span>
      <span className="collection-card-meta">{collectionCountLabel(collection)}</span>
    </Link>
  );
}
