import { describe, expect, it } from 'vitest';
import { draggedImageId, imagesForDrop } from './collection-drop-zone';
import { afterIdFor, dropMove, moveItem, stepMove } from './collection-order';

describe('collection ordering', () => {
  it('moves an item to a new index, keeping the rest in order', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('names the image a moved one follows, or null when it became first', () => {
    expect(afterIdFor(['d', 'a', 'b'], 'd')).toBeNull();
    expect(afterIdFor(['a', 'd', 'b'], 'd')).toBe('a');
  });

  it('drops onto a tile by taking its place, from either side', () => {
    expect(dropMove(['a', 'b', 'c', 'd'], 'd', 'b')).toEqual({ order: ['a', 'd', 'b', 'c'], afterId: 'a' });
    expect(dropMove(['a', 'b', 'c', 'd'], 'a', 'c')).toEqual({ order: ['b', 'c', 'a', 'd'], afterId: 'c' });
    expect(dropMove(['a', 'b', 'c'], 'c', 'a')).toEqual({ order: ['c', 'a', 'b'], afterId: null });
    expect(dropMove(['a', 'b'], 'a', 'a')).toBeNull();
    expect(dropMove(['a', 'b'], 'x', 'a')).toBeNull();
  });

  it('steps earlier and later, and not past either end', () => {
    expect(stepMove(['a', 'b', 'c'], 'b', -1)).toEqual({ order: ['b', 'a', 'c'], afterId: null });
    expect(stepMove(['a', 'b', 'c'], 'b', 1)).toEqual({ order: ['a', 'c', 'b'], afterId: 'c' });
    expect(stepMove(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(stepMove(['a', 'b', 'c'], 'c', 1)).toBeNull();
  });
});

describe('dropping gallery tiles', () => {
  const transfer = (data: Record<string, string>) => ({ getData: (type: string) => data[type] ?? '' });

  it('reads the image from the dragged tile’s link, and nothing else', () => {
    const id = 'SW1hZ2U6YWJj+/=';
    const href = `http://localhost:4000/images/${encodeURIComponent(id)}?q=boat`;
    expect(draggedImageId(transfer({ 'text/uri-list': `# comment\r\n${href}` }))).toBe(id);
    expect(draggedImageId(transfer({ 'text/plain': href }))).toBe(id);
    expect(draggedImageId(transfer({ 'text/plain': 'https://example.com/cat.png' }))).toBeNull();
    expect(draggedImageId(transfer({}))).toBeNull();
  });

  it('takes the whole selection when the dropped tile is part of it', () => {
    expect(imagesForDrop('b', ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(imagesForDrop('z', ['a', 'b'])).toEqual(['z']);
  });
});
