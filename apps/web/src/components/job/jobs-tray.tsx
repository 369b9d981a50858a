import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { LayersIcon } from '../ui/icons';
import { useActiveJobs } from './active-jobs';
import { JobCard } from './job-card';
import { useJobSession } from './job-session';
import './jobs.css';

const SHOWN = 10;

/**
 * Header button counting queued and running jobs, and the failures not yet looked at, from any
 * page; opens their cards and links to the Jobs page.
 */
export function JobsTray() {
  const active = useActiveJobs();
  const { ids, dismiss, failures, seeFailures } = useJobSession();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) seeFailures();
  }, [open, failures, seeFailures]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Handled here: the page behind (e.g. the image view, where Esc goes back) must not act on it.
      event.preventDefault();
      setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const count = active.length;
  const failed = failures.length;
  return (
    <div className="tray" ref={root}>
      <button
        type="button"
        className="button button-ghost tray-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {/* Named by what it shows ("Jobs 2 active"), so speech and sight agree. */}
        <LayersIcon />
        <span className="tray-label">Jobs</span>{' '}
        <span className={`badge${count > 0 ? ' badge-live' : ''}`}>{count}</span>{' '}
        <span className="visually-hidden">active</span>
        {failed > 0 && (
          <>
            {' '}
            <span className="badge badge-failed">
              {failed}
              <span className="visually-hidden"> failed</span>
            </span>
          </>
        )}
      </button>
      {open && (
        <div id={panelId} className="tray-panel" role="region" aria-label="Jobs list">
          {ids.length === 0 ? (
            <p className="muted tray-empty">No jobs yet. Press n to start one.</p>
          ) : (
            ids.slice(0, SHOWN).map((id) => <JobCard key={id} id={id} compact onDismiss={dismiss} />)
          )}
          <Link className="tray-all" to="/jobs" onClick={() => setOpen(false)}>
            All jobs
          </Link>
        </div>
      )}
    </div>
  );
}
