// Keeps the Classify lab's state across reloads, in IndexedDB (database 'backprop-playground-classify',
// two records: 'setup', the encoded LabState with who wrote it and when; 'checkpoint', the weights of the
// training run, taken every 30 s while it trains and on every pause — see checkpoint.ts). Every record is validated on the way in
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
import { parseCheckpoint, type ClassifyCheckpoint } from './checkpoint';
import { decodeState, encodeState } from './stateCodec';
import type { LabState } from './labState';

const DB_NAME = 'backprop-playground-classify';
const DB_VERSION = 1;
const STORE = 'state';
const KEY = 'setup';
const CHECKPOINT_KEY = 'checkpoint';
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
  /** The last training run's checkpoint, if one was saved and is usable. */
  checkpoint?: ClassifyCheckpoint | null;
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
  /** Writes the training run's checkpoint (replacing the previous one); failures are ignored (the setup's
   *  save reports storage problems). */
  saveCheckpoint(checkpoint: ClassifyCheckpoint): Promise<void>;
  /** Forgets the checkpoint (the user chose to start over). */
  clearCheckpoint(): Promise<void>;
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
  // Writes are queued so they land in the order they were made (the last one wins).
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  /** Puts or deletes one record; storage errors reject. */
  const write = async (key: string, value: unknown | undefined): Promise<void> => {
    if (!db) throw new Error('no database');
    const tx = db.transaction(STORE, 'readwrite');
    if (value === undefined) tx.objectStore(STORE).delete(key);
    else tx.objectStore(STORE).put(value, key);
    await transactionDone(tx);
  };
  return {
    async load() {
      if (!db) {
        const legacy = readLegacy();
        return { state: legacy.state, error: openError ?? legacy.error };
      }
      try {
        const tx = db.transaction(STORE, 'readonly');
        const store = tx.objectStore(STORE);
        const [record, checkpoint] = (await Promise.all([request(store.get(KEY)), request(store.get(CHECKPOINT_KEY))])) as [
          Partial<StoredSetup> | undefined,
          unknown,
        ];
        if (record === undefined) return readLegacy();
        if (typeof record !== 'object' || record === null || !('state' in record)) {
          return { state: null, error: 'Your saved setup was damaged; starting from the tutorial.' };
        }
        return { ...decodeSaved(record.state), checkpoint: parseCheckpoint(checkpoint) };
      } catch {
        return { state: null, error: 'Your saved setup could not be read; starting from the tutorial.' };
      }
    },
    save(state) {
      return enqueue(async (): Promise<string | null> => {
        if (!db) {
          if (reportedFailure) return null;
          reportedFailure = true;
          return openError;
        }
        try {
          const record: StoredSetup = { state: encodeState(state), savedAt: Date.now(), tabId };
          await write(KEY, record);
          forgetLegacy();
          channel.announce('setup');
          reportedFailure = false;
          return null;
        } catch (err) {
          if (reportedFailure) return null;
          reportedFailure = true;
          return `Could not save (${describeStorageError(err)}); your work is kept in this tab only.`;
        }
      });
    },
    // Checkpoint failures stay quiet: save() reports storage problems, and a lost checkpoint only loses
    // the resume offer.
    saveCheckpoint(checkpoint) {
      return enqueue(() => write(CHECKPOINT_KEY, checkpoint).catch(() => undefined));
    },
    clearCheckpoint() {
      return enqueue(() => write(CHECKPOINT_KEY, undefined).catch(() => undefined));
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
