import { Suspense, type ReactNode } from 'react';
import { Link, Outlet } from 'react-router';
import { ThemeToggle } from '../ui/theme-toggle';
import { LoadingState } from '../ui/view-state';
import './app-shell.css';
import './auth-layout.css';

/** A small header with the Atelier name: the frame of the pages outside the studio. */
export function PublicHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="public-header">
      <Link to="/" className="brand public-brand">
        <span className="rail-logo public-logo" aria-hidden="true">
          A
        </span>
        Atelier
      </Link>
      <div className="topbar-actions">
        {children}
        <ThemeToggle />
      </div>
    </header>
  );
}

/** Setup, sign-in and sign-up: one centered card under the small header. */
export function AuthLayout() {
  return (
    <div className="public-page">
      <PublicHeader />
      <main id="main" className="auth-main">
        <div className="auth-card">
          <Suspense fallback={<LoadingState label="Loading…" spinner labelHidden className="page-loading" />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
