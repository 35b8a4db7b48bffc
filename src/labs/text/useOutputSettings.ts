// What the user set for the outputs rather than the model: the loss unit of the charts, the sampling
// temperature (also used by the samples streamed while training), the generate inputs, the text to score
// and the last cell race. Saved with the lab's settings and restored after a reload.
import { useCallback, useState } from 'react';
import type { GenerateInputs } from './generate/GeneratePanel';
import type { SavedRace } from './inside/raceRecord';
import { DEFAULT_SAVED_SETTINGS, type SavedSettings } from './persistence/autosaveRecords';
import type { LossUnit } from './training/lossSeries';

export function useOutputSettings() {
  const [unit, setUnit] = useState<LossUnit>(DEFAULT_SAVED_SETTINGS.unit);
  const [temperature, setTemperature] = useState(DEFAULT_SAVED_SETTINGS.temperature);
  const [generate, setGenerate] = useState<GenerateInputs>(DEFAULT_SAVED_SETTINGS.generate);
  const [scoreText, setScoreText] = useState(DEFAULT_SAVED_SETTINGS.scoreText);
  const [race, setRace] = useState<SavedRace>();
  const restore = useCallback((saved: SavedSettings) => {
    setTemperature(saved.temperature);
    setUnit(saved.unit);
    setGenerate(saved.generate);
    setScoreText(saved.scoreText);
    setRace(saved.race);
  }, []);
  return { unit, setUnit, temperature, setTemperature, generate, setGenerate, scoreText, setScoreText, race, setRace, restore };
}

export type OutputSettings = ReturnType<typeof useOutputSettings>;
