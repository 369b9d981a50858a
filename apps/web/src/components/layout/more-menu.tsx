import type { ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useMenuButton } from '../../hooks/use-menu-button';
import { useViewer } from '../auth/session';
import { BookIcon, PaletteIcon } from '../library/library-icons';
import { InsightsIcon } from '../insights/insights-icon';
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
  { to: '/insights', label: 'Insights', icon: <InsightsIcon /> },
  { to: '/settings', label: 'Settings', icon: <GearIcon /> },
  { to: '/admin', label: 'Admin', icon: <ShieldIcon />, adminOnly: true },
];

/** The bottom bar's last button on a phone: the destinations that do not fit beside the others. */
export function MoreMenu() {
  const viewer = useViewer();
  const location = useLocation();
  const { open, setOpen, root, button, menuId, close, onMenuKeyDown } = useMenuButton();
  const destinations = MORE_DESTINATIONS.filter((d) => !d.adminOnly || viewer.role === 'ADMIN');
  const here = destinations.some((d) => location.pathname.startsWith(d.to));

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
