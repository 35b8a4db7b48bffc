// Saves the Classify lab's setup (debounced: drawing a stroke is one save, not one per point) and says so when
// another tab of the playground saved its own. Storage failures come back as a sentence for the page.
import { useEffect } from 'react';
import type { LabState } from './labState';
import type { ClassifyStore } from './persistence';

const SAVE_DEBOUNCE_MS = 300;
const OTHER_TAB_NOTICE = 'Another tab of the playground saved its own setup. The last one to change something wins; reload to see theirs.';

/** `state` should change only when the setup does (memoise it); `onNotice` must be stable. */
export function useLabPersistence(store: ClassifyStore, state: LabState, onNotice: (message: string) => void): void {
  useEffect(() => {
    const t = window.setTimeout(() => {
      void store.save(state).then((err) => {
        if (err) onNotice(err);
      });
    }, SAVE_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [store, state, onNotice]);

  useEffect(() => {
    store.setOtherTabListener(() => onNotice(OTHER_TAB_NOTICE));
    return () => store.setOtherTabListener(null);
  }, [store, onNotice]);
}
