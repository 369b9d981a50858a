import { describe, expect, it } from 'vitest';
import { emptySelection, keepListed, selectAll, selectRange, toggleSelected } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const ids = (selection: { ids: ReadonlySet<string> }) => [...selection.ids].sort();

describe('gallery selection', () => {
  it('toggles single images and remembers the last one as the anchor', () => {
    const one = toggleSelected(emptySelection, 'b');
    const two = toggleSelected(one, 'd');
    expect(ids(two)).toEqual(['b', 'd']);
    expect(two.anchor).toBe('d');
    expect(ids(toggleSelected(two, 'b'))).toEqual(['d']);
  });

  it('extends from the anchor to the shift-clicked image, in either direction, keeping the rest', () => {
    const start = toggleSelected(toggleSelected(emptySelection, 'a'), 'd');
    expect(ids(selectRange(start, order, 'b'))).toEqual(['a', 'b', 'c', 'd']);
    const fromB = toggleSelected(emptySelection, 'b');
    expect(ids(selectRange(fromB, order, 'e'))).toEqual(['b', 'c', 'd', 'e']);
    expect(selectRange(fromB, order, 'e').anchor).toBe('b');
  });

  it('selects every listed image at once, the first becoming the anchor', () => {
    const all = selectAll(order);
    expect(ids(all)).toEqual(order);
    expect(all.anchor).toBe('a');
    expect(ids(selectAll([]))).toEqual([]);
  });

  it('selects just the clicked image when there is no anchor yet', () => {
    expect(ids(selectRange(emptySelection, order, 'c'))).toEqual(['c']);
  });

  it('forgets images that left the list', () => {
    const selection = selectRange(toggleSelected(emptySelection, 'a'), order, 'c');
    const kept = keepListed(selection, ['b', 'c', 'd']);
    expect(ids(kept)).toEqual(['b', 'c']);
    expect(kept.anchor).toBeNull();
    expect(keepListed(kept, ['b', 'c'])).toBe(kept);
  });
});
