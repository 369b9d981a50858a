import { useSyncExternalStore } from 'react';
import { useOnline } from '../../hooks/use-online';
import { useAppClient } from '../auth/client-provider';
import './connection-notice.css';

/**
 * Says quietly that the device is offline (the studio shows what it kept, and queues small changes),
 * or that the app is waiting for the server (its socket dropped, or it cannot reach its database),
 * and goes away once it is back. The live region is always in the page, so a screen
 * reader announces the words when they appear.
 */
export function ConnectionNotice() {
  const { connection } = useAppClient();
  const reconnecting = useSyncExternalStore(connection.subscribe, connection.reconnecting);
  const online = useOnline();
  return (
    <div className="connection-status" role="status" aria-live="polite">
      {!online && (
        <p className="connection-notice connection-notice--offline">
          <span className="offline-dot" aria-hidden="true" />
          <span>
            Offline — showing what this device kept. Stars, tags and edits are sent when you are back.
          </span>
        </p>
      )}
      {online && reconnecting && (
        <p className="connection-notice">
          <span className="spinner" aria-hidden="true" />
          <span>Reconnecting… changes will appear when the server is back.</span>
        </p>
      )}
    </div>
  );
}
