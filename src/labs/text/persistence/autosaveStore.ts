// The Text lab's autosave in IndexedDB: one object store, three keys (settings, corpus, checkpoint), each
// value wrapped with who wrote it and when (autosaveRecords.ts). A database of its own, so it never has to
// migrate the saved-models database. Writes are queued so they land in the order they were made.
import {
  parseSavedCheckpoint,
  parseSavedCorpus,
  parseSavedSettings,
  unwrap,
  type RestoredWork,
  type SavedCheckpoint,
  type SavedCorpus,
  type SavedSettings,
  type Stored,
} from './autosaveRecords';
import { openDatabase, request, transactionDone } from '../../../storage/indexedDb';

const DB_NAME = 'backprop-playground-text-autosave';
const DB_VERSION = 1;
const STORE = 'autosave';

export type AutosaveKey = 'settings' | 'corpus' | 'checkpoint';

export interface AutosaveStore {
  /** Everything saved, validated; records that are missing or unusable are left out. */
  load(): Promise<RestoredWork>;
  /** Writes one record (replacing the previous one); rejects on quota or other storage errors. */
  put(key: 'settings', value: SavedSettings): Promise<void>;
  put(key: 'corpus', value: SavedCorpus): Promise<void>;
  put(key: 'checkpoint', value: SavedCheckpoint): Promise<void>;
  remove(key: AutosaveKey): Promise<void>;
  close(): void;
}

/** Opens the autosave; rejects with StorageUnavailableError when IndexedDB cannot be used. */
export async function openAutosaveStore(tabId: string, now: () => number = Date.now): Promise<AutosaveStore> {
  const db = await openDatabase(DB_NAME, DB_VERSION, [STORE]);
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs write operations one after another; a failed one does not stop the next. */
  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const put = (key: AutosaveKey, value: unknown) =>
    enqueue(async () => {
      const record: Stored<unknown> = { value, savedAt: now(), tabId };
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(record, key);
      await transactionDone(tx);
    });

  return {
    async load() {
      const tx = db.transaction(STORE, 'readonly');
      const store = tx.objectStore(STORE);
      const [settings, corpus, checkpoint] = await Promise.all(
        (['settings', 'corpus', 'checkpoint'] as const).map((key) => request(store.get(key) as IDBRequest<unknown>)),
      );
      return {
        settings: unwrap(settings, parseSavedSettings)?.value,
        corpus: unwrap(corpus, parseSavedCorpus)?.value,
        checkpoint: unwrap(checkpoint, parseSavedCheckpoint)?.value,
      };
    },
    put,
    remove: (key) =>
      enqueue(async () => {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).delete(key);
        await transactionDone(tx);
      }),
    close() {
      db.close();
    },
  };
}
