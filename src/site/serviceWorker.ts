// The page's side of the service worker (sw.ts): registers it in production builds, offers a new version
// through a small store the UpdateNotice reads, and reloads when a new worker takes control.
//
// - First visit: the worker installs (precaching the app) after the page has loaded, then claims the page.
//   On a host that sends no COOP/COEP the page is then not yet cross-origin isolated; it reloads once, so
//   the worker's headers apply — but only if the user has not started using the page (no click or key yet):
//   otherwise isolation simply comes with the next visit. A framed page (an embed) never reloads for it: an
//   iframe is isolated only if its parent is, which no reload changes.
// - A new version waits (see sw.ts) and the notice offers "Update". Accepting posts SKIP_WAITING; when the
//   new worker takes control, this tab and every other open tab reload, so no tab keeps running the old code
//   against the new worker's files.
// - The dev server registers nothing (hot reloading and a precache do not mix).
import { Workbox } from 'workbox-window';

/** Set once per tab session, so a host that strips the worker's headers cannot cause a reload loop. */
const ISOLATION_RELOAD_KEY = 'backprop-playground:isolation-reload';

/** True the first time in this tab session (false where sessionStorage is unavailable: no reload then). */
function reloadForIsolationOnce(): boolean {
  try {
    if (sessionStorage.getItem(ISOLATION_RELOAD_KEY)) return false;
    sessionStorage.setItem(ISOLATION_RELOAD_KEY, '1');
    return true;
  } catch {
    return false;
  }
}

type Accept = () => void;
let pendingUpdate: Accept | null = null;
const listeners = new Set<() => void>();

function setPendingUpdate(accept: Accept | null): void {
  pendingUpdate = accept;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: the function that installs the waiting version, or null when none waits. */
export const updateStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): Accept | null => pendingUpdate,
  /** "Later": hides the offer for this page view (it comes back on the next load while the version waits). */
  dismiss: () => setPendingUpdate(null),
};

/** Registers ./sw.js (next to index.html, so it works under any sub-path) once the page has loaded. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let container: ServiceWorkerContainer;
  try {
    container = navigator.serviceWorker; // throws in an opaque origin (a sandboxed iframe)
  } catch {
    return;
  }
  const framed = window.self !== window.top;

  let interacted = false;
  const markInteracted = () => (interacted = true);
  window.addEventListener('pointerdown', markInteracted, { capture: true, once: true });
  window.addEventListener('keydown', markInteracted, { capture: true, once: true });

  let controlled = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    const wasControlled = controlled;
    controlled = true;
    if (wasControlled) {
      // A new version took over (accepted here or in another tab): run it, never a mix.
      window.location.reload();
    } else if (!window.crossOriginIsolated && !interacted && !framed && reloadForIsolationOnce()) {
      window.location.reload();
    }
  });

  const wb = new Workbox('./sw.js');
  wb.addEventListener('waiting', () => setPendingUpdate(() => wb.messageSkipWaiting()));
  // Look for a new version whenever the tab comes back into view (the browser also checks on navigations).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && controlled) wb.update().catch(() => undefined); // offline: next time
  });

  const register = () => void wb.register().catch((err: unknown) => console.warn('service worker not registered:', err));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
