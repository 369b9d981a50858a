import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useMenuKeyboard } from '../../hooks/use-menu-keyboard';
import { useViewer } from '../auth/session';
import { BookIcon, PaletteIcon } from '../library/library-icons';
import { GearIcon, MoreIcon, ShieldIcon, TrashIcon } from '../ui/icons';
import '../ui/menu.css';

interface Destination {
  to: string;
  label: string;
  icon: ReactNode;
  adminOnly?: boolean;
}

/** The rail's destinations that fold into "More" on a phone (app-shell marks them rail-secondary). */
export const MORE_DESTINATIONS: readonly Destination[] = [
  { to: '/trash', label: 'Trash', icon: <TrashIcon /> },
  { to: '/prompts', label: 'Prompts', icon: <BookIcon /> },
  { to: '/presets', label: 'Presets', icon: <PaletteIcon /> },
  { to: '/settings', label: 'Settings', icon: <GearIcon /> },
  { to: '/admin', label: 'Admin', icon: <ShieldIcon />, adminOnly: true },
];

/** The bottom bar's last button on a phone: the destinations that do not fit beside the others. */
export function MoreMenu() {
  const viewer = useViewer();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const destinations = MORE_DESTINATIONS.filter((d) => !d.adminOnly || viewer.role === 'ADMIN');
  const here = destinations.some((d) => location.pathname.startsWith(d.to));

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

  return (
    <div className="rail-more" ref={root}>
      <button
        ref={button}
        type="button"
        className={`rail-link${here ? ' active' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <MoreIcon />
        <span>More</span>
      </button>
      {open && (
        <div
          id={menuId}
          className="menu rail-more-menu"
          role="menu"
          aria-label="More"
          onKeyDown={onMenuKeyDown}
        >
          {destinations.map((d) => (
            <NavLink
              key={d.to}
              to={d.to}
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => close(false)}
            >
              {d.icon}
              <span>{d.label}</span>
            </NavLink>
          ))}
        </div>
      )}
    </div>
  );
}
