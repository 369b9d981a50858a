import { useEffect, useReducer } from 'react';
import { paintedPlaceholder, paintPlaceholderSoon } from '../lib/thumbhash';

/**
 * A tile's ThumbHash placeholder as a data URL: at once when it was painted before (a remounted
 * tile), else null for the first frame and the picture a moment later, so the image's own request
 * is never held back by it.
 */
export function useThumbhashPlaceholder(hash: string | null | undefined): string | null {
  const [, repaint] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    if (!hash || paintedPlaceholder(hash) !== undefined) return;
    return paintPlaceholderSoon(hash, repaint);
  }, [hash]);
  return paintedPlaceholder(hash) ?? null;
}
