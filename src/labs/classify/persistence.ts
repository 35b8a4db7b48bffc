// Keeps the Classify lab's state across reloads, in IndexedDB (database 'backprop-playground-classify',
// one record: the encoded LabState with who wrote it and when). Every record is validated on the way in
// (stateCodec.ts), so a damaged or foreign record is reported and ignored, never half-applied.
//
// Storage that is full or disabled is reported once and the lab keeps working in memory. Two tabs: the
// last writer wins; each save is announced on the site's BroadcastChannel so the other tab can say so.
//
// Earlier versions kept the state in localStorage; it is read once as a fallback and removed after the
// first successful save here, so an update loses nothing.
import { LIMITS } from '../../core/limits';
import { describeStorageError, openDatabase, request, transactionDone } from '../../storage/indexedDb';
import { newTabId, openTabChannel, type TabChannel } from '../../storage/tabChannel';
import { decodeState, encodeState } from './stateCodec';
import type { LabState } from './labState';

const DB_NAME = 'backprop-playground-classify';
const DB_VERSION = 1;
const STORE = 'state';
const KEY = 'setup';
const LEGACY_LOCAL_STORAGE_KEY = 'backprop-playground.classify.v1';

/** What is stored: the encoded state (stateCodec's JSON shape) and its writer. */
interface StoredSetup {
  state: unknown;
  savedAt: number;
  tabId: string;
}

export interface LoadedState {
  state: LabState | null;
  /** A sentence for the page when something could not be restored or storage is unavailable. */
  error: string | null;
}

const UNAVAILABLE = 'Saving is unavailable in this browser mode; changes will not survive a reload.';

function decodeSaved(raw: unknown): LoadedState {
  const decoded = decodeState(raw, LIMITS.csv.maxRows);
  if (decoded.ok) return { state: decoded.value, error: null };
  return { state: null, error: `Your saved setup could not be restored (${decoded.error}); starting from the tutorial.` };
}

function readLegacy(): LoadedState {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(LEGACY_LOCAL_STORAGE_KEY);
  } catch {
    return { state: null, error: null };
  }
  if (raw === null) return { state: null, error: null };
  try {
    return decodeSaved(JSON.parse(raw));
  } catch {
    return { state: null, error: 'Your saved setup was damaged; starting from the tutorial.' };
  }
}

function forgetLegacy(): void {
  try {
    window.localStorage.removeItem(LEGACY_LOCAL_STORAGE_KEY);
  } catch {
    // Storage disabled: nothing to forget.
  }
}

export interface ClassifyStore {
  /** The saved state (validated), or null with a reason when there is none usable. */
  load(): Promise<LoadedState>;
  /** Writes the state; resolves to a sentence for the page when it could not be stored, else null. */
  save(state: LabState): Promise<string | null>;
  /** Called when another tab saves its own setup (null: stop listening). */
  setOtherTabListener(listener: (() => void) | null): void;
  close(): void;
}

/**
 * Opens the store. When IndexedDB cannot be opened the store still works: load() says why and falls back
 * to the old localStorage record, save() reports the failure once.
 */
export async function openClassifyStore(): Promise<ClassifyStore> {
  const tabId = newTabId();
  let otherTabListener: (() => void) | null = null;
  const channel: TabChannel = openTabChannel(tabId, () => otherTabListener?.(), 'classify');
  let db: IDBDatabase | null = null;
  let openError: string | null = null;
  try {
    db = await openDatabase(DB_NAME, DB_VERSION, [STORE]);
  } catch {
    openError = UNAVAILABLE;
  }
  let reportedFailure = false;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async load() {
      if (!db) {
        const legacy = readLegacy();
        return { state: legacy.state, error: openError ?? legacy.error };
      }
      try {
        const tx = db.transaction(STORE, 'readonly');
        const record = (await request(tx.objectStore(STORE).get(KEY))) as Partial<StoredSetup> | undefined;
        if (record === undefined) return readLegacy();
        if (typeof record !== 'object' || record === null || !('state' in record)) {
          return { state: null, error: 'Your saved setup was damaged; starting from the tutorial.' };
        }
        return decodeSaved(record.state);
      } catch {
        return { state: null, error: 'Your saved setup could not be read; starting from the tutorial.' };
      }
    },
    save(state) {
      // Saves are queued so they land in the order they were made (the last one wins).
      const work = async (): Promise<string | null> => {
        if (!db) {
          if (reportedFailure) return null;
          reportedFailure = true;
          return openError;
        }
        try {
          const record: StoredSetup = { state: encodeState(state), savedAt: Date.now(), tabId };
          const tx = db.transaction(STORE, 'readwrite');
          tx.objectStore(STORE).put(record, KEY);
          await transactionDone(tx);
          forgetLegacy();
          channel.announce('setup');
          reportedFailure = false;
          return null;
        } catch (err) {
          if (reportedFailure) return null;
          reportedFailure = true;
          return `Could not save (${describeStorageError(err)}); your work is kept in this tab only.`;
        }
      };
      const next = queue.then(work, work);
      queue = next.catch(() => undefined);
      return next;
    },
    setOtherTabListener(listener) {
      otherTabListener = listener;
    },
    close() {
      channel.close();
      db?.close();
    },
  };
}
