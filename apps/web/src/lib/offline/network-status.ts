/** Whether the browser says it has a network, as an external store for `useSyncExternalStore`. */
export const networkStatus = {
  subscribe: (listener: () => void) => {
    window.addEventListener('online', listener);
    window.addEventListener('offline', listener);
    return () => {
      window.removeEventListener('online', listener);
      window.removeEventListener('offline', listener);
    };
  },
  online: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
};

/**
 * Whether the browser is offline. Then a change with an optimistic answer is queued rather than
 * sent (graphcache shows it at once and sends it when the network returns), so forms must not wait
 * for its answer; and nothing that spends money is sent at all.
 */
export function isOffline(): boolean {
  return !networkStatus.online();
}
