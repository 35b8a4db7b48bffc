// What the parts of the Text worker's session share: the backend report, the phase, the corpus, the model
// slot (engine, settings, vocabulary, tokens), the training record, the loop options, and the plumbing to
// post events. The jobs (modelLifecycle.ts, trainingLoop.ts, foregroundJobs.ts) act on one SessionContext;
// session.ts dispatches requests to them.
//
// Two guards keep the engine consistent on one JS thread: every use of the engine goes through `lock` (so a
// weight snapshot never interleaves with an update), and foreground jobs hold `foreground`, which the
// training loop waits on before each burst.
import { DEFAULT_LOOP_OPTIONS, type LoopOptions } from '../../core/text/defaults';
import { DivergedError, type EngineKind, type TextEngine, type TextModelSpec, type TextTrainSpec } from '../../core/text/engine';
import { seededRandom, type UniformRandom } from '../../core/text/sampling';
import type { Vocab } from '../../core/text/vocab';
import type { BackendReport, EngineChoice, SessionPhase, TextErrorCode, TextEvent } from '../textProtocol';
import type { PreparedCorpus } from './corpus';
import { ForegroundGate, Mutex, SessionError, ThroughputMeter } from './sessionUtil';
import { TrainingRecord } from './trainingRecord';

export type PostFn = (event: TextEvent, transfer?: Transferable[]) => void;

export interface TextSessionDeps {
  /** Activates a backend (backend.ts's selectBackend with the page's wasm paths bound); `strict`: an explicit
   *  backend that cannot start throws instead of falling back; `wasmThreads` as in the init request. */
  selectBackend(choice: EngineChoice, onDeviceLost: (message: string) => void, strict?: boolean, wasmThreads?: number): Promise<BackendReport>;
  /** Milliseconds, monotonic (default performance.now). */
  now?: () => number;
  /** Lets queued messages run (default setTimeout 0; the worker passes a MessageChannel-based one). */
  yieldToEvents?: () => Promise<void>;
}

export class SessionContext {
  readonly post: PostFn;
  readonly selectBackend: TextSessionDeps['selectBackend'];
  readonly now: () => number;
  readonly yieldToEvents: () => Promise<void>;
  readonly lock = new Mutex();
  readonly foreground = new ForegroundGate();
  readonly meter = new ThroughputMeter();
  readonly record = new TrainingRecord();
  readonly rng: UniformRandom = seededRandom((Date.now() ^ 0x2545f491) >>> 0);
  /** Ids of generate / score requests cancelled before they looked. */
  readonly cancelled = new Set<number>();

  report?: BackendReport;
  /** WASM threads the last `init` asked for (InitRequest.wasmThreads), kept for Auto's backend switches. */
  wasmThreads?: number;
  phase: SessionPhase = 'uninitialised';
  corpus?: PreparedCorpus;
  options: LoopOptions = { ...DEFAULT_LOOP_OPTIONS };

  // The model slot.
  engine?: TextEngine;
  modelSpec?: TextModelSpec;
  trainSpec?: TextTrainSpec;
  /** The model's vocabulary (the corpus's, or an imported model's). */
  vocab?: Vocab;
  minCount = 1;
  /** Training tokens encoded with the model's vocabulary, when usable for training. */
  trainTokens?: Int32Array;
  validTokens?: Int32Array;

  constructor(post: PostFn, deps: TextSessionDeps) {
    this.post = post;
    this.selectBackend = deps.selectBackend;
    this.now = deps.now ?? (() => performance.now());
    this.yieldToEvents = deps.yieldToEvents ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /** The engine family of the active backend. */
  kind(): EngineKind {
    return this.report?.engine === 'scratch' ? 'scratch' : 'tfjs';
  }

  requireModel(): TextModelSpec {
    if (!this.engine || !this.modelSpec) throw new SessionError('no-model', 'Build or load a model first.');
    return this.modelSpec;
  }

  /** Makes `engine` the current model with an empty training record. */
  installEngine(engine: TextEngine, spec: TextModelSpec, train: TextTrainSpec): void {
    this.engine = engine;
    this.modelSpec = { ...spec };
    this.trainSpec = { ...train };
    engine.setLossReadEvery(this.options.lossReadEvery);
    this.record.reset();
    this.meter.reset();
  }

  /** Swaps in an engine on the same model (new tokens, or a rollback) and disposes the old one. */
  async replaceEngine(next: TextEngine): Promise<void> {
    const old = this.engine;
    this.engine = next;
    next.setLossReadEvery(this.options.lossReadEvery);
    if (old && old !== next) await this.lock.run(() => old.dispose());
  }

  /** Disposes the current engine (if any); the vocabulary and tokens stay. */
  async dropModel(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    this.modelSpec = undefined;
    if (engine) {
      await this.lock.run(() => {
        try {
          engine.dispose();
        } catch {
          // A lost device can make disposal throw; the engine is gone either way.
        }
      });
    }
  }

  /** Uses the corpus's own vocabulary and tokens (a new model, or a new corpus that drops the model). */
  useCorpusVocab(corpus: PreparedCorpus): void {
    this.vocab = corpus.vocab;
    this.minCount = corpus.options.minCount;
    this.trainTokens = corpus.train;
    this.validTokens = corpus.valid;
  }

  reply(id: number): void {
    this.post({ type: 'ok', id });
  }

  setPhase(phase: SessionPhase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.postState();
  }

  postState(): void {
    this.post({ type: 'state', phase: this.phase, step: this.record.step, learningRate: this.trainSpec?.learningRate });
  }

  postError(err: unknown, id: number | undefined): void {
    let code: TextErrorCode = 'internal';
    if (err instanceof SessionError) code = err.code;
    else if (err instanceof DivergedError) code = 'diverged';
    else if ((err as { code?: unknown } | null)?.code === 'bad-model-file') code = 'bad-model-file';
    const message = err instanceof Error ? err.message : String(err);
    this.post(id === undefined ? { type: 'error', code, message } : { type: 'error', id, code, message });
  }
}
