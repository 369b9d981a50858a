import type { UpdateResolver } from '@urql/exchange-graphcache';
import type { Result } from './connections';
import { type ImageLike, placeLiveImage } from './images';

/* Images people bring in: an imported image goes on top of the gallery lists it matches at once. */

type ImportOutcome = ImageLike & { __typename?: string };

export function importsImage(
  field: 'importImage' | 'importImageFromUrl',
): UpdateResolver<Result<typeof field, ImportOutcome>> {
  return (result, _args, cache) => {
    const outcome = result[field];
    if (outcome?.__typename === 'Image') placeLiveImage(cache, outcome);
  };
}
