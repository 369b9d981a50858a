/**
 * Registers the service worker once the page has painted (its code is a separate chunk, so it adds
 * nothing to the first load) and tells the page when a new build is waiting. The new build never
 * takes over by itself: the person chooses when to reload.
 */

const HOURLY = 60 * 60 * 1000;

type Listener = () => void;
const listeners = new Set<Listener>();
let updateReady = false;
let activate: ((reloadPage?: boolean) => Promise<void>) | null = null;

export const serviceWorkerUpdate = {
  subscribe: (listener: Listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  /** Whether a new version is installed and waiting for a reload. */
  ready: () => updateReady,
  /** Lets the waiting version take over; the page reloads when it does. */
  apply: () => activate?.(true) ?? Promise.resolve(),
};

function announceUpdate() {
  updateReady = true;
  for (const listener of listeners) listener();
}

export function registerServiceWorker(): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = async () => {
    const { registerSW } = await import('virtual:pwa-register');
    activate = registerSW({
      onNeedRefresh: announceUpdate,
      // Long-lived tabs learn of a new build without a navigation.
      onRegisteredSW: (_url, registration) => {
        if (registration) setInterval(() => void registration.update().catch(() => {}), HOURLY);
      },
      onRegisterError: (error: unknown) => console.warn('The service worker did not register', error),
    });
  };
  const whenIdle = () =>
    'requestIdleCallback' in window
      ? requestIdleCallback(() => void register())
      : setTimeout(() => void register(), 1);
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
