// Connects a Classify lab view to a training worker: sends requests, keeps the newest snapshot in a ref (read
// by the heatmap's animation loop, no re-render per snapshot) and the loss history and status in React state,
// updated a few times a second.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MlpParams } from '../../core/mlp/types';
import type { ClassifyEvent, ClassifyRequest, HistoryRow, Metrics } from '../../workers/classifyProtocol';

export interface Snapshot {
  iteration: number;
  params: MlpParams;
  metrics: Metrics;
  version: number;
}

export interface RunStatus {
  iteration: number;
  metrics: Metrics | null;
  running: boolean;
  backend: string | null;
  note: string | null;
  history: HistoryRow[];
}

const EMPTY_STATUS: RunStatus = { iteration: 0, metrics: null, running: false, backend: null, note: null, history: [] };
const STATUS_INTERVAL_MS = 150;

export interface Trainer {
  send: (req: ClassifyRequest) => void;
  /** Newest snapshot per run. */
  snapshots: React.RefObject<Map<string, Snapshot>>;
  status: Map<string, RunStatus>;
  /** Clears a run's history (new network). */
  clearHistory: (run: string) => void;
  /** Replaces a run's history with saved rows (resuming a checkpoint); new rows append to them. */
  seedHistory: (run: string, rows: HistoryRow[]) => void;
  /** Last divergence or error message, with the run it concerns. */
  alert: { run: string; kind: 'diverged' | 'error'; message: string } | null;
  dismissAlert: () => void;
}

export function useTrainer(): Trainer {
  const workerRef = useRef<Worker | null>(null);
  const snapshots = useRef(new Map<string, Snapshot>());
  const pending = useRef(new Map<string, RunStatus>());
  const [status, setStatus] = useState(new Map<string, RunStatus>());
  const [alert, setAlert] = useState<Trainer['alert']>(null);
  const flushTimer = useRef<number | null>(null);

  const flush = useCallback(() => {
    flushTimer.current = null;
    setStatus(new Map(pending.current));
  }, []);

  const scheduleFlush = useCallback(() => {
    if (flushTimer.current === null) flushTimer.current = window.setTimeout(flush, STATUS_INTERVAL_MS);
  }, [flush]);

  useEffect(() => {
    const worker = new Worker(new URL('../../workers/classify.worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = worker;
    let version = 0;
    worker.onmessage = (e: MessageEvent<ClassifyEvent>) => {
      const ev = e.data;
      const prev = pending.current.get(ev.run) ?? EMPTY_STATUS;
      switch (ev.type) {
        case 'snapshot': {
          snapshots.current.set(ev.run, { iteration: ev.iteration, params: ev.params, metrics: ev.metrics, version: ++version });
          const history = ev.history.length > 0 ? prev.history.concat(ev.history) : prev.history;
          pending.current.set(ev.run, { ...prev, iteration: ev.iteration, metrics: ev.metrics, running: ev.running, history });
          scheduleFlush();
          break;
        }
        case 'engine':
          pending.current.set(ev.run, { ...prev, backend: ev.backend, note: ev.note ?? null });
          scheduleFlush();
          break;
        case 'diverged':
          setAlert({
            run: ev.run,
            kind: 'diverged',
            message: `Training diverged at iteration ${ev.iteration}: the loss became NaN or infinite. Training is paused and the weights are back to the last finite ones. Lower the learning rate, or reset.`,
          });
          break;
        case 'error':
          setAlert({ run: ev.run, kind: 'error', message: ev.message });
          break;
      }
    };
    worker.onerror = (e) => {
      setAlert({ run: '*', kind: 'error', message: `The training worker stopped: ${e.message || 'unknown error'}. Reload the page to start a new one.` });
    };
    return () => {
      worker.terminate();
      workerRef.current = null;
      if (flushTimer.current !== null) window.clearTimeout(flushTimer.current);
      flushTimer.current = null;
    };
  }, [scheduleFlush]);

  const send = useCallback((req: ClassifyRequest) => {
    workerRef.current?.postMessage(req);
  }, []);

  const clearHistory = useCallback(
    (run: string) => {
      const prev = pending.current.get(run);
      if (prev) pending.current.set(run, { ...prev, history: [] });
      snapshots.current.delete(run);
      scheduleFlush();
    },
    [scheduleFlush],
  );

  const seedHistory = useCallback(
    (run: string, rows: HistoryRow[]) => {
      const prev = pending.current.get(run) ?? EMPTY_STATUS;
      pending.current.set(run, { ...prev, history: rows.slice() });
      scheduleFlush();
    },
    [scheduleFlush],
  );

  const dismissAlert = useCallback(() => setAlert(null), []);
  return useMemo(
    () => ({ send, snapshots, status, clearHistory, seedHistory, alert, dismissAlert }),
    [send, status, clearHistory, seedHistory, alert, dismissAlert],
  );
}
