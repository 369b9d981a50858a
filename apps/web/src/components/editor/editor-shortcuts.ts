import { useEffect, useEffectEvent } from 'react';
import { isTypingTarget } from '../../hooks/use-shortcuts';

export type EditorCommand =
  | 'undo'
  | 'redo'
  | 'save'
  | 'fit'
  | 'actual-size'
  | 'zoom-in'
  | 'zoom-out'
  | 'crop'
  | 'rotate-right'
  | 'rotate-left'
  | 'help'
  | 'confirm'
  | 'close';

/** Shown in the editor's shortcuts list; the single list of what the editor answers to. */
export const EDITOR_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Ctrl/⌘', 'Z'], what: 'Undo' },
  { keys: ['Shift', 'Ctrl/⌘', 'Z'], what: 'Redo (also Ctrl+Y)' },
  { keys: ['\\'], what: 'Hold to see the original' },
  { keys: ['Space'], what: 'Hold and drag to pan (or drag with the middle button, or two fingers)' },
  { keys: ['F'], what: 'Fit the picture to the view' },
  { keys: ['1'], what: 'Actual size (100 %)' },
  { keys: ['+', '−'], what: 'Zoom in / out (or scroll, or pinch)' },
  { keys: ['C'], what: 'Crop (Enter applies, Esc cancels)' },
  { keys: ['R'], what: 'Rotate right; Shift+R rotates left' },
  { keys: ['Ctrl/⌘', 'S'], what: 'Save as a new image' },
  { keys: ['Esc'], what: 'Leave the editor' },
  { keys: ['?'], what: 'Show these shortcuts' },
];

/** The command for a key press, or null. Modifier combinations first; single keys only without. */
export function editorCommand(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): EditorCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && !event.altKey) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    if (key === 's') return 'save';
    return null;
  }
  if (event.altKey) return null;
  switch (key) {
    case 'f':
      return 'fit';
    case '1':
      return 'actual-size';
    case '+':
    case '=':
      return 'zoom-in';
    case '-':
    case '_':
      return 'zoom-out';
    case 'c':
      return 'crop';
    case 'r':
      return event.shiftKey ? 'rotate-left' : 'rotate-right';
    case '?':
      return 'help';
    case 'Enter':
      return 'confirm';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}

/**
 * The editor's keys, ahead of the app's (capture phase: `?` shows the editor's list, not the app's).
 * Silent while typing in a field or with a dialog open; `\` held shows the original until released.
 */
export function useEditorShortcuts(
  onCommand: (command: EditorCommand) => void,
  onOriginal: (held: boolean) => void,
) {
  const command = useEffectEvent(onCommand);
  const original = useEffectEvent(onOriginal);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === '\\' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        if (!event.repeat) original(true);
        return;
      }
      const found = editorCommand(event);
      if (!found) return;
      // Enter on a control is that control's own (a button, a link).
      const target = event.target as Element | null;
      const onControl = target?.closest?.('button, a, input, select, textarea, [role="tab"]');
      if (found === 'confirm' && onControl) return;
      event.preventDefault();
      event.stopPropagation();
      command(found);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === '\\') original(false);
    };
    const onBlur = () => original(false);
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
      window.removeEventListener('blur', onBlur);
    };
  }, []);
}
