// Opens the Classify lab's saved state (IndexedDB, asynchronous) before the lab itself mounts, so the lab
// starts from the restored setup rather than flashing the tutorial first.
import { useEffect, useState } from 'react';
import type { ClassifyCheckpoint } from './checkpoint';
import { initialLabState } from './initialState';
import type { LabState } from './labState';
import { openClassifyStore, type ClassifyStore } from './persistence';

export interface RestoredLab {
  store: ClassifyStore;
  initial: { state: LabState; notice: string | null };
  /** The last run's checkpoint, offered as "Resume from step N" when it fits the restored setup. */
  checkpoint: ClassifyCheckpoint | null;
}

/** The opened store and what it held; null while it opens. The store is closed on unmount. */
export function useRestoredLab(): RestoredLab | null {
  const [restored, setRestored] = useState<RestoredLab | null>(null);
  useEffect(() => {
    let cancelled = false;
    let opened: ClassifyStore | null = null;
    void (async () => {
      const store = await openClassifyStore();
      opened = store;
      const saved = await store.load();
      if (cancelled) {
        store.close();
        return;
      }
      setRestored({ store, initial: initialLabState(saved), checkpoint: saved.checkpoint ?? null });
    })();
    return () => {
      cancelled = true;
      opened?.close();
    };
  }, []);
  return restored;
}
