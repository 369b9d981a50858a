// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { nextGridIndex, useGridKeyboard } from './use-grid-keyboard';

describe('nextGridIndex', () => {
  // 10 items in 4 columns:
  //  0 1 2 3
  //  4 5 6 7
  //  8 9
  it('moves by one sideways and by a row up and down', () => {
    expect(nextGridIndex('ArrowRight', 5, 10, 4)).toBe(6);
    expect(nextGridIndex('ArrowLeft', 5, 10, 4)).toBe(4);
    expect(nextGridIndex('ArrowDown', 1, 10, 4)).toBe(5);
    expect(nextGridIndex('ArrowUp', 5, 10, 4)).toBe(1);
  });

  it('stops at the edges', () => {
    expect(nextGridIndex('ArrowLeft', 0, 10, 4)).toBe(0);
    expect(nextGridIndex('ArrowRight', 9, 10, 4)).toBe(9);
    expect(nextGridIndex('ArrowUp', 2, 10, 4)).toBe(2);
    expect(nextGridIndex('ArrowDown', 9, 10, 4)).toBe(9);
  });

  it('drops into a short last row at its last tile', () => {
    expect(nextGridIndex('ArrowDown', 6, 10, 4)).toBe(9);
  });

  it('jumps with Home, End and the page keys', () => {
    expect(nextGridIndex('Home', 7, 10, 4)).toBe(0);
    expect(nextGridIndex('End', 2, 10, 4)).toBe(9);
    expect(nextGridIndex('PageDown', 0, 100, 4, 3)).toBe(12);
    expect(nextGridIndex('PageUp', 5, 100, 4, 3)).toBe(0);
  });

  it('ignores other keys', () => {
    expect(nextGridIndex('a', 3, 10, 4)).toBeNull();
    expect(nextGridIndex('ArrowRight', 0, 0, 4)).toBeNull();
  });
});

function Harness({ onMove }: { onMove: (index: number) => void }) {
  const { focusedIndex, onKeyDown } = useGridKeyboard({ count: 10, columns: 4, onMove });
  return (
    <div role="grid" aria-label="Test" onKeyDown={onKeyDown} tabIndex={0}>
      focused {focusedIndex}
    </div>
  );
}

describe('useGridKeyboard', () => {
  it('tracks the focused tile and asks to move to it', () => {
    const onMove = vi.fn();
    render(<Harness onMove={onMove} />);
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(grid.textContent).toBe('focused 5');
    expect(onMove).toHaveBeenLastCalledWith(5);
    fireEvent.keyDown(grid, { key: 'End' });
    expect(grid.textContent).toBe('focused 9');
  });
});
