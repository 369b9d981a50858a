import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { useOnline } from '../../hooks/use-online';
import { serviceUnavailableRetryAfter } from '../../lib/service-unavailable';

interface LoadingStateProps {
  label: string;
  /** A spinner beside the words; without it the words are a quiet line. */
  spinner?: boolean;
  /** Only the spinner shows: the words are for screen readers. */
  labelHidden?: boolean;
  className?: string;
}

/**
 * What shows while something loads, announced to screen readers. Offline nothing more will load:
 * it says so plainly instead of spinning.
 */
export function LoadingState({ label, spinner = false, labelHidden = false, className }: LoadingStateProps) {
  const online = useOnline();
  if (!online) {
    return (
      <p className={className ? `${className} offline-missing` : 'muted offline-missing'} role="status">
        Not available offline: open this once online and this device keeps it.
      </p>
    );
  }
  if (!spinner) {
    return (
      <p className={className ?? 'muted'} role="status">
        {label}
      </p>
    );
  }
  return (
    <div className={className} role="status">
      <span className="spinner" aria-hidden="true" />
      {labelHidden ? <span className="visually-hidden">{label}</span> : <> {label}</>}
    </div>
  );
}

interface EmptyStateProps {
  title: string;
  /** 1 when the state is the whole page. */
  level?: 1 | 2;
  className?: string;
  /** What to do next, under the words: a link or a button. */
  action?: ReactNode;
  /** The words: what is missing, and how to get it. */
  children: ReactNode;
}

/** Nothing to show yet: says why, and teaches the next step. */
export function EmptyState({ title, level = 2, className, action, children }: EmptyStateProps) {
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div className={className ? `${className} empty-state` : 'empty-state'}>
      <Heading>{title}</Heading>
      <p>{children}</p>
      {action}
    </div>
  );
}

interface InlineLoadErrorProps {
  /** What did not load, as in "Could not load the links". */
  what: string;
  /** Why, in words (see form-errors.ts). */
  message: string;
  onRetry: () => void;
}

/** Inside a panel or a form: what did not load, why, and a retry. */
export function InlineLoadError({ what, message, onRetry }: InlineLoadErrorProps) {
  return (
    <div className="form-error" role="alert">
      <p>
        Could not load {what}: {message}
      </p>
      <button type="button" className="button button-small" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

interface ErrorStateProps {
  what: string;
  error: Error;
  onRetry: () => void;
}

/** Says what failed, why in plain words, and offers the obvious next step. */
export function ErrorState({ what, error, onRetry }: ErrorStateProps) {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  const databaseAway = serviceUnavailableRetryAfter((error as Partial<CombinedError>).graphQLErrors) !== null;
  const reason = offline
    ? 'You are offline. Images already seen stay browsable; reconnect to load the rest.'
    : databaseAway
      ? 'The server cannot reach its database right now. This loads by itself once it is back.'
      : /network|fetch/i.test(error.message)
        ? 'The Atelier server did not answer. Check that it is running, then retry.'
        : `${error.message.replace(/^\[(GraphQL|Network)\]\s*/, '')}. Try again; if it keeps failing, check the server log.`;
  return (
    <div className="error-state" role="alert">
      <h2>Could not load {what}</h2>
      <p>{reason}</p>
      <button type="button" className="button button-primary" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
