// What the lab is busy with and the lab's message line. `guarded` runs an action that must not overlap another
// (the controls are disabled while `busy` is set) and shows its error; a dead worker is not reported here,
// since the session alert already explains it.
import { useCallback, useState } from 'react';
import { TextWorkerError } from './session/textWorkerClient';

export interface LabActions {
  /** The action running, e.g. 'corpus', 'build', 'train'; undefined when idle. */
  busy?: string;
  setBusy(label: string | undefined): void;
  /** The message line's text. */
  error?: string;
  setError(message: string | undefined): void;
  reportError(err: unknown): void;
  guarded(label: string, work: () => Promise<void>): Promise<void>;
}

export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function useLabActions(): LabActions {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const reportError = useCallback((err: unknown) => {
    if (err instanceof TextWorkerError && err.code === 'crashed') return;
    setError(errorMessage(err));
  }, []);

  const guarded = useCallback(
    async (label: string, work: () => Promise<void>) => {
      setBusy(label);
      setError(undefined);
      try {
        await work();
      } catch (err) {
        reportError(err);
      } finally {
        setBusy(undefined);
      }
    },
    [reportError],
  );

  return { busy, setBusy, error, setError, reportError, guarded };
}
