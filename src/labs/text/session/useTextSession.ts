// Owns the training worker for the Text lab: starts it on an engine (moving a model's weights along when
// asked), keeps the corpus and the last exported weights (the checkpoint: taken every 30 s while training and
// whenever a run ends) on the page, and turns worker events into SessionState. When the worker crashes or
// loses its GPU device, a new one is started on the same backend from the checkpoint, and training carries on
// if it was running (policy in recovery.ts).
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type {
  BackendReport,
  ChunkEvent,
  CorpusEvent,
  DebugRequest,
  DoneReason,
  EngineChoice,
  LineScore,
  LoopOptions,
  TextEvent,
  TextModelBundle,
  VocabOptions,
} from '../../../workers/textProtocol';
import { RECOVERY_DELAY_MS, RecoveryBudget, recoveryEngine } from './recovery';
import type { LabSettings } from '../settings/labSettings';
import { INITIAL_SESSION, sessionReducer, type SessionAction, type SessionAlert, type SessionState } from './sessionState';
import { spawnTextWorker, TextWorkerError, type RequestBody, type TextWorkerClient } from './textWorkerClient';

export interface CorpusInput {
  text: string;
  vocab: VocabOptions;
  validFraction: number;
}

/** Loop settings the page asks for: frequent progress, a streamed sample every few seconds, and validation
 *  every 10 s — every 30 s on a software GPU adapter, where evaluating even a few hundred characters
 *  sequentially takes seconds and would otherwise crowd out training. */
function loopOptionsFor(report: BackendReport): Partial<LoopOptions> {
  const software = report.backend === 'webgpu' && report.isFallbackAdapter;
  return { progressEveryMs: 250, sampleEveryMs: 3000, sampleLength: 200, evalEveryMs: software ? 30_000 : 10_000 };
}

/** Fault injection: the protocol's actions, plus 'crash' (handled by text.worker.ts itself: an uncaught
 *  error in the worker, so the page sees `onerror` as it would for a real crash). */
export type DebugAction = DebugRequest['action'] | 'crash';

export interface TextSessionOptions {
  /** Called with every exported bundle (the periodic checkpoint while training, the one when a run ends, and
   *  exports the page asks for); `training` says whether training was still running. */
  onCheckpoint?(bundle: TextModelBundle, training: boolean): void;
  /** How often to checkpoint while training (default 30 s). */
  checkpointEveryMs?: number;
}

export interface GenerateHandle {
  cancel(): void;
  done: Promise<DoneReason>;
}

export interface TextSession {
  state: SessionState;
  start(engine: EngineChoice, bundle?: TextModelBundle): Promise<void>;
  setCorpus(input: CorpusInput): Promise<CorpusEvent>;
  build(settings: LabSettings): Promise<void>;
  /** Starts or resumes training; resolves when the run ends (with why). */
  train(): Promise<DoneReason>;
  pause(): Promise<void>;
  stop(): Promise<void>;
  reset(): Promise<void>;
  setLearningRate(lr: number): Promise<void>;
  setSampleTemperature(t: number): Promise<void>;
  generate(prime: string, length: number, temperature: number, onText: (text: string) => void): GenerateHandle;
  score(lines: string[]): { cancel(): void; result: Promise<LineScore[] | undefined> };
  exportModel(): Promise<TextModelBundle>;
  importModel(bundle: TextModelBundle): Promise<void>;
  /** The newest weights the page holds (from the last export), for recovery after a crash. */
  lastBundle(): TextModelBundle | undefined;
  debug(action: DebugAction): Promise<void>;
  dismissAlert(): void;
}

/** A copy whose weights buffer can be transferred without detaching the original. */
export function cloneBundle(bundle: TextModelBundle): TextModelBundle {
  return { ...bundle, weights: bundle.weights.slice(0), sidecar: structuredClone(bundle.sidecar) };
}

