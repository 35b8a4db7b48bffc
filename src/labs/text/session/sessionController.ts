// The page's side of a Text training session, without React: owns the worker client, starts it on an engine
// (moving a model's weights along when asked), keeps the corpus and the last exported weights (the checkpoint:
// taken every 30 s while training and whenever a run ends) on the page, and turns worker events into reducer
// actions. When the worker crashes or loses its GPU device, a new one is started on the same backend from the
// checkpoint, and training carries on if it was running (policy in recovery.ts). On Auto, before training a
// model shape for the first time in a worker, it asks the worker to measure the backends (or to reuse the
// choice kept in IndexedDB for that shape, autoChoiceStore.ts) and keeps what was measured.
// useTextSession wraps it.
import type { Dispatch } from 'react';
import { CHECKPOINT_EVERY_MS } from '../../../core/checkpoints';
import { autoShapeKey } from '../../../core/text/autoBackend';
import type { TextModelSpec, TextTrainSpec } from '../../../core/text/engine';
import type { BackendReport, ChunkEvent, DoneReason, EngineChoice, SessionPhase, TextModelBundle } from '../../../workers/textProtocol';
import type { LabSettings } from '../settings/labSettings';
import { indexedDbAutoChoices, type AutoChoiceStore } from './autoChoiceStore';
import { RECOVERY_DELAY_MS, RecoveryBudget, recoveryEngine } from './recovery';
import { cloneBundle, eventToAction, loopOptionsFor } from './sessionEvents';
import type { SessionAction, SessionAlert } from './sessionState';
import type { CorpusInput, DebugAction, GenerateHandle, TextSessionCommands, TextSessionOptions } from './textSessionApi';
import { spawnTextWorker, TextWorkerError, type RequestBody, type TextWorkerClient } from './textWorkerClient';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Methods are arrow-function fields: each is bound once, so the page can pass them around as they are. */
export class TextSessionController implements TextSessionCommands {
  private client: TextWorkerClient | undefined;
  private corpus: CorpusInput | undefined;
  private bundle: TextModelBundle | undefined;
  /** Settings of the last `build`: a model that never reached a checkpoint is rebuilt from them (same seed,
   *  same initial weights) after a crash. */
  private built: LabSettings | undefined;
  private hasModel = false;
  /** Numbers each start: events and replies from a worker that a later start replaced are ignored. */
  private startSeq = 0;
  private report: BackendReport | undefined;
  private requested: EngineChoice = 'auto';
  /** The last phase other than 'lost': whether training was running when the device went away. */
  private activePhase: SessionPhase = 'uninitialised';
  private readonly budget = new RecoveryBudget();
  /** autoShapeKey of the model shape Auto last settled in this worker (measured or reused). */
  private autoKey: string | undefined;
  private autoStore: AutoChoiceStore | undefined;

  /** `options` is read at each use, so the page may pass new callbacks on every render. */
  constructor(
    private readonly dispatch: Dispatch<SessionAction>,
    private readonly options: () => TextSessionOptions,
  ) {}

  private worker(): TextWorkerClient {
    const c = this.client;
    if (!c || !c.alive) throw new TextWorkerError('crashed', 'The training worker is not running. Restart it from the message above.');
    return c;
  }

  /** Stops the worker (the page is going away). */
  terminate = (): void => this.client?.terminate();

  exportModel = async (): Promise<TextModelBundle> => {
    const { bundle } = await this.worker().request<'export'>({ type: 'export' }).reply;
    this.bundle = bundle;
    this.options().onCheckpoint?.(bundle, this.activePhase === 'training');
    return bundle;
  };

