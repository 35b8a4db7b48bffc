// Small promise wrappers over IndexedDB shared by the Text lab's stores (saved models, autosave). Opening
// fails with StorageUnavailableError when IndexedDB cannot be used (private windows, blocked storage), and
// write failures are turned into one readable sentence (a full disk reads differently from a bug).

export class StorageUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageUnavailableError';
  }
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/**
 * Opens database `name` at `version`, creating any of `stores` that are missing (all out-of-line keys unless
 * listed in `keyPaths`). Another tab upgrading the database closes this connection instead of blocking it.
 */
export function openDatabase(name: string, version: number, stores: string[], keyPaths: Record<string, string> = {}): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('IndexedDB is not available in this browser.');
      req = indexedDB.open(name, version);
    } catch (err) {
      reject(new StorageUnavailableError(err instanceof Error ? err.message : String(err)));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const store of stores) {
        if (db.objectStoreNames.contains(store)) continue;
        const keyPath = keyPaths[store];
        if (keyPath) db.createObjectStore(store, { keyPath });
        else db.createObjectStore(store);
      }
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(new StorageUnavailableError(req.error?.message ?? 'IndexedDB could not be opened.'));
    req.onblocked = () => reject(new StorageUnavailableError('The database is blocked by another tab.'));
  });
}

/** True for the errors browsers raise when the origin's storage quota is used up. */
export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** A short reason for a storage failure, to finish a sentence like "Autosave is off: …". */
export function describeStorageError(err: unknown): string {
  if (isQuotaError(err)) return 'the browser’s storage for this site is full';
  const text = err instanceof Error ? err.message : String(err);
  return text || 'the browser refused to store data';
}
