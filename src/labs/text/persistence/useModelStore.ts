// The saved-model list as React state, over modelStore. If IndexedDB can't be opened, `unavailable` says
// why and the lab keeps working in memory (export to files still works).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TextModelBundle } from '../../../workers/textProtocol';
import { openModelStore, type ModelStore, type SavedModelMeta } from './modelStore';

export interface SavedModels {
  list: SavedModelMeta[];
  unavailable?: string;
  save(name: string, summary: string, bundle: TextModelBundle): Promise<void>;
  load(id: string): Promise<TextModelBundle>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export function useModelStore(): SavedModels {
  const storeRef = useRef<ModelStore<TextModelBundle> | undefined>(undefined);
  const [list, setList] = useState<SavedModelMeta[]>([]);
  const [unavailable, setUnavailable] = useState<string>();

  useEffect(() => {
    let closed = false;
    openModelStore<TextModelBundle>()
      .then(async (store) => {
        if (closed) {
          store.close();
          return;
        }
        storeRef.current = store;
        setList(await store.list());
      })
      .catch((err: unknown) => {
        if (!closed) setUnavailable(`Saving in the browser is unavailable (${err instanceof Error ? err.message : String(err)}). Models stay in memory; export them as files to keep them.`);
      });
    return () => {
      closed = true;
      storeRef.current?.close();
      storeRef.current = undefined;
    };
  }, []);

  const store = useCallback(() => {
    if (!storeRef.current) throw new Error(unavailable ?? 'The model store is still opening; try again in a moment.');
    return storeRef.current;
  }, [unavailable]);

  const refresh = useCallback(async () => setList(await store().list()), [store]);

  return {
    list,
    unavailable,
    save: useCallback(async (name, summary, bundle) => {
      await store().save(name, summary, bundle.weights.byteLength, bundle);
      await refresh();
    }, [store, refresh]),
    load: useCallback((id) => store().load(id), [store]),
    rename: useCallback(async (id, name) => {
      await store().rename(id, name);
      await refresh();
    }, [store, refresh]),
    remove: useCallback(async (id) => {
      await store().remove(id);
      await refresh();
    }, [store, refresh]),
  };
}
