// Where Auto's choices are kept between visits: IndexedDB, one record per model shape (core/text/autoBackend.ts's
// autoShapeKey), in a database of its own so it never has to migrate the autosave or the saved models. The
// worker may not touch storage (the layering rules): the page looks a choice up before it asks the worker to
// measure (`auto-backend` carries it as `cached`) and stores the one the worker measured.
// Storage that cannot be used (private windows, blocked storage, Node) just means measuring every time.
import type { AutoChoice, AutoMeasurement } from '../../../workers/textProtocol';
import { openDatabase, request, transactionDone } from '../../../storage/indexedDb';

const DB_NAME = 'backprop-playground-text-backend';
const DB_VERSION = 1;
const STORE = 'auto-choices';

export interface AutoChoiceStore {
  /** The choice kept for `key`, if any and well-formed. */
  get(key: string): Promise<AutoChoice | undefined>;
  /** Keeps `choice` under its key (replacing an older one); failures are ignored. */
  put(choice: AutoChoice): Promise<void>;
}

const isMeasurement = (m: unknown): m is AutoMeasurement => {
  const x = m as AutoMeasurement | null;
  return !!x && typeof x.backend === 'string' && typeof x.ok === 'boolean' && (!x.ok || (typeof x.charsPerSec === 'number' && x.charsPerSec > 0));
};

/** A stored value, checked (storage is shared with whatever else ran on this origin). */
export function parseAutoChoice(value: unknown): AutoChoice | undefined {
  const c = value as AutoChoice | null;
  if (!c || typeof c !== 'object' || typeof c.key !== 'string' || typeof c.measuredAt !== 'number') return undefined;
  if (!Array.isArray(c.candidates) || !c.candidates.every((b) => typeof b === 'string')) return undefined;
  if (!Array.isArray(c.measurements) || !c.measurements.every(isMeasurement)) return undefined;
  if (c.winner !== undefined && !c.candidates.includes(c.winner)) return undefined;
  return { key: c.key, candidates: [...c.candidates], measurements: c.measurements.map((m) => ({ ...m })), winner: c.winner, measuredAt: c.measuredAt };
}

/** The IndexedDB store, opened on first use. */
export function indexedDbAutoChoices(): AutoChoiceStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = () => (db ??= openDatabase(DB_NAME, DB_VERSION, [STORE]));
  return {
    async get(key) {
      try {
        const tx = (await open()).transaction(STORE, 'readonly');
        return parseAutoChoice(await request(tx.objectStore(STORE).get(key) as IDBRequest<unknown>));
      } catch {
        return undefined;
      }
    },
    async put(choice) {
      try {
        const tx = (await open()).transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put(choice, choice.key);
        await transactionDone(tx);
      } catch {
        // Not kept: Auto measures again next time.
      }
    },
  };
}
