// Connects a Classify lab view to a training worker of its own through the typed client
// (classifyWorkerClient.ts): sends requests, keeps the newest snapshot in a ref (read by the heatmap's
// animation loop, no re-render per snapshot) and the loss history and status in React state, updated a few
// times a second. A request the worker refuses, a training-loop error and a crash become the alert.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MlpParams } from '../../core/mlp/types';
import type { HistoryRow, Metrics } from '../../workers/classifyProtocol';
import { WorkerClientError, type PendingRequest } from '../../workers/workerClient';
import { ClassifyRequestError, spawnClassifyWorker, type ClassifyWorkerClient, type RunEvent } from './classifyWorkerClient';

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

type RequestName = 'setData' | 'setup' | 'settings' | 'play' | 'pause' | 'step';
/**
 * The worker's requests as the lab sends them: failures are reported in `alert`, so callers may ignore the
 * reply. Null when there is no worker (before mount, after unmount): nothing is sent.
 */
export type TrainerRequests = {
  [K in RequestName]: (...args: Parameters<ClassifyWorkerClient[K]>) => ReturnType<ClassifyWorkerClient[K]> | null;
};

export interface Trainer {
  requests: TrainerRequests;
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

const divergedMessage = (iteration: number) =>
  `Training diverged at iteration ${iteration}: the loss became NaN or infinite. Training is paused and the weights are back to the last finite ones. Lower the learning rate, or reset.`;

export function useTrainer(): Trainer {
  const clientRef = useRef<ClassifyWorkerClient | null>(null);
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
    let version = 0;
    const onRunEvent = (ev: RunEvent) => {
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
          setAlert({ run: ev.run, kind: 'diverged', message: divergedMessage(ev.iteration) });
          break;
        case 'error':
          setAlert({ run: ev.run, kind: 'error', message: ev.message });
          break;
      }
    };
    const client = spawnClassifyWorker({
      onRunEvent,
      onCrash: (detail) =>
        setAlert({ run: '*', kind: 'error', message: `The training worker stopped: ${detail || 'unknown error'}. Reload the page to start a new one.` }),
    });
    clientRef.current = client;
    return () => {
      client.terminate();
      clientRef.current = null;
      if (flushTimer.current !== null) window.clearTimeout(flushTimer.current);
      flushTimer.current = null;
    };
  }, [scheduleFlush]);

  // Every request goes through here: a refusal becomes the alert; the client's own failures (a crash, already
  // reported by onCrash, or a stopped worker) are not news. Before the worker exists nothing is sent.
  const requests = useMemo<TrainerRequests>(() => {
    const report = (error: unknown) => {
      if (error instanceof WorkerClientError) return;
      const run = error instanceof ClassifyRequestError ? error.run : '*';
      setAlert({ run, kind: 'error', message: error instanceof Error ? error.message : String(error) });
    };
    const send = <R,>(call: (client: ClassifyWorkerClient) => PendingRequest<R>): PendingRequest<R> | null => {
      const client = clientRef.current;
      if (!client) return null;
      const sent = call(client);
      sent.reply.catch(report);
      return sent;
    };
    return {
      setData: (train, test) => send((c) => c.setData(train, test)),
      setup: (run, setup, resume) => send((c) => c.setup(run, setup, resume)),
      settings: (run, settings) => send((c) => c.settings(run, settings)),
      play: (run, options) => send((c) => c.play(run, options)),
      pause: (run) => send((c) => c.pause(run)),
      step: (run, count) => send((c) => c.step(run, count)),
    };
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
    () => ({ requests, snapshots, status, clearHistory, seedHistory, alert, dismissAlert }),
    [requests, status, clearHistory, seedHistory, alert, dismissAlert],
  );
}
