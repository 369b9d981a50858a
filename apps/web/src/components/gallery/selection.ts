/** Which images are selected, and the one a shift-click extends from. */
export interface Selection {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

/** Ctrl/⌘-click or the tile's checkbox: flips one image, which becomes the anchor. */
export function toggleSelected(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** Ctrl/⌘+A: every image listed so far (those not loaded yet are not known to the app). */
export function selectAll(order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: order[0] ?? null };
}

/**
 * Shift-click: adds every image from the anchor to `id` (in list order) to the selection, as file
 * browsers do. Without an anchor (or one no longer listed) it selects just `id`.
 */
export function selectRange(selection: Selection, order: readonly string[], id: string): Selection {
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return toggleSelected(selection, id);
  const [start, end] = from <= to ? [from, to] : [to, from];
  const ids = new Set(selection.ids);
  for (const each of order.slice(start, end + 1)) ids.add(each);
  return { ids, anchor: selection.anchor };
}

/** Drops images that left the list (trashed elsewhere, filtered out); the same object when none did. */
export function keepListed(selection: Selection, order: readonly string[]): Selection {
  const listed = new Set(order);
  const kept = [...selection.ids].filter((id) => listed.has(id));
  if (kept.length === selection.ids.size) return selection;
  return {
    ids: new Set(kept),
    anchor: selection.anchor && listed.has(selection.anchor) ? selection.anchor : null,
  };
}