  /** Starts a worker; resolves true when it is ready (and has the corpus and bundle), false when another
   *  start replaced it meanwhile. */
  private launch = async (engine: EngineChoice, bundle?: TextModelBundle): Promise<boolean> => {
    const seq = ++this.startSeq;
    this.client?.terminate();
    this.requested = engine;
    this.report = undefined;
    this.autoKey = undefined;
    this.activePhase = 'uninitialised';
    this.dispatch({ type: 'starting', engine });
    const c = spawnTextWorker({
      onEvent: (event) => {
        if (seq !== this.startSeq) return;
        if (event.type === 'state' && event.phase !== 'lost') this.activePhase = event.phase;
        const action = eventToAction(event);
        if (action) this.dispatch(action);
        if (event.type === 'error' && event.code === 'device-lost') this.recover('device-lost', event.message, seq);
      },
      onCrash: (message) => {
        if (seq !== this.startSeq) return;
        this.dispatch({ type: 'crashed', message });
        this.recover('crashed', message, seq);
      },
    });
    this.client = c;
    let ready;
    let fallbackNote: string | undefined;
    try {
      ready = await c.request<'init'>({ type: 'init', engine, wasmThreads: this.options().wasmThreads }).reply;
    } catch (err) {
      if (!(err instanceof TextWorkerError) || err.code !== 'backend-failed' || engine === 'auto') throw err;
      // An explicit backend that cannot start falls back to the best one that can, and the status says so.
      ready = await c.request<'init'>({ type: 'init', engine: 'auto', wasmThreads: this.options().wasmThreads }).reply;
      fallbackNote = `${engine === 'scratch' ? 'From scratch' : engine.toUpperCase()} unavailable: ${err.message} → using ${ready.report.backend.toUpperCase()}`;
    }
    if (seq !== this.startSeq) return false;
    this.report = ready.report;
    this.dispatch({ type: 'ready', report: ready.report, fallbackNote });
    await c.request<'set-options'>({ type: 'set-options', options: loopOptionsFor(ready.report) }).reply;
    const autoTimings = this.options().autoTimings;
    if (autoTimings) await c.request<'debug'>({ type: 'debug', action: 'auto-timings', auto: autoTimings }).reply;
    const corpus = this.corpus;
    if (corpus) {
      const ev = await c.request<'set-corpus'>({ type: 'set-corpus', text: corpus.text, vocab: corpus.vocab, validFraction: corpus.validFraction }).reply;
      if (seq !== this.startSeq) return false;
      this.dispatch({ type: 'corpus', stats: ev.stats, vocab: ev.vocab, modelKept: ev.modelKept });
    }
    this.hasModel = false;
    if (bundle) {
      const ev = await c.request<'import'>({ type: 'import', bundle: cloneBundle(bundle) }).reply;
      if (seq !== this.startSeq) return false;
      this.bundle = bundle;
      this.hasModel = true;
      this.dispatch({ type: 'imported', model: { spec: ev.model, train: ev.train }, step: ev.step, history: ev.history, stats: ev.stats, vocab: ev.vocab });
    }
    return seq === this.startSeq;
  };

  start = async (engine: EngineChoice, bundle?: TextModelBundle): Promise<void> => {
    await this.launch(engine, bundle);
  };

  setCorpus = async (input: CorpusInput) => {
    const ev = await this.worker().request<'set-corpus'>({ type: 'set-corpus', ...input }).reply;
    this.corpus = input;
    this.dispatch({ type: 'corpus', stats: ev.stats, vocab: ev.vocab, modelKept: ev.modelKept });
    if (!ev.modelKept) {
      this.bundle = undefined;
      this.built = undefined;
      this.hasModel = false;
    }
    return ev;
  };

  build = async (settings: LabSettings): Promise<void> => {
    const ev = await this.worker().request<'build'>({ type: 'build', model: settings.model, train: settings.train }).reply;
    this.bundle = undefined;
    this.built = settings;
    this.hasModel = true;
    this.dispatch({ type: 'built', model: { spec: ev.model, train: ev.train, params: ev.params, baselineLoss: ev.baselineLoss } });
  };

  /**
   * On Auto (a TensorFlow.js backend), before training `model`: the first time this worker trains its shape,
   * the worker measures the hardware backends and moves to the fastest — or reuses the choice kept for the
   * shape, unless `again`. Elsewhere a no-op. Resolves false when the measuring was cancelled.
   */
  settleAuto = async (model: TextModelSpec, train: TextTrainSpec, again = false): Promise<boolean> => {
    if (this.requested !== 'auto' || this.report?.engine !== 'tfjs') return true;
    const key = autoShapeKey({ ...model, ...train });
    if (!again && key === this.autoKey) return true;
    const seq = this.startSeq;
    this.autoStore ??= this.options().autoChoices ?? indexedDbAutoChoices();
    const store = this.autoStore;
    const cached = again ? undefined : await store.get(key);
    const c = this.worker();
    const { vocabSize: _vocab, ...settings } = model;
    try {
      const ev = await c.request<'auto-backend'>({ type: 'auto-backend', model: settings, train, cached }).reply;
      if (ev.type === 'done' || seq !== this.startSeq) {
        this.dispatch({ type: 'auto-ended' });
        return false;
      }
      this.report = ev.report;
      this.autoKey = key;
      this.dispatch({ type: 'auto-chosen', choice: ev.choice, reused: ev.reused, report: ev.report });
      await c.request<'set-options'>({ type: 'set-options', options: loopOptionsFor(ev.report) }).reply;
      if (!ev.reused && ev.choice.measurements.length > 0) await store.put(ev.choice);
      return true;
    } catch (err) {
      this.dispatch({ type: 'auto-ended' });
      throw err;
    }
  };

  train = async (): Promise<DoneReason> => {
    const c = this.worker();
    const req = c.request<'train'>({ type: 'train' });
    // Keep a recent copy of the weights on the page while training, so a crash loses at most a little.
    const every = this.options().checkpointEveryMs ?? CHECKPOINT_EVERY_MS;
    let last = Date.now();
    const checkpoint = () => {
      last = Date.now();
      this.exportModel().catch(() => undefined);
    };
    const timer = setInterval(checkpoint, every);
    // A hidden tab's timers are throttled (to once a minute, or less), but the worker trains on at full speed:
    // checkpoint when the tab is hidden, and on return if the throttled timer fell behind.
    const doc = typeof document !== 'undefined' ? document : undefined;
    const onVisibility = () => {
      if (doc?.visibilityState === 'hidden' || Date.now() - last >= every) checkpoint();
    };
    doc?.addEventListener('visibilitychange', onVisibility);
    try {
      const done = await req.reply;
      return done.reason;
    } finally {
      clearInterval(timer);
      doc?.removeEventListener('visibilitychange', onVisibility);
      if (c.alive) await this.exportModel().catch(() => undefined);
    }
  };

