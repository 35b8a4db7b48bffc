// Saved Text-lab models in IndexedDB. Two object stores keyed by the same id: `meta` holds the small records
// the list shows, `models` holds the payloads (weights as ArrayBuffers, vocabulary, settings, loss history),
// so listing never reads megabytes of weights. When IndexedDB is unavailable (private windows, blocked
// storage) openModelStore rejects and the lab keeps working in memory.

import { openDatabase, request, transactionDone } from '../../../storage/indexedDb';

export { StorageUnavailableError } from '../../../storage/indexedDb';

const DB_NAME = 'backprop-playground-text';
const DB_VERSION = 1;
const META = 'meta';
const MODELS = 'models';

export interface SavedModelMeta {
  id: string;
  name: string;
  /** Milliseconds since the epoch. */
  savedAt: number;
  /** One line describing the model, e.g. "LSTM 2×128 · 3,000 steps · 1.52 bits/char". */
  summary: string;
  /** Approximate payload size (weights), for the list. */
  bytes: number;
}

export interface ModelStore<Payload> {
  /** Newest first. */
  list(): Promise<SavedModelMeta[]>;
  save(name: string, summary: string, bytes: number, payload: Payload): Promise<SavedModelMeta>;
  load(id: string): Promise<Payload>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  close(): void;
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Opens the store; rejects with StorageUnavailableError when IndexedDB cannot be used. */
export async function openModelStore<Payload>(): Promise<ModelStore<Payload>> {
  const db = await openDatabase(DB_NAME, DB_VERSION, [META, MODELS], { [META]: 'id' });
  return {
    async list() {
      const tx = db.transaction(META, 'readonly');
      const all = await request(tx.objectStore(META).getAll() as IDBRequest<SavedModelMeta[]>);
      return all.sort((a, b) => b.savedAt - a.savedAt);
    },
    async save(name, summary, bytes, payload) {
      const meta: SavedModelMeta = { id: newId(), name, savedAt: Date.now(), summary, bytes };
      const tx = db.transaction([META, MODELS], 'readwrite');
      tx.objectStore(MODELS).put(payload, meta.id);
      tx.objectStore(META).put(meta);
      await transactionDone(tx);
      return meta;
    },
    async load(id) {
      const tx = db.transaction(MODELS, 'readonly');
      const payload = await request(tx.objectStore(MODELS).get(id) as IDBRequest<Payload | undefined>);
      if (payload === undefined) throw new Error('That saved model is gone (deleted in another tab?).');
      return payload;
    },
    async rename(id, name) {
      const tx = db.transaction(META, 'readwrite');
      const store = tx.objectStore(META);
      const meta = await request(store.get(id) as IDBRequest<SavedModelMeta | undefined>);
      if (meta) store.put({ ...meta, name });
      await transactionDone(tx);
    },
    async remove(id) {
      const tx = db.transaction([META, MODELS], 'readwrite');
      tx.objectStore(META).delete(id);
      tx.objectStore(MODELS).delete(id);
      await transactionDone(tx);
    },
    close() {
      db.close();
    },
  };
}
