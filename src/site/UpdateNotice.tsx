// "A new version is ready — Update": shown while a new service worker version waits (serviceWorker.ts).
// Small and out of the way (bottom corner), keyboard reachable, announced politely.
import { useSyncExternalStore } from 'react';
import { updateStore } from './serviceWorker';

export function UpdateNotice() {
  const accept = useSyncExternalStore(updateStore.subscribe, updateStore.get);
  if (!accept) return null;
  return (
    <aside className="update-notice" aria-label="New version" data-testid="update-notice">
      <p role="status">A new version of the playground is ready.</p>
      <button className="primary" onClick={accept} data-testid="update-accept">
        Update
      </button>
      <button onClick={updateStore.dismiss}>Later</button>
    </aside>
  );
}
