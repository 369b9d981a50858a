import type { CombinedError } from 'urql';
import { serviceUnavailableRetryAfter } from '../../lib/service-unavailable';

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
