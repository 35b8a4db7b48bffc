// Remembers the step of the model as last saved, exported or loaded: training past it makes leaving the page
// ask first (useUnsavedGuard).
import { useState } from 'react';
import { useUnsavedGuard } from './useUnsavedGuard';

/** Returns `markSaved(step)`: the model at `step` is kept somewhere. */
export function useSavedStep(hasModel: boolean, step: number): (step: number) => void {
  const [savedStep, setSavedStep] = useState<number>();
  useUnsavedGuard(hasModel && step > 0 && step !== savedStep);
  return setSavedStep;
}
