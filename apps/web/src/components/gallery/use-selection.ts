import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SelectMode } from './gallery-tile';
import {
  emptySelection,
  keepListed,
  selectAll,
  selectRange,
  type Selection,
  toggleSelected,
} from './selection';

/** Multi-select over a list in display order; Esc clears it (unless a dialog is open). */
export function useSelection(order: readonly string[]) {
  const [raw, setSelection] = useState<Selection>(emptySelection);
  // Images that left the list (trashed in another tab, filtered out) are no longer selected.
  const selection = useMemo(() => keepListed(raw, order), [raw, order]);
  const count = selection.ids.size;

  const select = useCallback(
    (id: string, mode: SelectMode) =>
      setSelection((current) =>
        mode === 'range' ? selectRange(keepListed(current, order), order, id) : toggleSelected(current, id),
      ),
    [order],
  );
  const clear = useCallback(() => setSelection(emptySelection), []);
  const all = useCallback(() => setSelection(selectAll(order)), [order]);

  useEffect(() => {
    if (count === 0) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      clear();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [count, clear]);

  return { selectedIds: selection.ids, ids: [...selection.ids], count, select, selectAll: all, clear };
}
