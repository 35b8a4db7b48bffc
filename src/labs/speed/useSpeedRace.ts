// The page's side of the Speed worker: starts a run, collects its events into React state, cancels.
//
// Cancel asks the worker first (it stops between bursts and reports the rows finished so far). One step
// of a slow engine cannot be interrupted — a software-WebGPU text step can take seconds — so if the worker
// has not confirmed within CANCEL_GRACE_MS the page terminates it and starts a fresh one next time.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SpeedPlan } from '../../core/bench/plan';
import type { EngineInfo, SpeedReport, SpeedRow } from '../../core/bench/results';
import type { SpeedEngine } from '../../core/bench/tasks';
import type { CorpusSource, SpeedEvent, SpeedRequest } from '../../workers/speedProtocol';

const CANCEL_GRACE_MS = 1500;

export type RacePhase = 'idle' | 'running' | 'cancelling' | 'finished' | 'cancelled' | 'error';

export interface RaceProgress {
  done: number;
  total: number;
  engine?: SpeedEngine;
  task?: string;
}

export interface RaceState {
  phase: RacePhase;
  progress: RaceProgress;
  userAgent: string;
  engines: EngineInfo[];
  rows: SpeedRow[];
  report?: SpeedReport;
  error?: string;
  /** Wall time of the run so far / in total, ms. */
  elapsedMs: number;
}

const INITIAL: RaceState = { phase: 'idle', progress: { done: 0, total: 0 }, userAgent: '', engines: [], rows: [], elapsedMs: 0 };

function createWorker(): Worker {
  return new Worker(new URL('../../workers/speed.worker.ts', import.meta.url), { type: 'module', name: 'speed-race' });
}

export function useSpeedRace() {
  const [state, setState] = useState<RaceState>(INITIAL);
  const worker = useRef<Worker | null>(null);
  const runId = useRef(0);
  const startedAt = useRef(0);
  const cancelTimer = useRef<number | undefined>(undefined);

  const dropWorker = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);

  useEffect(() => () => {
    window.clearTimeout(cancelTimer.current);
    dropWorker();
  }, [dropWorker]);

  const onEvent = useCallback((event: SpeedEvent) => {
    if (event.id !== runId.current) return; // a late event of a run that was cancelled
    const elapsedMs = performance.now() - startedAt.current;
    setState((s) => {
      switch (event.type) {
        case 'started':
          return { ...s, userAgent: event.userAgent, progress: { done: 0, total: event.total }, elapsedMs };
        case 'engine':
          return { ...s, engines: [...s.engines.filter((e) => e.engine !== event.info.engine), event.info], elapsedMs };
        case 'progress':
          return { ...s, progress: { done: event.done, total: event.total, engine: event.engine, task: event.task }, elapsedMs };
        case 'row':
          return { ...s, rows: [...s.rows, event.row], progress: { ...s.progress, done: s.progress.done + 1 }, elapsedMs };
        case 'done':
          return {
            ...s,
            phase: event.reason === 'finished' ? 'finished' : 'cancelled',
            report: event.report,
            rows: event.report.rows,
            engines: event.report.engines,
            progress: { done: event.report.rows.length, total: s.progress.total },
            elapsedMs,
          };
        case 'error':
          return { ...s, phase: 'error', error: event.message, elapsedMs };
      }
    });
    if (event.type === 'done' || event.type === 'error') window.clearTimeout(cancelTimer.current);
  }, []);

  const start = useCallback(
    (plan: SpeedPlan, corpus?: CorpusSource) => {
      window.clearTimeout(cancelTimer.current);
      if (!worker.current) {
        const w = createWorker();
        w.onmessage = (e: MessageEvent<SpeedEvent>) => onEvent(e.data);
        w.onerror = (e) => {
          e.preventDefault();
          setState((s) => ({ ...s, phase: 'error', error: e.message || 'the speed worker failed to start' }));
          dropWorker();
        };
        worker.current = w;
      }
      const id = ++runId.current;
      startedAt.current = performance.now();
      setState({ ...INITIAL, phase: 'running', progress: { done: 0, total: plan.engines.length * plan.tasks.length } });
      const request: SpeedRequest = { type: 'run', id, plan, corpus };
      worker.current.postMessage(request);
    },
    [dropWorker, onEvent],
  );

  const cancel = useCallback(() => {
    const w = worker.current;
    if (!w) return;
    const id = runId.current;
    const request: SpeedRequest = { type: 'cancel', id };
    w.postMessage(request);
    setState((s) => (s.phase === 'running' ? { ...s, phase: 'cancelling' } : s));
    window.clearTimeout(cancelTimer.current);
    cancelTimer.current = window.setTimeout(() => {
      // Still inside one long step: stop the worker outright and keep the rows we have.
      if (runId.current !== id) return;
      runId.current++;
      dropWorker();
      setState((s) => (s.phase === 'cancelling' ? { ...s, phase: 'cancelled', elapsedMs: performance.now() - startedAt.current } : s));
    }, CANCEL_GRACE_MS);
  }, [dropWorker]);

  return { state, start, cancel };
}
