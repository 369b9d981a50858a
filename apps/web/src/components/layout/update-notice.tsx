import { useState, useSyncExternalStore } from 'react';
import { serviceWorkerUpdate } from '../../lib/offline/service-worker';
import './update-notice.css';

/**
 * Offers a new build once it is installed in the background, instead of switching the page under
 * the person's feet; "Reload" lets it take over and reloads.
 */
export function UpdateNotice() {
  const ready = useSyncExternalStore(serviceWorkerUpdate.subscribe, serviceWorkerUpdate.ready, () => false);
  const [reloading, setReloading] = useState(false);
  if (!ready) return null;
  return (
    <div className="update-notice" role="status">
      <span>A new version of Atelier is ready.</span>
      <button
        type="button"
        className="button button-primary"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void serviceWorkerUpdate.apply();
        }}
      >
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
    </div>
  );
}
