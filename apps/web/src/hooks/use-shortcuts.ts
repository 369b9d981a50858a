import { useEffect, useEffectEvent } from 'react';

export type ShortcutAction = 'generate' | 'focus-prompt' | 'go-gallery' | 'go-create' | 'help';

/** Shown in the help overlay; the single list of what the app answers to. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['n'], what: 'New generation' },
  { keys: ['/'], what: 'Focus the prompt' },
  { keys: ['Ctrl/⌘', 'Enter'], what: 'Generate (in the prompt)' },
  { keys: ['g', 'g'], what: 'Go to Gallery' },
  { keys: ['g', 'c'], what: 'Go to Create' },
  { keys: ['←', '↑', '→', '↓'], what: 'Move between images (gallery)' },
  { keys: ['Home', 'End'], what: 'First / last image (gallery)' },
  { keys: ['Enter'], what: 'Open the image (gallery)' },
  { keys: ['/'], what: 'Search prompts (gallery)' },
  { keys: ['Space'], what: 'Star or unstar the focused image (gallery; also s)' },
  { keys: ['Delete'], what: 'Move the focused image, or the selection it is in, to the trash (gallery)' },
  { keys: ['x'], what: 'Select the focused image; Shift for a range (gallery)' },
  { keys: ['Ctrl/⌘', 'A'], what: 'Select every image loaded so far (gallery)' },
  { keys: ['Esc'], what: 'Clear the selection (gallery)' },
  { keys: ['e'], what: 'Edit the focused image (gallery) or this image (image view)' },
  { keys: ['←', '→'], what: 'Newer / older image (image view)' },
  { keys: ['z'], what: 'Actual size (100 %), or fit to the view; drag to pan (image view)' },
  { keys: ['\\'], what: 'Hold to see the image it was made from (image view, compare)' },
  { keys: ['Esc'], what: 'Back to the gallery (image view), or close a dialog' },
  { keys: ['?'], what: 'Show these shortcuts' },
];

const SEQUENCE_MS = 1000;

/** Turns single keys into actions; `g` waits up to a second for its second key. */
export function createShortcutMatcher(sequenceMs = SEQUENCE_MS) {
  let pendingG: number | null = null;
  return (key: string, now: number): ShortcutAction | null => {
    const afterG = pendingG !== null && now - pendingG <= sequenceMs;
    pendingG = null;
    if (afterG) {
      if (key === 'g') return 'go-gallery';
      if (key === 'c') return 'go-create';
    }
    switch (key) {
      case 'g':
        pendingG = now;
        return null;
      case 'n':
        return 'generate';
      case '/':
        return 'focus-prompt';
      case '?':
        return 'help';
      default:
        return null;
    }
  };
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes(
      target.type,
    );
  }
  return false;
}

/** A single-key shortcut stays silent with a modifier, while typing, or when a dialog is open. */
export function ignoresShortcut(event: KeyboardEvent): boolean {
  return (
    event.defaultPrevented ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    isTypingTarget(event.target) ||
    document.querySelector('dialog[open]') !== null
  );
}

/** App-wide single-key shortcuts; silent while typing, with modifiers, or when a dialog is open. */
export function useGlobalShortcuts(onAction: (action: ShortcutAction) => void): void {
  const handle = useEffectEvent(onAction);
  useEffect(() => {
    const match = createShortcutMatcher();
    const onKeyDown = (event: KeyboardEvent) => {
      if (ignoresShortcut(event)) return;
      const action = match(event.key, event.timeStamp || Date.now());
      if (!action) return;
      event.preventDefault();
      handle(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
