import { useCallback, useEffect, useState } from 'react';
import { clearOfflineImages, offlineImageUsage, type OfflineImageUsage } from '../../lib/offline/image-cache';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

/** What this device keeps for browsing offline, and the button that forgets it. */
export function OfflineImages() {
  const [usage, setUsage] = useState<OfflineImageUsage | null>(null);
  const [clearing, setClearing] = useState(false);
  const read = useCallback(() => {
    void offlineImageUsage()
      .then(setUsage)
      .catch(() => setUsage(null));
  }, []);
  useEffect(read, [read]);

  const clear = async () => {
    setClearing(true);
    await clearOfflineImages().catch(() => {});
    setClearing(false);
    read();
  };

  return (
    <div className="offline-images">
      <p>
        Atelier keeps thumbnails of the last {usage?.limit ?? 500} images you looked at, and of every starred
        one, so the gallery opens without a network. Originals always come from the server.
      </p>
      <p className="muted" aria-live="polite">
        {usage === null
          ? 'Reading what this device keeps…'
          : `Kept on this device: ${usage.recent} recent and ${usage.starred} starred thumbnails, ${megabytes(usage.bytes)}.`}
      </p>
      <button
        type="button"
        className="button"
        disabled={clearing || !usage || usage.bytes === 0}
        onClick={clear}
      >
        {clearing ? 'Clearing…' : 'Clear offline images'}
      </button>
    </div>
  );
}
