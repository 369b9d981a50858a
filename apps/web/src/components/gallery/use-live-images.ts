import { useState } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../../gql';

export const LiveImages_Added = graphql(`
  subscription LiveImages_Added($since: DateTime) {
    imageAdded(since: $since) {
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
 * Where a live list of new images starts: the lists are read when they mount, so what matters is
 * what is stored from then on. After a reconnect the subscription resumes from the newest image it
 * received instead (see lib/subscription-resume.ts), so none made meanwhile is missed. Fixed at
 * mount: a new value would restart the subscription.
 */
export function useImagesAddedSince(): string {
  const [since] = useState(() => new Date().toISOString());
  return since;
}

/**
 * Keeps the viewer's lists live: new images (from any tab, job or import) and changes (stars, tags,
 * trash) arrive here, and the updaters in lib/urql-cache/images.ts place them.
 */
export function useLiveImages(): void {
  const since = useImagesAddedSince();
  useSubscription({ query: LiveImages_Added, variables: { since } });
  useSubscription({ query: LiveImages_Updated });
}