  private simple = async (type: 'pause' | 'stop' | 'reset'): Promise<void> => {
    await this.worker().request<typeof type>({ type }).reply;
  };

  pause = (): Promise<void> => this.simple('pause');
  stop = (): Promise<void> => this.simple('stop');
  reset = async (): Promise<void> => {
    await this.simple('reset');
    this.bundle = undefined;
    this.dispatch({ type: 'clear-history' });
  };

  setLearningRate = async (learningRate: number): Promise<void> => {
    await this.worker().request<'set-lr'>({ type: 'set-lr', learningRate }).reply;
  };

  setSampleTemperature = async (sampleTemperature: number): Promise<void> => {
    await this.worker().request<'set-options'>({ type: 'set-options', options: { sampleTemperature } }).reply;
  };

  generate = (prime: string, length: number, temperature: number, onText: (text: string) => void): GenerateHandle => {
    const c = this.worker();
    const req = c.request<'generate'>({ type: 'generate', prime, length, temperature }, (e: ChunkEvent) => onText(e.text));
    return { cancel: () => c.cancel(req.id), done: req.reply.then((d) => d.reason) };
  };

  score = (lines: string[]) => {
    const c = this.worker();
    const req = c.request<'score'>({ type: 'score', lines });
    return {
      cancel: () => c.cancel(req.id),
      result: req.reply.then((ev) => (ev.type === 'scores' ? ev.results : undefined)),
    };
  };

  importModel = async (bundle: TextModelBundle): Promise<void> => {
    const ev = await this.worker().request<'import'>({ type: 'import', bundle: cloneBundle(bundle) }).reply;
    this.bundle = bundle;
    this.hasModel = true;
    this.dispatch({ type: 'imported', model: { spec: ev.model, train: ev.train }, step: ev.step, history: ev.history, stats: ev.stats, vocab: ev.vocab });
  };

  debug = async (action: DebugAction): Promise<void> => {
    // 'crash' is not in the protocol: text.worker.ts answers it before the session sees it.
    await this.worker().request<'debug'>({ type: 'debug', action } as RequestBody<'debug'>).reply;
  };

  inspect: TextSessionCommands['inspect'] = async (body) => this.worker().request<'inspect'>({ type: 'inspect', ...body }).reply;

  timeGradients: TextSessionCommands['timeGradients'] = async (body) => this.worker().request<'time-gradients'>({ type: 'time-gradients', ...body }).reply;

  race: TextSessionCommands['race'] = (body, onProgress) => {
    const c = this.worker();
    const req = c.request<'race'>({ type: 'race', ...body }, undefined, onProgress);
    return { cancel: () => c.cancel(req.id), result: req.reply.then((ev) => (ev.type === 'race-result' ? ev : undefined)) };
  };

  lastBundle = (): TextModelBundle | undefined => this.bundle;
  dismissAlert = (): void => this.dispatch({ type: 'dismiss-alert' });

  /** Restarts after a fault of the worker started as number `seq`, within the recovery budget. */
  private recover(kind: 'crashed' | 'device-lost', message: string, seq: number): void {
    void (async () => {
      const wasTraining = this.activePhase === 'training';
      const bundle = this.bundle;
      const rebuild = !bundle && this.hasModel ? this.built : undefined;
      const engine = recoveryEngine(this.report, this.requested);
      const alert = (recovery: SessionAlert['recovery']) => this.dispatch({ type: 'alert', alert: { kind, message, recovery } });
      const step = bundle?.sidecar.step;
      if (!this.budget.take(Date.now())) {
        alert({ status: 'gave-up', step });
        return;
      }
      alert({ status: 'restarting', step });
      await sleep(RECOVERY_DELAY_MS);
      // The user restarted it (or chose another engine) meanwhile: theirs wins.
      if (seq !== this.startSeq) return;
      const launching = this.launch(engine, bundle);
      const mine = this.startSeq; // launch numbers itself synchronously
      try {
        if (!(await launching)) return;
        if (rebuild) await this.build(rebuild);
        if (mine !== this.startSeq) return;
        const resumed = wasTraining && (bundle !== undefined || rebuild !== undefined);
        alert({ status: 'recovered', step, backend: this.report?.backend, resumed });
        if (resumed) await this.train();
      } catch (err) {
        if (mine !== this.startSeq) return;
        if (err instanceof TextWorkerError && err.code === 'crashed') return; // the new worker crashed too: its own recovery runs
        alert({ status: 'failed', step, detail: err instanceof Error ? err.message : String(err) });
      }
    })();
  }
}
