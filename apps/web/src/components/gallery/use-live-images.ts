import { useSubscription } from 'urql';
import { graphql } from '../../gql';

export const LiveImages_Added = graphql(`
  subscription LiveImages_Added {
    imageAdded {
      ...GalleryTile_Image
      tags
      operation
      model
      deletedAt
    }
  }
`);

export const LiveImages_Updated = graphql(`
  subscription LiveImages_Updated {
    imageUpdated {
      id
      starred
      tags
      deletedAt
      purgeAt
    }
  }
`);

/**
 * Keeps the viewer's lists live: new images (from any tab, job or import) and changes (stars, tags,
 * trash) arrive here, and the updaters in urql-cache.ts place them.
 */
export function useLiveImages(): void {
  useSubscription({ query: LiveImages_Added });
  useSubscription({ query: LiveImages_Updated });
}
