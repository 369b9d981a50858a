import { useSyncExternalStore } from 'react';
import { networkStatus } from '../lib/offline/network-status';

/** Whether the browser has a network; re-renders when that changes. */
export function useOnline(): boolean {
  return useSyncExternalStore(networkStatus.subscribe, networkStatus.online, () => true);
}
