// Everything in SavedSettings is written as it changes (useAutosave debounces the writes, since typing in a
// box changes them per keystroke). Nothing is written before the restore has enabled the autosave.
import { useEffect } from 'react';
import type { SavedSettings } from './autosaveRecords';
import type { Autosave } from './useAutosave';

export function useSettingsAutosave({ saveSettings }: Pick<Autosave, 'saveSettings'>, settings: SavedSettings): void {
  const { lab, corpusOptions, temperature, unit, generate, scoreText, race } = settings;
  useEffect(() => {
    saveSettings({ lab, corpusOptions, temperature, unit, generate, scoreText, race });
  }, [saveSettings, lab, corpusOptions, temperature, unit, generate, scoreText, race]);
}
