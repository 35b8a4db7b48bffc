// Gradients through time: asks the worker for ‖∂L_t/∂h_{t−k}‖ against k (time-gradients), again every few
// seconds while training (spaced by liveRefresh.ts), and keeps the per-layer weight-gradient norm of each
// answer as a curve over training steps.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimeGradientsEvent } from '../../../workers/textProtocol';
import type { TextSessionCommands } from '../session/textSessionApi';
import { liveGapMs } from './liveRefresh';

export const GRADIENT_MAX_LAG = 40;
export const GRADIENT_WINDOWS = 16;

interface Deps {
  timeGradients: TextSessionCommands['timeGradients'];
  enabled: boolean;
  training: boolean;
  modelKey: string;
}

export function useTimeGradients({ timeGradients, enabled, training, modelKey }: Deps) {
  const [result, setResult] = useState<TimeGradientsEvent>();
  const [history, setHistory] = useState<{ step: number; paramNorms: number[] }[]>([]);
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);
  const inFlight = useRef(false);
  /** Duration of the last job: the first repeat while training is spaced by it too. */
  const lastJobMs = useRef(0);

  const run = useCallback(async (): Promise<number | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setRunning(true);
    try {
      const r = await timeGradients({ maxLag: GRADIENT_MAX_LAG, windows: GRADIENT_WINDOWS });
      setError(undefined);
      setResult(r);
      lastJobMs.current = r.elapsedMs;
      setHistory((h) => (h.length > 0 && h[h.length - 1].step === r.step ? h : [...h, { step: r.step, paramNorms: r.paramNorms }].slice(-500)));
      return r.elapsedMs;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return undefined;
    } finally {
      inFlight.current = false;
      setRunning(false);
    }
  }, [timeGradients]);

  useEffect(() => {
    setResult(undefined);
    setHistory([]);
  }, [modelKey]);

  useEffect(() => {
    if (enabled) void run();
  }, [enabled, modelKey, run]);

  useEffect(() => {
    if (!(enabled && training)) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = (gap: number) => {
      timer = setTimeout(async () => {
        if (stopped) return;
        await run();
        if (!stopped) loop(liveGapMs(lastJobMs.current));
      }, gap);
    };
    loop(liveGapMs(lastJobMs.current));
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [enabled, training, run]);

  return { result, history, error, running, run };
}

export type TimeGradientsState = ReturnType<typeof useTimeGradients>;
