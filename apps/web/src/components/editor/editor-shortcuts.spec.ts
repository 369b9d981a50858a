import { describe, expect, it } from 'vitest';
import { editorCommand } from './editor-shortcuts';

const press = (
  key: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => editorCommand({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('editorCommand', () => {
  it('undoes with Ctrl or ⌘+Z and redoes with Shift, or Ctrl+Y', () => {
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('z', { metaKey: true })).toBe('undo');
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(press('y', { ctrlKey: true })).toBe('redo');
    expect(press('s', { metaKey: true })).toBe('save');
  });

  it('answers single keys only without Ctrl, ⌘ or Alt', () => {
    expect(press('r')).toBe('rotate-right');
    expect(press('R', { shiftKey: true })).toBe('rotate-left');
    expect(press('f')).toBe('fit');
    expect(press('1')).toBe('actual-size');
    expect(press('+')).toBe('zoom-in');
    expect(press('-')).toBe('zoom-out');
    expect(press('?', { shiftKey: true })).toBe('help');
    expect(press('r', { altKey: true })).toBeNull();
    expect(press('c', { ctrlKey: true })).toBeNull();
    expect(press('x')).toBeNull();
  });
});
