// The Speed race in React state: starts a run through the Speed worker's client (speedWorkerClient.ts),
// collects its events, cancels.
//
// Cancel asks the worker first (it stops between bursts and reports the rows finished so far). One step
// of a slow engine cannot be interrupted — a software-WebGPU text step can take seconds — so if the worker
// has not confirmed within CANCEL_GRACE_MS the page terminates it and starts a fresh one next time.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SpeedPlan } from '../../core/bench/plan';
import type { EngineInfo, SpeedReport, SpeedRow } from '../../core/bench/results';
import type { SpeedEngine } from '../../core/bench/tasks';
import type { CorpusSource, DoneEvent } from '../../workers/speedProtocol';
import { WorkerClientError } from '../../workers/workerClient';
import { spawnSpeedWorker, type SpeedProgressEvent, type SpeedWorkerClient } from './speedWorkerClient';

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

/** The run the page waits for: its generation (a cancelled or superseded run's events are ignored) and id. */
interface ActiveRun {
  generation: number;
  id: number;
}

export function useSpeedRace() {
  const [state, setState] = useState<RaceState>(INITIAL);
  const client = useRef<SpeedWorkerClient | null>(null);
  const generation = useRef(0);
  const active = useRef<ActiveRun | null>(null);
  const startedAt = useRef(0);
  const cancelTimer = useRef<number | undefined>(undefined);

  const dropWorker = useCallback(() => {
    client.current?.terminate();
    client.current = null;
  }, []);

  useEffect(() => () => {
    window.clearTimeout(cancelTimer.current);
    dropWorker();
  }, [dropWorker]);

  const onProgress = useCallback((event: SpeedProgressEvent) => {
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
      }
    });
  }, []);

  const onDone = useCallback((event: DoneEvent) => {
    const elapsedMs = performance.now() - startedAt.current;
    setState((s) => ({
      ...s,
      phase: event.reason === 'finished' ? 'finished' : 'cancelled',
      report: event.report,
      rows: event.report.rows,
      engines: event.report.engines,
      progress: { done: event.report.rows.length, total: s.progress.total },
      elapsedMs,
    }));
  }, []);

  const onFailure = useCallback((error: unknown) => {
    // The client's own failures (a crash, a stopped worker) are reported by onCrash or were asked for.
    if (error instanceof WorkerClientError) return;
    const elapsedMs = performance.now() - startedAt.current;
    setState((s) => ({ ...s, phase: 'error', error: error instanceof Error ? error.message : String(error), elapsedMs }));
  }, []);

  const start = useCallback(
    (plan: SpeedPlan, corpus?: CorpusSource) => {
      window.clearTimeout(cancelTimer.current);
      if (!client.current) {
        const spawned = spawnSpeedWorker((detail) => {
          setState((s) => ({ ...s, phase: 'error', error: detail || 'the speed worker failed to start' }));
          if (client.current === spawned) client.current = null;
        });
        client.current = spawned;
      }
      const gen = ++generation.current;
      const current = () => generation.current === gen;
      startedAt.current = performance.now();
      setState({ ...INITIAL, phase: 'running', progress: { done: 0, total: plan.engines.length * plan.tasks.length } });
      const run = client.current.run(plan, corpus, { onEvent: (event) => current() && onProgress(event) });
      active.current = { generation: gen, id: run.id };
      const settle = () => {
        if (!current()) return false; // a late answer of a run that was cancelled
        window.clearTimeout(cancelTimer.current);
        active.current = null;
        return true;
      };
      run.reply.then(
        (done) => settle() && onDone(done),
        (error: unknown) => settle() && onFailure(error),
      );
    },
    [onProgress, onDone, onFailure],
  );

  const cancel = useCallback(() => {
    const c = client.current;
    const run = active.current;
    if (!c || !run) return;
    c.cancel(run.id);
    setState((s) => (s.phase === 'running' ? { ...s, phase: 'cancelling' } : s));
    window.clearTimeout(cancelTimer.current);
    cancelTimer.current = window.setTimeout(() => {
      // Still inside one long step: stop the worker outright and keep the rows we have.
      if (generation.current !== run.generation) return;
      generation.current++;
      active.current = null;
      dropWorker();
      setState((s) => (s.phase === 'cancelling' ? { ...s, phase: 'cancelled', elapsedMs: performance.now() - startedAt.current } : s));
    }, CANCEL_GRACE_MS);
  }, [dropWorker]);

  return { state, start, cancel };
}
