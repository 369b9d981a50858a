import { useMemo } from 'react';
import { validateOperations, type EditOperation } from '@atelier/image-edits';
import type { EditorImage } from './editor-context';
import { parseOperations, serialiseOperations } from './history';

const PREFIX = 'atelier.editor.draft.';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The list being edited, kept in this tab's session storage: a reload (or leaving and coming back)
 * finds the edit where it was. Cleared once saved.
 */
export function useDraft(image: EditorImage) {
  return useMemo(() => {
    const key = `${PREFIX}${image.id}`;
    const stored = parseOperations(storage()?.getItem(key) ?? null);
    const source = { width: image.width, height: image.height };
    // A draft that no longer fits the picture (or an empty one) is dropped.
    const usable =
      stored &&
      stored.length > 0 &&
      validateOperations(stored, source).every((problem) => problem.index === null)
        ? stored
        : null;
    return {
      initial: usable,
      keep: (operations: readonly EditOperation[]) => {
        try {
          if (operations.length === 0) storage()?.removeItem(key);
          else storage()?.setItem(key, serialiseOperations(operations));
        } catch {
          // Storage full or refused: the draft just isn't kept.
        }
      },
      clear: () => storage()?.removeItem(key),
    };
  }, [image.id, image.width, image.height]);
}
