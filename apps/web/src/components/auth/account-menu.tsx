import { useState } from 'react';
import { Link } from 'react-router';
import { useMenuButton } from '../../hooks/use-menu-button';
import { GearIcon, ShieldIcon, SignOutIcon } from '../ui/icons';
import { useViewer, useSession } from './session';
import '../ui/menu.css';
import './auth.css';

/** "Ada Lovelace" → "AL"; falls back to the email's first letter. */
export function initials(name: string, email?: string | null): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]![0]}${words[words.length - 1]![0]}` : (words[0]?.[0] ?? '');
  return (letters || email?.[0] || '?').toUpperCase();
}

/** The header's account button: who is signed in, Settings, Admin (for admins), Sign out. */
export function AccountMenu() {
  const viewer = useViewer();
  const { signOut } = useSession();
  const { open, setOpen, root, button, menuId, close, onMenuKeyDown } = useMenuButton();
  const [signingOut, setSigningOut] = useState(false);

  const onSignOut = async () => {
    setSigningOut(true);
    await signOut();
    setSigningOut(false);
    setOpen(false);
  };

  return (
    <div className="account" ref={root}>
      <button
        ref={button}
        type="button"
        className="account-button"
        aria-label="Account"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={`${viewer.displayName}${viewer.email ? ` · ${viewer.email}` : ''}`}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="avatar" aria-hidden="true">
          {initials(viewer.displayName, viewer.email)}
        </span>
      </button>
      {open && (
        <div className="account-popover">
          <div className="account-identity">
            <span className="account-name">{viewer.displayName}</span>
            {viewer.email && <span className="account-email">{viewer.email}</span>}
            {viewer.role === 'ADMIN' && <span className="chip chip-static">Admin</span>}
          </div>
          <div
            id={menuId}
            className="account-menu"
            role="menu"
            aria-label="Account"
            onKeyDown={onMenuKeyDown}
          >
            <Link
              to="/settings"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => close(false)}
            >
              <GearIcon />
              <span>Settings</span>
            </Link>
            {viewer.role === 'ADMIN' && (
              <Link
                to="/admin"
                role="menuitem"
                tabIndex={-1}
                className="menu-item"
                onClick={() => close(false)}
              >
                <ShieldIcon />
                <span>Admin</span>
              </Link>
            )}
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              aria-disabled={signingOut || undefined}
              onClick={() => {
                if (!signingOut) void onSignOut();
              }}
            >
              <SignOutIcon />
              <span>{signingOut ? 'Signing out…' : 'Sign out'}</span>
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
