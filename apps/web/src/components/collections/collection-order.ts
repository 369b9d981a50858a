/**
 * Reordering a hand-made collection on the client: the new order for the screen (applied at once)
 * and the `afterImageId` the server needs to make the same move.
 */

/** `ids` with the item at `from` moved to index `to` (indexes in the original list). */
export function moveItem<T>(ids: readonly T[], from: number, to: number): T[] {
  const next = [...ids];
  if (from < 0 || from >= ids.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item as T);
  return next;
}

/** The id the moved item follows in `order`, or null when it is first. */
export function afterIdFor<T>(order: readonly T[], moved: T): T | null {
  const index = order.indexOf(moved);
  return index > 0 ? (order[index - 1] as T) : null;
}

/**
 * The move for dropping `dragged` onto `target`: it takes the target's place, so it lands before
 * the target when coming from below and after it when coming from above (as in a file list).
 * Null when nothing changes.
 */
export function dropMove<T>(
  order: readonly T[],
  dragged: T,
  target: T,
): { order: T[]; afterId: T | null } | null {
  const from = order.indexOf(dragged);
  const to = order.indexOf(target);
  if (from < 0 || to < 0 || from === to) return null;
  const next = moveItem(order, from, to);
  return { order: next, afterId: afterIdFor(next, dragged) };
}

/** The move one step earlier (-1) or later (+1), for the keyboard and the arrow buttons. */
export function stepMove<T>(
  order: readonly T[],
  item: T,
  step: -1 | 1,
): { order: T[]; afterId: T | null } | null {
  const from = order.indexOf(item);
  const to = from + step;
  if (from < 0 || to < 0 || to >= order.length) return null;
  const next = moveItem(order, from, to);
  return { order: next, afterId: afterIdFor(next, item) };
}
