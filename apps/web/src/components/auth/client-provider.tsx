import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Provider as UrqlProvider } from 'urql';
import type { ConnectionStatus } from '../../lib/connection-status';
import { clearOfflineImages } from '../../lib/offline/image-cache';
import type { AppClient, AuthErrorListener } from '../../lib/urql';

/**
 * Whose data the cache (in memory and in IndexedDB) holds: an account id, or null for nobody.
 * Only the id is kept, never a session token (the session is an HttpOnly cookie).
 */
export const CACHE_OWNER_KEY = 'atelier.cache-owner';

function readOwner(): string | null {
  try {
    return window.localStorage.getItem(CACHE_OWNER_KEY);
  } catch {
    return null;
  }
}

function writeOwner(owner: string | null): void {
  try {
    if (owner) window.localStorage.setItem(CACHE_OWNER_KEY, owner);
    else window.localStorage.removeItem(CACHE_OWNER_KEY);
  } catch {
    // Private mode without storage: the owner is then only known to this tab.
  }
}

/** Makes a client that reports auth errors to `onAuthError`. */
export type ClientFactory = (onAuthError: AuthErrorListener) => AppClient;

interface AppClientApi {
  /** The account the cached data belongs to. */
  owner: string | null;
  /** Bumped on every wipe; things that must forget the previous person key on it. */
  generation: number;
  /** Throws the cache away (memory and offline storage) and starts a fresh client for `owner`. */
  wipe: (owner: string | null) => Promise<void>;
  /** Listens to UNAUTHENTICATED and FORBIDDEN answers from any operation. */
  onAuthError: (listener: AuthErrorListener) => () => void;
  /** Whether the current client is waiting for the server to come back. */
  connection: ConnectionStatus;
}

const AppClientContext = createContext<AppClientApi | null>(null);

function createAuthErrorBus() {
  const listeners = new Set<AuthErrorListener>();
  return {
    emit: ((code, operation) => {
      for (const listener of listeners) listener(code, operation);
    }) as AuthErrorListener,
    subscribe: (listener: AuthErrorListener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

interface ClientState {
  app: AppClient;
  owner: string | null;
  generation: number;
}

/**
 * Provides the urql client and the one way to forget a person's data: `wipe` disposes of the
 * client (closing its socket and clearing the offline storage and images) and replaces it with a new one,
 * whose cache is empty. Another tab wiping (a different owner) wipes this tab too.
 */
export function ClientProvider({ create, children }: { create: ClientFactory; children: ReactNode }) {
  const [bus] = useState(createAuthErrorBus);
  const emit = bus.emit;
  const [state, setState] = useState<ClientState>(() => ({
    app: create(emit),
    owner: readOwner(),
    generation: 0,
  }));
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  }, [state]);
  const pending = useRef<{ owner: string | null; done: Promise<void> } | null>(null);

  const wipe = useCallback(
    (owner: string | null) => {
      if (pending.current && pending.current.owner === owner) return pending.current.done;
      const old = current.current.app;
      // The cache, its queued changes (graphcache's metadata) and the kept images all go.
      const done = Promise.all([old.dispose(), clearOfflineImages()])
        .catch(() => {
          // The storage could not be cleared (blocked IndexedDB): the new client still starts empty.
        })
        .then(() => {
          writeOwner(owner);
          const next = { app: create(emit), owner, generation: current.current.generation + 1 };
          current.current = next;
          pending.current = null;
          setState(next);
        });
      pending.current = { owner, done };
      return done;
    },
    [create, emit],
  );

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== CACHE_OWNER_KEY || event.newValue === current.current.owner) return;
      void wipe(event.newValue);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [wipe]);

  const api = useMemo(
    () => ({
      owner: state.owner,
      generation: state.generation,
      wipe,
      onAuthError: bus.subscribe,
      connection: state.app.connection,
    }),
    [state.owner, state.generation, wipe, bus, state.app.connection],
  );
  return (
    <AppClientContext.Provider value={api}>
      <UrqlProvider value={state.app.client}>{children}</UrqlProvider>
    </AppClientContext.Provider>
  );
}

export function useAppClient(): AppClientApi {
  const api = useContext(AppClientContext);
  if (!api) throw new Error('useAppClient needs a ClientProvider');
  return api;
}

/** The current client's connection status, or null outside a ClientProvider (isolated component tests). */
export function useConnectionStatus(): ConnectionStatus | null {
  return useContext(AppClientContext)?.connection ?? null;
}
