import { useEffect, useState } from 'react';
import { ignoresShortcut } from '../../hooks/use-shortcuts';

/**
 * Whether `key` is held down right now (outside text fields and dialogs). Let go, a lost focus or a
 * hidden tab all count as released, so the view never sticks.
 */
export function useHeldKey(key: string, enabled = true): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!enabled || event.key !== key || ignoresShortcut(event)) return;
      event.preventDefault();
      setHeld(true);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === key) setHeld(false);
    };
    const release = () => setHeld(false);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', release);
    document.addEventListener('visibilitychange', release);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', release);
      document.removeEventListener('visibilitychange', release);
    };
  }, [key, enabled]);
  return enabled && held;
}
