/**
 * Whether the app is waiting for the server: its WebSocket dropped after having been connected,
 * or it answered SERVICE_UNAVAILABLE (it cannot reach its database). Shaped for
 * `useSyncExternalStore`.
 */
export interface ConnectionStatus {
  reconnecting: () => boolean;
  subscribe: (listener: () => void) => () => void;
  /** The socket dropped (true) or is connected again (false). */
  setSocketDown: (down: boolean) => void;
  /** An operation answered SERVICE_UNAVAILABLE (true), or a later one succeeded (false). */
  setServerUnavailable: (unavailable: boolean) => void;
}

export function createConnectionStatus(): ConnectionStatus {
  let socketDown = false;
  let serverUnavailable = false;
  const listeners = new Set<() => void>();
  const reconnecting = () => socketDown || serverUnavailable;
  const change = (apply: () => void) => {
    const before = reconnecting();
    apply();
    if (reconnecting() !== before) for (const listener of [...listeners]) listener();
  };
  return {
    reconnecting,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setSocketDown: (down) =>
      change(() => {
        socketDown = down;
      }),
    setServerUnavailable: (unavailable) =>
      change(() => {
        serverUnavailable = unavailable;
      }),
  };
}
