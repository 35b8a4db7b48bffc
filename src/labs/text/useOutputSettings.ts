// What the user set for the outputs rather than the model: the loss unit of the charts, the sampling
// temperature (also used by the samples streamed while training), the generate inputs and the text to score.
// Saved with the lab's settings and restored after a reload.
import { useCallback, useState } from 'react';
import type { GenerateInputs } from './generate/GeneratePanel';
import { DEFAULT_SAVED_SETTINGS, type SavedSettings } from './persistence/autosaveRecords';
import type { LossUnit } from './training/lossSeries';

export function useOutputSettings() {
  const [unit, setUnit] = useState<LossUnit>(DEFAULT_SAVED_SETTINGS.unit);
  const [temperature, setTemperature] = useState(DEFAULT_SAVED_SETTINGS.temperature);
  const [generate, setGenerate] = useState<GenerateInputs>(DEFAULT_SAVED_SETTINGS.generate);
  const [scoreText, setScoreText] = useState(DEFAULT_SAVED_SETTINGS.scoreText);
  const restore = useCallback((saved: SavedSettings) => {
    setTemperature(saved.temperature);
    setUnit(saved.unit);
    setGenerate(saved.generate);
    setScoreText(saved.scoreText);
  }, []);
  return { unit, setUnit, temperature, setTemperature, generate, setGenerate, scoreText, setScoreText, restore };
}

export type OutputSettings = ReturnType<typeof useOutputSettings>;
