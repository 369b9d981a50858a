import { Suspense, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useGlobalShortcuts } from '../../hooks/use-shortcuts';
import { AccountMenu } from '../auth/account-menu';
import { useViewer } from '../auth/session';
import { CollectionIcon } from '../collections/collection-icon';
import { GenerateDialogProvider, useGenerateDialog } from '../generate/generate-dialog';
import { ImageActionsProvider } from '../image-actions/image-actions';
import { ImportProvider } from '../import/import-provider';
import { PasswordChangeRequired } from '../settings/password-change-required';
import { JobSessionProvider } from '../job/job-session';
import { JobWatcher } from '../job/job-watcher';
import { JobsTray } from '../job/jobs-tray';
import { InsightsIcon } from '../insights/insights-icon';
import { BookIcon, PaletteIcon } from '../library/library-icons';
import {
  BatchIcon,
  GearIcon,
  GridIcon,
  KeyboardIcon,
  LayersIcon,
  PlusIcon,
  ShieldIcon,
  SparkleIcon,
  TrashIcon,
} from '../ui/icons';
import { ThemeToggle } from '../ui/theme-toggle';
import { LoadingState } from '../ui/view-state';
import { ConnectionNotice } from './connection-notice';
import { FinishNotifier } from './finish-notifier';
import { ReplayRefusalNotice } from './replay-refusal-notice';
import { UpdateNotice } from './update-notice';
import { MoreMenu } from './more-menu';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useLiveImages } from '../gallery/use-live-images';
import { useLiveLists } from './use-live-lists';
import './app-shell.css';

/**
 * The frame every signed-in page sits in: rail, header, and the app-wide dialogs and job
 * subscriptions. It unmounts when the person signs out, so nothing of theirs outlives the session.
 */
export function AppShell() {
  const viewer = useViewer();
  if (viewer.mustChangePassword) return <PasswordChangeRequired />;
  return (
    <JobSessionProvider>
      <GenerateDialogProvider>
        <ImageActionsProvider>
          <ImportProvider>
            <ShellFrame />
          </ImportProvider>
        </ImageActionsProvider>
      </GenerateDialogProvider>
    </JobSessionProvider>
  );
}

function ShellFrame() {
  const generate = useGenerateDialog();
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);
  const viewer = useViewer();
  useLiveLists();
  // New images and changes reach the cached lists on every page, so going back to one asks nothing.
  useLiveImages();

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
        <NavLink to="/collections" className="rail-link">
          <CollectionIcon />
          <span>Collections</span>
        </NavLink>
        <NavLink to="/trash" className="rail-link rail-secondary">
          <TrashIcon />
          <span>Trash</span>
        </NavLink>
        <NavLink to="/jobs" className="rail-link">
          <LayersIcon />
          <span>Jobs</span>
        </NavLink>
        <NavLink to="/batches" className="rail-link">
          <BatchIcon />
          <span>Batches</span>
        </NavLink>
        <NavLink to="/prompts" className="rail-link rail-secondary">
          <BookIcon />
          <span>Prompts</span>
        </NavLink>
        <NavLink to="/presets" className="rail-link rail-secondary">
          <PaletteIcon />
          <span>Presets</span>
        </NavLink>
        <NavLink to="/insights" className="rail-link rail-secondary">
          <InsightsIcon />
          <span>Insights</span>
        </NavLink>
        <NavLink to="/settings" className="rail-link rail-link-end rail-secondary">
          <GearIcon />
          <span>Settings</span>
        </NavLink>
        {viewer.role === 'ADMIN' && (
          <NavLink to="/admin" className="rail-link rail-secondary">
            <ShieldIcon />
            <span>Admin</span>
          </NavLink>
        )}
        <MoreMenu />
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
            className="icon-button shortcuts-button"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            onClick={() => setHelpOpen(true)}
          >
            <KeyboardIcon />
          </button>
          <AccountMenu />
        </div>
      </header>
      <ConnectionNotice />
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<LoadingState label="Loading…" spinner labelHidden className="page-loading" />}>
          <Outlet />
        </Suspense>
      </main>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <JobWatcher />
      <FinishNotifier />
      <UpdateNotice />
      <ReplayRefusalNotice />
    </div>
  );
}
