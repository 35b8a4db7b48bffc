// The Text lab's autosave as a React hook: restores what was saved, then writes settings (debounced), the
// corpus and training checkpoints as they change. Storage that is missing or full is reported once
// (`problem`) and the lab keeps working in memory; saves made by another tab are reported (`otherTab`).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RestoredWork, SavedCheckpoint, SavedCorpus, SavedSettings } from './autosaveRecords';
import { openAutosaveStore, type AutosaveKey, type AutosaveStore } from './autosaveStore';
import { describeStorageError } from '../../../storage/indexedDb';
import { newTabId, openTabChannel, type TabChannel, type TextSavedMessage } from '../../../storage/tabChannel';

/** Settings are written this long after the last change (typing in a box changes them per keystroke). */
const SETTINGS_DEBOUNCE_MS = 300;

export interface Autosave {
  /** Opens storage and reads what was saved (empty when storage is unavailable). Same promise on every call. */
  restore(): Promise<RestoredWork>;
  /** Turns writing on: called once what `restore` returned is in place, so defaults never overwrite saved work. */
  enable(): void;
  saveSettings(settings: SavedSettings): void;
  saveCorpus(corpus: SavedCorpus): void;
  saveCheckpoint(checkpoint: SavedCheckpoint): void;
  clearCheckpoint(): void;
  /** Storage is unavailable or full: the first such problem, as a sentence for the page. */
  problem?: string;
  /** The latest save announced by another tab. */
  otherTab?: TextSavedMessage;
  dismissOtherTab(): void;
}

export function useAutosave(): Autosave {
  const [problem, setProblem] = useState<string>();
  const [otherTab, setOtherTab] = useState<TextSavedMessage>();
  const tabId = useMemo(newTabId, []);
  const storeRef = useRef<Promise<AutosaveStore | undefined> | undefined>(undefined);
  const restoredRef = useRef<Promise<RestoredWork> | undefined>(undefined);
  const channelRef = useRef<TabChannel | undefined>(undefined);
  const enabled = useRef(false);
  const pendingSettings = useRef<SavedSettings | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const report = useCallback((text: string) => setProblem((p) => p ?? text), []);

  const open = useCallback(() => {
    storeRef.current ??= openAutosaveStore(tabId).catch((err: unknown) => {
      report(`Autosave is off: ${describeStorageError(err)}. Your corpus, settings and training are kept in this tab only and won’t survive a reload.`);
      return undefined;
    });
    return storeRef.current;
  }, [tabId, report]);

  useEffect(() => {
    channelRef.current = openTabChannel(tabId, setOtherTab);
    return () => {
      channelRef.current?.close();
      channelRef.current = undefined;
      // StrictMode (dev) unmounts once and mounts again: the next restore() opens the store afresh.
      const store = storeRef.current;
      storeRef.current = undefined;
      restoredRef.current = undefined;
      void store?.then((s) => s?.close());
    };
  }, [tabId]);

  const write = useCallback(
    (key: AutosaveKey, work: (store: AutosaveStore) => Promise<void>) => {
      if (!enabled.current) return;
      void open().then(async (store) => {
        if (!store) return;
        try {
          await work(store);
          channelRef.current?.announce(key);
        } catch (err) {
          report(`Autosave failed: ${describeStorageError(err)}. Your work is kept in this tab only until storage frees up.`);
        }
      });
    },
    [open, report],
  );

  const flushSettings = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const settings = pendingSettings.current;
    pendingSettings.current = undefined;
    if (settings) write('settings', (s) => s.put('settings', settings));
  }, [write]);

  // A reload or a closed tab must not lose the last settings change still waiting for its debounce.
  useEffect(() => {
    window.addEventListener('pagehide', flushSettings);
    return () => window.removeEventListener('pagehide', flushSettings);
  }, [flushSettings]);

  const restore = useCallback(() => {
    restoredRef.current ??= open().then(async (store) => {
      if (!store) return {};
      try {
        return await store.load();
      } catch (err) {
        report(`Your autosaved work could not be read (${describeStorageError(err)}); starting afresh.`);
        return {};
      }
    });
    return restoredRef.current;
  }, [open, report]);
  const enable = useCallback(() => {
    enabled.current = true;
  }, []);
  const saveSettings = useCallback(
    (settings: SavedSettings) => {
      if (!enabled.current) return;
      pendingSettings.current = settings;
      clearTimeout(timer.current);
      timer.current = setTimeout(flushSettings, SETTINGS_DEBOUNCE_MS);
    },
    [flushSettings],
  );
  const saveCorpus = useCallback((corpus: SavedCorpus) => write('corpus', (s) => s.put('corpus', corpus)), [write]);
  const saveCheckpoint = useCallback((checkpoint: SavedCheckpoint) => write('checkpoint', (s) => s.put('checkpoint', checkpoint)), [write]);
  const clearCheckpoint = useCallback(() => write('checkpoint', (s) => s.remove('checkpoint')), [write]);
  const dismissOtherTab = useCallback(() => setOtherTab(undefined), []);

  return useMemo(
    () => ({ restore, enable, saveSettings, saveCorpus, saveCheckpoint, clearCheckpoint, problem, otherTab, dismissOtherTab }),
    [restore, enable, saveSettings, saveCorpus, saveCheckpoint, clearCheckpoint, problem, otherTab, dismissOtherTab],
  );
}
