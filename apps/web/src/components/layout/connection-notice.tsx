import { useSyncExternalStore } from 'react';
import { useAppClient } from '../auth/client-provider';
import './connection-notice.css';

/**
 * Says quietly that the app is waiting for the server (its socket dropped, or it cannot reach its
 * database) and goes away once it is back. The live region is always in the page, so a screen
 * reader announces the words when they appear.
 */
export function ConnectionNotice() {
  const { connection } = useAppClient();
  const reconnecting = useSyncExternalStore(connection.subscribe, connection.reconnecting);
  return (
    <div className="connection-status" role="status" aria-live="polite">
      {reconnecting && (
        <p className="connection-notice">
          <span className="spinner" aria-hidden="true" />
          <span>Reconnecting… changes will appear when the server is back.</span>
        </p>
      )}
    </div>
  );
}
