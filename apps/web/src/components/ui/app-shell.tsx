import { Suspense, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useGlobalShortcuts } from '../../hooks/use-shortcuts';
import { GenerateDialogProvider, useGenerateDialog } from '../generate/generate-dialog';
import { ImageActionsProvider } from '../image-actions/image-actions';
import { JobsTray } from '../job/jobs-tray';
import { JobWatcher } from '../job/job-watcher';
import { GridIcon, KeyboardIcon, PlusIcon, SparkleIcon } from './icons';
import { ShortcutsDialog } from './shortcuts-dialog';
import { ThemeToggle } from './theme-toggle';

/** The frame every page sits in: rail, header, and the app-wide dialogs and job subscriptions. */
export function AppShell() {
  return (
    <GenerateDialogProvider>
      <ImageActionsProvider>
        <ShellFrame />
      </ImageActionsProvider>
    </GenerateDialogProvider>
  );
}

function ShellFrame() {
  const generate = useGenerateDialog();
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);

  useGlobalShortcuts((action) => {
    switch (action) {
      case 'generate':
        generate.open();
        break;
      case 'focus-prompt': {
        const prompt = document.querySelector<HTMLTextAreaElement>('textarea[data-primary-prompt]');
        if (prompt) prompt.focus();
        else generate.open();
        break;
      }
      case 'go-gallery':
        void navigate('/gallery');
        break;
      case 'go-create':
        void navigate('/');
        break;
      case 'help':
        setHelpOpen(true);
        break;
    }
  });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="rail" aria-label="Main">
        <span className="rail-logo" aria-hidden="true">
          A
        </span>
        <NavLink to="/" end className="rail-link">
          <SparkleIcon />
          <span>Create</span>
        </NavLink>
        <NavLink to="/gallery" className="rail-link">
          <GridIcon />
          <span>Gallery</span>
        </NavLink>
      </nav>
      <header className="topbar">
        <span className="brand">Atelier</span>
        <div className="topbar-actions">
          <JobsTray />
          <button type="button" className="button button-primary" onClick={generate.open}>
            <PlusIcon />
            <span>Generate</span>
          </button>
          <ThemeToggle />
          <button
            type="button"
            className="icon-button"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={() => setHelpOpen(true)}
          >
            <KeyboardIcon />
          </button>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <JobWatcher />
    </div>
  );
}

function PageLoading() {
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">Loading…</span>
    </div>
  );
}
