import { useEffect, useId, useRef, useState } from 'react';
import { useMenuKeyboard } from './use-menu-keyboard';

/**
 * A button that opens a role="menu" in `root`: opening moves focus to the first item, a pointer
 * down outside closes it, Escape closes it and gives focus back to the button, Tab closes it and
 * moves on.
 */
export function useMenuButton() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onMenuKeyDown = useMenuKeyboard(root, {
    onClose: (key) => close(key === 'Escape'),
    tabMovesOn: true,
  });
  return { open, setOpen, root, button, menuId, close, onMenuKeyDown };
}
