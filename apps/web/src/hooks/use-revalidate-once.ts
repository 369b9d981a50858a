import { useState } from 'react';
import { useClient, type Client, type RequestPolicy } from 'urql';
import { useConnectionStatus } from '../components/auth/client-provider';
import type { ConnectionStatus } from '../lib/connection-status';

/** Per client: the lists read from the server since it started (or since its socket came back). */
const revalidated = new WeakMap<Client, Set<string>>();

function seenBy(client: Client, connection: ConnectionStatus | null): Set<string> {
  let seen = revalidated.get(client);
  if (!seen) {
    const fresh = new Set<string>();
    seen = fresh;
    revalidated.set(client, fresh);
    // Live events may have been missed while the socket was down: read each list again once.
    connection?.subscribe(() => {
      if (connection.reconnecting()) fresh.clear();
    });
  }
  return seen;
}

/**
 * `cache-and-network` the first time `key` is shown after the page loaded (the persisted cache may
 * be old) or after the socket came back, `cache-first` after that: live subscriptions keep it
 * current meanwhile, so going back to a list asks the server nothing. Fixed for the mount.
 */
export function useRevalidateOnce(key: string): RequestPolicy {
  const client = useClient();
  const connection = useConnectionStatus();
  const [policy] = useState<RequestPolicy>(() => {
    const seen = seenBy(client, connection);
    if (seen.has(key)) return 'cache-first';
    seen.add(key);
    return 'cache-and-network';
  });
  return policy;
}