function eventToAction(event: TextEvent): SessionAction | undefined {
  switch (event.type) {
    case 'state':
      return { type: 'phase', phase: event.phase, step: event.step, learningRate: event.learningRate };
    case 'progress':
      return { type: 'progress', event };
    case 'sample':
      return { type: 'sample', event };
    case 'error':
      if (event.code === 'diverged') return { type: 'alert', alert: { kind: 'diverged', message: event.message } };
      if (event.code === 'device-lost') return { type: 'alert', alert: { kind: 'device-lost', message: event.message } };
      return { type: 'alert', alert: { kind: 'error', message: event.message } };
    default:
      return undefined;
  }
}

export const CHECKPOINT_EVERY_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function useTextSession(options: TextSessionOptions = {}): TextSession {
  const [state, dispatch] = useReducer(sessionReducer, INITIAL_SESSION);
  const clientRef = useRef<TextWorkerClient | undefined>(undefined);
  const corpusRef = useRef<CorpusInput | undefined>(undefined);
  const bundleRef = useRef<TextModelBundle | undefined>(undefined);
  /** Settings of the last `build`: a model that never reached a checkpoint is rebuilt from them (same seed,
   *  same initial weights) after a crash. */
  const buildRef = useRef<LabSettings | undefined>(undefined);
  const hasModelRef = useRef(false);
  const trainIdRef = useRef<number | undefined>(undefined);
  const startSeq = useRef(0);
  const reportRef = useRef<BackendReport | undefined>(undefined);
  const requestedRef = useRef<EngineChoice>('auto');
  /** The last phase other than 'lost': whether training was running when the device went away. */
  const activePhaseRef = useRef<SessionState['phase']>('uninitialised');
  const budget = useRef(new RecoveryBudget());
  const optionsRef = useRef(options);
  optionsRef.current = options;
  /** Set below: restarts after a fault (start → recover → start: a ref breaks the cycle of callbacks). */
  const recoverRef = useRef<(kind: 'crashed' | 'device-lost', message: string, seq: number) => void>(() => undefined);

  const client = useCallback((): TextWorkerClient => {
    const c = clientRef.current;
    if (!c || !c.alive) throw new TextWorkerError('crashed', 'The training worker is not running. Restart it from the message above.');
    return c;
  }, []);

  const exportModel = useCallback(async (): Promise<TextModelBundle> => {
    const { bundle } = await client().request<'export'>({ type: 'export' }).reply;
    bundleRef.current = bundle;
    optionsRef.current.onCheckpoint?.(bundle, activePhaseRef.current === 'training');
    return bundle;
  }, [client]);

  /** Starts a worker; resolves true when it is ready (and has the corpus and bundle), false when another
   *  start replaced it meanwhile. */
  const launch = useCallback(async (engine: EngineChoice, bundle?: TextModelBundle): Promise<boolean> => {
    const seq = ++startSeq.current;
    clientRef.current?.terminate();
    requestedRef.current = engine;
    reportRef.current = undefined;
    activePhaseRef.current = 'uninitialised';
    dispatch({ type: 'starting', engine });
    const c = spawnTextWorker({
      onEvent: (event) => {
        if (seq !== startSeq.current) return;
        if (event.type === 'state' && event.phase !== 'lost') activePhaseRef.current = event.phase;
        const action = eventToAction(event);
        if (action) dispatch(action);
        if (event.type === 'error' && event.code === 'device-lost') recoverRef.current('device-lost', event.message, seq);
      },
      onCrash: (message) => {
        if (seq !== startSeq.current) return;
        dispatch({ type: 'crashed', message });
        recoverRef.current('crashed', message, seq);
      },
    });
    clientRef.current = c;
    let ready;
    let fallbackNote: string | undefined;
    try {
      ready = await c.request<'init'>({ type: 'init', engine }).reply;
    } catch (err) {
      if (!(err instanceof TextWorkerError) || err.code !== 'backend-failed' || engine === 'auto') throw err;
      // An explicit backend that cannot start falls back to the best one that can, and the status says so.
      ready = await c.request<'init'>({ type: 'init', engine: 'auto' }).reply;
      fallbackNote = `${engine === 'scratch' ? 'From scratch' : engine.toUpperCase()} unavailable: ${err.message} → using ${ready.report.backend.toUpperCase()}`;
    }
    if (seq !== startSeq.current) return false;
    reportRef.current = ready.report;
    dispatch({ type: 'ready', report: ready.report, fallbackNote });
    await c.request<'set-options'>({ type: 'set-options', options: loopOptionsFor(ready.report) }).reply;
    const corpus = corpusRef.current;
    if (corpus) {
      const ev = await c.request<'set-corpus'>({ type: 'set-corpus', text: corpus.text, vocab: corpus.vocab, validFraction: corpus.validFraction }).reply;
      if (seq !== startSeq.current) return false;
      dispatch({ type: 'corpus', stats: ev.stats, vocab: ev.vocab, modelKept: ev.modelKept });
    }
    hasModelRef.current = false;
    if (bundle) {
      const ev = await c.request<'import'>({ type: 'import', bundle: cloneBundle(bundle) }).reply;
      if (seq !== startSeq.current) return false;
      bundleRef.current = bundle;
      hasModelRef.current = true;
      dispatch({ type: 'imported', model: { spec: ev.model, train: ev.train }, step: ev.step, history: ev.history, stats: ev.stats, vocab: ev.vocab });
    }
    return seq === startSeq.current;
  }, []);

  const start = useCallback(async (engine: EngineChoice, bundle?: TextModelBundle) => {
    await launch(engine, bundle);
  }, [launch]);

  const setCorpus = useCallback(async (input: CorpusInput) => {
    const ev = await client().request<'set-corpus'>({ type: 'set-corpus', ...input }).reply;
    corpusRef.current = input;
    dispatch({ type: 'corpus', stats: ev.stats, vocab: ev.vocab, modelKept: ev.modelKept });
    if (!ev.modelKept) {
      bundleRef.current = undefined;
      buildRef.current = undefined;
      hasModelRef.current = false;
    }
    return ev;
  }, [client]);

  const build = useCallback(async (settings: LabSettings) => {
    const ev = await client().request<'build'>({ type: 'build', model: settings.model, train: settings.train }).reply;
    bundleRef.current = undefined;
    buildRef.current = settings;
    hasModelRef.current = true;
    dispatch({ type: 'built', model: { spec: ev.model, train: ev.train, params: ev.params, baselineLoss: ev.baselineLoss } });
  }, [client]);

  const train = useCallback(async (): Promise<DoneReason> => {
    const c = client();
    const req = c.request<'train'>({ type: 'train' });
    trainIdRef.current = req.id;
    // Keep a recent copy of the weights on the page while training, so a crash loses at most a little.
    const timer = setInterval(() => {
      exportModel().catch(() => undefined);
    }, optionsRef.current.checkpointEveryMs ?? CHECKPOINT_EVERY_MS);
    try {
      const done = await req.reply;
      return done.reason;
    } finally {
      clearInterval(timer);
      if (trainIdRef.current === req.id) trainIdRef.current = undefined;
      if (c.alive) await exportModel().catch(() => undefined);
    }
  }, [client, exportModel]);

  const simple = useCallback(
    async (type: 'pause' | 'stop' | 'reset') => {
      await client().request<typeof type>({ type }).reply;
    },
    [client],
  );

  const pause = useCallback(() => simple('pause'), [simple]);
  const stop = useCallback(() => simple('stop'), [simple]);
  const reset = useCallback(async () => {
    await simple('reset');
    bundleRef.current = undefined;
    dispatch({ type: 'clear-history' });
  }, [simple]);

  const setLearningRate = useCallback(async (learningRate: number) => {
    await client().request<'set-lr'>({ type: 'set-lr', learningRate }).reply;
  }, [client]);

  const setSampleTemperature = useCallback(async (sampleTemperature: number) => {
    await client().request<'set-options'>({ type: 'set-options', options: { sampleTemperature } }).reply;
  }, [client]);

  const generate = useCallback(
    (prime: string, length: number, temperature: number, onText: (text: string) => void): GenerateHandle => {
      const c = client();
      const req = c.request<'generate'>({ type: 'generate', prime, length, temperature }, (e: ChunkEvent) => onText(e.text));
      return { cancel: () => c.cancel(req.id), done: req.reply.then((d) => d.reason) };
    },
    [client],
  );

  const score = useCallback(
    (lines: string[]) => {
      const c = client();
      const req = c.request<'score'>({ type: 'score', lines });
      return {
        cancel: () => c.cancel(req.id),
        result: req.reply.then((ev) => (ev.type === 'scores' ? ev.results : undefined)),
      };
    },
    [client],
  );

  const importModel = useCallback(async (bundle: TextModelBundle) => {
    const ev = await client().request<'import'>({ type: 'import', bundle: cloneBundle(bundle) }).reply;
    bundleRef.current = bundle;
    hasModelRef.current = true;
    dispatch({ type: 'imported', model: { spec: ev.model, train: ev.train }, step: ev.step, history: ev.history, stats: ev.stats, vocab: ev.vocab });
  }, [client]);

  const debug = useCallback(async (action: DebugAction) => {
    // 'crash' is not in the protocol: text.worker.ts answers it before the session sees it.
    await client().request<'debug'>({ type: 'debug', action } as RequestBody<'debug'>).reply;
  }, [client]);

  // ───────────────────────────── recovery from a crashed worker or a lost device

  recoverRef.current = (kind, message, seq) => {
    void (async () => {
      const wasTraining = activePhaseRef.current === 'training';
      const bundle = bundleRef.current;
      const rebuild = !bundle && hasModelRef.current ? buildRef.current : undefined;
      const engine = recoveryEngine(reportRef.current, requestedRef.current);
      const alert = (recovery: SessionAlert['recovery']) => dispatch({ type: 'alert', alert: { kind, message, recovery } });
      const step = bundle?.sidecar.step;
      if (!budget.current.take(Date.now())) {
        alert({ status: 'gave-up', step });
        return;
      }
      alert({ status: 'restarting', step });
      await sleep(RECOVERY_DELAY_MS);
      // The user restarted it (or chose another engine) meanwhile: theirs wins.
      if (seq !== startSeq.current) return;
      const launching = launch(engine, bundle);
      const mine = startSeq.current; // launch numbers itself synchronously
      try {
        if (!(await launching)) return;
        if (rebuild) await build(rebuild);
        if (mine !== startSeq.current) return;
        const resumed = wasTraining && (bundle !== undefined || rebuild !== undefined);
        alert({ status: 'recovered', step, backend: reportRef.current?.backend, resumed });
        if (resumed) await train();
      } catch (err) {
        if (mine !== startSeq.current) return;
        if (err instanceof TextWorkerError && err.code === 'crashed') return; // the new worker crashed too: its own recovery runs
        alert({ status: 'failed', step, detail: err instanceof Error ? err.message : String(err) });
      }
    })();
  };

  const dismissAlert = useCallback(() => dispatch({ type: 'dismiss-alert' }), []);
  const lastBundle = useCallback(() => bundleRef.current, []);

  useEffect(() => () => clientRef.current?.terminate(), []);

  return useMemo(
    () => ({
      state,
      start,
      setCorpus,
      build,
      train,
      pause,
      stop,
      reset,
      setLearningRate,
      setSampleTemperature,
      generate,
      score,
      exportModel,
      importModel,
      lastBundle,
      debug,
      dismissAlert,
    }),
    [state, start, setCorpus, build, train, pause, stop, reset, setLearningRate, setSampleTemperature, generate, score, exportModel, importModel, lastBundle, debug, dismissAlert],
  );
}
