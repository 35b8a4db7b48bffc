// What the lab is busy with and the lab's message line. `guarded` runs an action that must not overlap another
// (the controls are disabled while `busy` is set) and shows its error; a dead worker is not reported here,
// since the session alert already explains it.
import { useCallback, useState } from 'react';
import type { UserMessage } from '../../workers/text/errorMessages';
import { userMessageOf } from '../userMessage';
import { TextWorkerError } from './session/textWorkerClient';

export interface LabActions {
  /** The action running, e.g. 'corpus', 'build', 'train'; undefined when idle. */
  busy?: string;
  setBusy(label: string | undefined): void;
  /** The message line: plain words, with any technical detail kept for a disclosure. */
  error?: UserMessage;
  setError(message: string | undefined): void;
  reportError(err: unknown): void;
  guarded(label: string, work: () => Promise<void>): Promise<void>;
}

export function useLabActions(): LabActions {
  const [busy, setBusy] = useState<string>();
  const [error, setErrorState] = useState<UserMessage>();
  const setError = useCallback((message: string | undefined) => setErrorState(message === undefined ? undefined : userMessageOf(message)), []);

  const reportError = useCallback((err: unknown) => {
    if (err instanceof TextWorkerError && err.code === 'crashed') return;
    setErrorState(userMessageOf(err));
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
    [reportError, setError],
  );

  return { busy, setBusy, error, setError, reportError, guarded };
}
