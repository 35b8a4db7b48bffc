// A checkpoint restored after a reload, offered until the user resumes, loads, discards it or starts afresh.
import { useCallback, useState } from 'react';
import type { SavedCheckpoint } from './autosaveRecords';
import type { Autosave } from './useAutosave';

export function useResumeOffer({ clearCheckpoint }: Pick<Autosave, 'clearCheckpoint'>) {
  const [offer, setOffer] = useState<SavedCheckpoint>();
  /** The offer is no longer current (a model was loaded or built); the saved checkpoint stays. */
  const withdraw = useCallback(() => setOffer(undefined), []);
  /** The user declined it: the saved checkpoint goes too. */
  const discard = useCallback(() => {
    setOffer(undefined);
    clearCheckpoint();
  }, [clearCheckpoint]);
  return { offer, setOffer, withdraw, discard };
}

export type ResumeOffer = ReturnType<typeof useResumeOffer>;
