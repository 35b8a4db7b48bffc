// Keeps the Classify lab's state across reloads (localStorage: small, synchronous, available before the
// first render). Storage that is full or disabled is reported once and the lab keeps working in memory.
import { decodeState, encodeState } from './stateCodec';
import type { LabState } from './labState';

const KEY = 'backprop-playground.classify.v1';

export function loadSavedState(): { state: LabState | null; error: string | null } {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return { state: null, error: 'Saved settings are unavailable in this browser mode; changes will not survive a reload.' };
  }
  if (raw === null) return { state: null, error: null };
  try {
    const decoded = decodeState(JSON.parse(raw));
    if (decoded.ok) return { state: decoded.value, error: null };
    return { state: null, error: `Your saved setup could not be restored (${decoded.error}); starting from the tutorial.` };
  } catch {
    return { state: null, error: 'Your saved setup was damaged; starting from the tutorial.' };
  }
}

/** Returns an error message when the state could not be stored. */
export function saveState(state: LabState): string | null {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(encodeState(state)));
    return null;
  } catch {
    return 'Could not save to this browser’s storage (full or disabled); your work is kept in this tab only.';
  }
}

/**
 * Two tabs on the same saved setup: the last writer wins. When another tab saves, this one is told, so the
 * user knows its next change will overwrite that tab's (and a reload would show the other tab's state).
 */
export function onOtherTabSaved(callback: () => void): () => void {
  const listener = (e: StorageEvent) => {
    if (e.key === KEY) callback();
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
