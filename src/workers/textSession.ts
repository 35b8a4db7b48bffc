// The Text worker's logic, free of worker globals so it runs in Node tests: give it a `post` callback and
// feed it requests with `handle`. The protocol is documented in textProtocol.ts.
//
// Concurrency model (one JS thread): `handle` never blocks on training. Training is a loop of short bursts
// (`stepsPerBurst` steps, then a yield to the event loop) so pause / cancel / generate are seen promptly.
// Foreground jobs (generate, score, export) hold a gate that makes the loop wait before its next burst, and
// every use of the engine goes through one mutex, so a weight snapshot never interleaves with an update.
import * as tf from '@tensorflow/tfjs';
import { validateCorpus } from '../core/text/corpus';
import type { TextEngine, TextModelSpec, TextTrainSpec } from '../core/text/engine';
import { generate, seededRandom, type UniformRandom } from '../core/text/sampling';
import { scoreText } from '../core/text/scoring';
import { ScratchRnnEngine } from '../core/text/scratch';
import type { LossPoint, TextModelBundle } from '../core/text/tfjs/bundle';
import { DivergedError, TfjsTextEngine } from '../core/text/tfjs/engine';
import { checkModelSpec, checkTrainSpec } from '../core/text/tfjs/spec';
import { vocabFromJson, vocabToJson } from '../core/text/tfjs/vocabJson';
import { decode, encode, type Vocab } from '../core/text/vocab';
import { prepareCorpus, sameVocab, type PreparedCorpus } from './textCorpusState';
import { createEngine, exportEngine, importEngine, rebuildScratch, type EngineKind } from './textEngines';
import {
  DEFAULT_LOOP_OPTIONS,
  type BackendReport,
  type DoneReason,
  type EngineChoice,
  type LineScore,
  type LoopOptions,
  type SessionPhase,
  type TextErrorCode,
  type TextEvent,
  type TextRequest,
  type DebugRequest,
} from './textProtocol';
import { ForegroundGate, Mutex, SessionError, ThroughputMeter } from './textSessionUtil';

export type PostFn = (event: TextEvent, transfer?: Transferable[]) => void;

export interface TextSessionDeps {
  /** Activates a backend (backend.ts's selectBackend with the page's wasm paths bound). */
  selectBackend(choice: EngineChoice, onDeviceLost: (message: string) => void): Promise<BackendReport>;
  /** Milliseconds, monotonic (default performance.now). */
  now?: () => number;
  /** Lets queued messages run (default setTimeout 0; the worker passes a MessageChannel-based one). */
  yieldToEvents?: () => Promise<void>;
}

interface Run {
  id: number;
  maxSteps?: number;
  stepsDone: number;
  stop?: DoneReason;
  finished: Promise<void>;
}

const GENERATE_CHUNK = 32;
const SAMPLE_CHUNK = 50;
const MAX_HISTORY = 4000;
const MAX_GENERATE = 10000;
const MAX_SCORE_LINES = 2000;

export class TextSession {
  private readonly post: PostFn;
  private readonly deps: TextSessionDeps;
  private readonly now: () => number;
  private readonly yieldToEvents: () => Promise<void>;
  private readonly lock = new Mutex();
  private readonly foreground = new ForegroundGate();
  private readonly meter = new ThroughputMeter();
  private readonly cancelled = new Set<number>();
  private readonly rng: UniformRandom = seededRandom((Date.now() ^ 0x2545f491) >>> 0);

  private report?: BackendReport;
  private phase: SessionPhase = 'uninitialised';
  private corpus?: PreparedCorpus;
  private engine?: TextEngine;
  private modelSpec?: TextModelSpec;
  private trainSpec?: TextTrainSpec;
  /** The model's vocabulary (the corpus's, or an imported model's). */
  private vocab?: Vocab;
  private minCount = 1;
  /** Training tokens encoded with the model's vocabulary, when usable for training. */
  private trainTokens?: Int32Array;
  private validTokens?: Int32Array;
  private options: LoopOptions = { ...DEFAULT_LOOP_OPTIONS };
  private run?: Run;
  private poisonScratch = false;
  /** Last weights of the scratch engine known to be finite (it keeps no snapshot of its own). */
  private scratchGood?: { weights: ReturnType<ScratchRnnEngine['weights']>; at: number };

  // Training record of the current model.
  private step = 0;
  private elapsedMs = 0;
  private smooth?: number;
  /** Exponential moving average of the loss reads, started at 0 and debiased by 1 − βⁿ (as Adam does) so
   *  the smoothed curve does not lag behind the first reads. */
  private smoothAcc = 0;
  private smoothReads = 0;
  private rawLoss?: number;
  private validLoss?: number;
  private validStep?: number;
  private history: LossPoint[] = [];
  private sampleId = 0;

  constructor(post: PostFn, deps: TextSessionDeps) {
    this.post = post;
    this.deps = deps;
    this.now = deps.now ?? (() => performance.now());
    this.yieldToEvents = deps.yieldToEvents ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /** Handles one request; never rejects (failures become `error` events). */
  async handle(request: TextRequest): Promise<void> {
    try {
      await this.dispatch(request);
    } catch (err) {
      this.postError(err, request.type === 'cancel' ? undefined : request.id);
    }
  }

  private async dispatch(r: TextRequest): Promise<void> {
    if (!r || typeof r !== 'object' || typeof r.type !== 'string') throw new SessionError('bad-request', 'malformed request');
    if (r.type !== 'cancel' && !Number.isFinite(r.id)) throw new SessionError('bad-request', `request ${r.type} has no id`);
    switch (r.type) {
      case 'init':
        return this.init(r.id, r.engine);
      case 'cancel':
        return this.cancel(r.id);
      case 'debug':
        return this.debug(r.id, r.action);
    }
    if (!this.report) throw new SessionError('not-initialised', 'Send init first.');
    if (this.phase === 'lost' && r.type !== 'set-corpus' && r.type !== 'set-options') {
      throw new SessionError('device-lost', 'The GPU device was lost: choose a backend again (init).');
    }
    switch (r.type) {
      case 'set-corpus':
        return this.setCorpus(r.id, r.text, r.vocab, r.validFraction);
      case 'build':
        return this.build(r.id, r.model, r.train);
      case 'train':
      case 'resume':
        return this.startTraining(r.id, r.maxSteps);
      case 'pause':
        await this.stopRun('paused');
        return this.reply(r.id);
      case 'stop':
        return this.stop(r.id);
      case 'reset':
        return this.reset(r.id);
      case 'set-lr':
        return this.setLearningRate(r.id, r.learningRate);
      case 'set-options':
        return this.setOptions(r.id, r.options);
      case 'generate':
        return this.generate(r.id, r.prime, r.length, r.temperature, r.seed);
      case 'score':
        return this.score(r.id, r.lines);
      case 'export':
        return this.exportModel(r.id);
      case 'import':
        return this.importModel(r.id, r.bundle);
      default:
        throw new SessionError('bad-request', `unknown request type ${String((r as { type: unknown }).type)}`);
    }
  }

  // ──────────────────────────────────────────────── init / corpus / model

  private kind(): EngineKind {
    return this.report?.engine === 'scratch' ? 'scratch' : 'tfjs';
  }

  private async init(id: number, choice: EngineChoice): Promise<void> {
    const valid: EngineChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu', 'scratch'];
    if (!valid.includes(choice)) throw new SessionError('bad-request', `unknown engine ${String(choice)}`);
    await this.stopRun('cancelled');
    // Carry a TensorFlow.js model across a backend switch: save it, switch, load it back.
    let carry: TextModelBundle | undefined;
    const nextKind: EngineKind = choice === 'scratch' ? 'scratch' : 'tfjs';
    if (this.engine && this.phase !== 'lost' && this.kind() === nextKind && nextKind === 'tfjs') {
      carry = await this.lock.run(() => this.exportBundle());
    }
    await this.dropModel();
    let report: BackendReport;
    try {
      report = await this.deps.selectBackend(choice, (message) => this.deviceLost(message));
    } catch (err) {
      this.report = undefined;
      this.setPhase('uninitialised');
      throw new SessionError('backend-failed', (err as Error).message);
    }
    this.report = report;
    this.setPhase('empty');
    if (carry) {
      try {
        await this.restore(carry);
      } catch {
        // The model could not move (e.g. a backend limit); the page still has its saved copies.
      }
    }
    this.post({ type: 'ready', id, report });
    if (this.engine) this.setPhase('ready');
  }

  private async setCorpus(id: number, text: string, options: { lowercase: boolean; minCount: number }, validFraction: number): Promise<void> {
    if (this.run) throw new SessionError('busy', 'Pause training before changing the corpus.');
    const prepared = prepareCorpus(text, { lowercase: options?.lowercase === true, minCount: options?.minCount ?? 1 }, validFraction);
    let modelKept = false;
    if (this.engine && this.vocab && sameVocab(prepared.vocab, this.vocab)) {
      modelKept = true;
      this.corpus = prepared;
      await this.useCorpusTokens();
    } else {
      await this.dropModel();
      this.corpus = prepared;
      this.vocab = prepared.vocab;
      this.minCount = prepared.options.minCount;
      this.trainTokens = prepared.train;
      this.validTokens = prepared.valid;
      if (this.phase !== 'lost') this.setPhase('empty');
    }
    this.post({ type: 'corpus', id, stats: prepared.stats, vocab: vocabToJson(prepared.vocab, prepared.options.minCount), modelKept });
  }

  /** Points the model at the held corpus (encoded with the model's vocabulary). Returns the stats. */
  private async useCorpusTokens(): Promise<PreparedCorpus['stats'] | undefined> {
    const c = this.corpus;
    const vocab = this.vocab;
    if (!c || !vocab) return undefined;
    const encoded = sameVocab(c.vocab, vocab) ? c : prepareCorpus(c.text, { lowercase: vocab.lowercase, minCount: this.minCount }, c.validFraction, vocab);
    this.trainTokens = encoded.train;
    this.validTokens = encoded.valid;
    const engine = this.engine;
    const T = this.trainSpec?.seqLength ?? Infinity;
    if (engine && encoded.train.length > T) {
      await this.lock.run(() => {
        if (engine instanceof TfjsTextEngine) engine.setTrainTokens(encoded.train);
        else if (engine instanceof ScratchRnnEngine && this.trainSpec) {
          try {
            this.engine = rebuildScratch(engine, this.trainSpec, encoded.train);
            engine.dispose();
          } catch {
            // Too short for the scratch engine's lanes: training will report it (checkTrainable).
          }
        }
      });
    }
    return encoded.stats;
  }

  private checkTrainable(train: TextTrainSpec): void {
    const tokens = this.trainTokens;
    if (!this.corpus || !tokens) throw new SessionError('no-corpus', 'Set a corpus first.');
    const text = this.corpus.text;
    const problem = validateCorpus(text, train.seqLength);
    if (problem) throw new SessionError('bad-corpus', problem);
    const need = this.kind() === 'scratch' ? train.batchSize * (train.seqLength + 1) : train.seqLength + 1;
    if (tokens.length < need) {
      throw new SessionError(
        'bad-corpus',
        `The training part of the corpus has ${tokens.length} characters; a window of ${train.seqLength}${this.kind() === 'scratch' ? ` in ${train.batchSize} lanes` : ''} needs ${need}. Add text, or shorten the window.`,
      );
    }
  }

  private async build(id: number, settings: Omit<TextModelSpec, 'vocabSize'>, train: TextTrainSpec): Promise<void> {
    if (this.run) throw new SessionError('busy', 'Pause training before building a new model.');
    if (!this.corpus) throw new SessionError('no-corpus', 'Set a corpus first.');
    await this.dropModel();
    // A new model always uses the corpus's own vocabulary (an imported model's may differ).
    this.vocab = this.corpus.vocab;
    this.minCount = this.corpus.options.minCount;
    this.trainTokens = this.corpus.train;
    this.validTokens = this.corpus.valid;
    const spec: TextModelSpec = { ...settings, vocabSize: this.vocab.chars.length };
    const problem = checkModelSpec(spec) ?? checkTrainSpec(train);
    if (problem) throw new SessionError('bad-request', problem);
    this.checkTrainable(train);
    await this.installEngine(await createEngine(this.kind(), spec, train, this.trainTokens), spec, train);
    this.post({
      type: 'built',
      id,
      model: spec,
      train: { ...train },
      params: this.paramCount(),
      baselineLoss: Math.log(spec.vocabSize),
    });
    this.setPhase('ready');
  }

  private paramCount(): number {
    const e = this.engine;
    if (e instanceof TfjsTextEngine) return e.params;
    const s = this.modelSpec;
    return s ? s.hidden * s.vocabSize * 2 + s.hidden * s.hidden + s.hidden + s.vocabSize : 0;
  }

  private async installEngine(engine: TextEngine, spec: TextModelSpec, train: TextTrainSpec): Promise<void> {
    this.engine = engine;
    this.modelSpec = { ...spec };
    this.trainSpec = { ...train };
    if (engine instanceof TfjsTextEngine) engine.lossReadEvery = this.options.lossReadEvery;
    this.step = 0;
    this.elapsedMs = 0;
    this.smooth = this.rawLoss = this.validLoss = this.validStep = undefined;
    this.smoothAcc = 0;
    this.smoothReads = 0;
    this.history = [];
    this.scratchGood = undefined;
    this.meter.reset();
  }

  private async dropModel(): Promise<void> {
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

  private async reset(id: number): Promise<void> {
    const spec = this.requireModel();
    const train = this.trainSpec as TextTrainSpec;
    await this.stopRun('cancelled');
    this.checkTrainable(train);
    const tokens = this.trainTokens as Int32Array;
    await this.dropModel();
    await this.installEngine(await createEngine(this.kind(), spec, train, tokens), spec, train);
    this.reply(id);
    this.setPhase('ready');
  }

  private requireModel(): TextModelSpec {
    if (!this.engine || !this.modelSpec) throw new SessionError('no-model', 'Build or load a model first.');
    return this.modelSpec;
  }

  // ──────────────────────────────────────────────── training

  private startTraining(id: number, maxSteps?: number): void {
    this.requireModel();
    if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps > 0)) {
      throw new SessionError('bad-request', `maxSteps must be a positive whole number, got ${maxSteps}`);
    }
    if (this.run) {
      // Supersede: the running loop continues under the new id.
      this.post({ type: 'done', id: this.run.id, reason: 'superseded' });
      this.run.id = id;
      this.run.maxSteps = maxSteps === undefined ? undefined : this.run.stepsDone + maxSteps;
      return;
    }
    this.checkTrainable(this.trainSpec as TextTrainSpec);
    const run: Run = { id, maxSteps, stepsDone: 0, finished: Promise.resolve() };
    this.run = run;
    this.setPhase('training');
    run.finished = this.trainingLoop(run);
  }

  /** Ends the current run (if any) with `reason` and waits until its loop has exited. */
  private async stopRun(reason: DoneReason): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.stop ??= reason;
    await run.finished;
  }

  private async stop(id: number): Promise<void> {
    this.requireModel();
    await this.stopRun('stopped');
    // Final validation loss over the whole held-out part.
    const valid = this.validTokens;
    const engine = this.engine;
    if (engine && valid && valid.length >= 2) {
      const loss = await this.lock.run(() => engine.evaluate(valid));
      if (Number.isFinite(loss)) {
        this.validLoss = loss;
        this.validStep = this.step;
        this.recordPoint(true);
        this.postProgress();
      }
    }
    this.setPhase('stopped');
    this.reply(id);
  }

  private async trainingLoop(run: Run): Promise<void> {
    let reason: DoneReason = 'paused';
    let lastEval = -Infinity;
    // Validation may be slow (a software GPU takes seconds): keep it under ~20% of the time by waiting at
    // least four times its last duration before the next one.
    let evalGap = this.options.evalEveryMs;
    let lastSample = this.now();
    let lastProgress = -Infinity;
    const now0 = this.now;
    try {
      for (;;) {
        if (run.stop) break;
        if (run.maxSteps !== undefined && run.stepsDone >= run.maxSteps) {
          reason = 'limit';
          break;
        }
        await this.foreground.idle();
        if (run.stop) break;
        const engine = this.engine;
        if (!engine) throw new SessionError('no-model', 'the model went away during training');
        const steps = Math.max(1, Math.min(this.options.stepsPerBurst, (run.maxSteps ?? Infinity) - run.stepsDone));
        const t0 = this.now();
        const burst = await this.lock.run(() => engine.train(steps));
        const dt = this.now() - t0;
        if (this.engine !== engine || this.phase === 'lost') break;
        this.elapsedMs += dt;
        this.meter.add(dt, burst.chars);
        run.stepsDone += burst.steps;
        this.step += burst.steps;
        let loss = burst.loss;
        if (this.poisonScratch && loss !== undefined) {
          this.poisonScratch = false;
          loss = NaN;
        }
        if (loss !== undefined) {
          if (!Number.isFinite(loss)) throw new DivergedError(`The loss became ${loss} at step ${this.step}. Try a lower learning rate.`);
          this.rawLoss = loss;
          if (engine instanceof ScratchRnnEngine && (!this.scratchGood || now0() - this.scratchGood.at > 500)) {
            const weights = engine.weights();
            const finite = [weights.Wxh, weights.Whh, weights.Why].every((m) => m.every((row) => row.every(Number.isFinite)));
            if (finite && weights.bh.every(Number.isFinite) && weights.by.every(Number.isFinite)) this.scratchGood = { weights, at: now0() };
          }
          const beta = this.options.smoothing;
          this.smoothAcc = beta * this.smoothAcc + (1 - beta) * loss;
          this.smoothReads += 1;
          this.smooth = this.smoothAcc / (1 - beta ** this.smoothReads);
        }
        const now = this.now();
        let evaluated = false;
        const valid = this.validTokens;
        if (this.options.evalEveryMs > 0 && valid && valid.length >= 2 && now - lastEval >= evalGap) {
          const slice = valid.subarray(0, Math.max(2, this.options.evalChars + 1));
          const v = await this.lock.run(() => engine.evaluate(slice));
          lastEval = this.now();
          evalGap = Math.max(this.options.evalEveryMs, 4 * (lastEval - now));
          if (Number.isFinite(v)) {
            this.validLoss = v;
            this.validStep = this.step;
            evaluated = true;
          }
        }
        if (evaluated || (loss !== undefined && now - lastProgress >= this.options.progressEveryMs)) {
          lastProgress = now;
          if (this.smooth !== undefined) this.recordPoint(evaluated);
          this.postProgress();
        }
        if (this.options.sampleEveryMs > 0 && now - lastSample >= this.options.sampleEveryMs) {
          await this.streamSample(run);
          lastSample = this.now();
        }
        await this.yieldToEvents();
      }
      reason = run.stop ?? reason;
    } catch (err) {
      if (err instanceof DivergedError) {
        reason = 'diverged';
        if (this.engine instanceof ScratchRnnEngine) {
          const rolledBack = await this.rollbackScratch();
          this.post({
            type: 'error',
            code: 'diverged',
            message: `${err.message} ${rolledBack ? 'The weights were restored to the last good copy.' : 'The model was re-initialised.'}`,
          });
        } else {
          this.post({ type: 'error', code: 'diverged', message: err.message });
        }
      } else {
        reason = 'error';
        if (this.phase !== 'lost') this.postError(err, undefined);
      }
    } finally {
      if (this.run === run) this.run = undefined;
      this.post({ type: 'done', id: run.id, reason });
      if (this.phase !== 'lost') {
        // 'stopped' is set by stop() after its final evaluation; everything else leaves the model paused.
        if (reason !== 'stopped' && this.engine) this.setPhase('paused');
        if (!this.engine) this.setPhase('empty');
      }
    }
  }

  /** Replaces a diverged scratch engine by one on its last finite weights (or fresh ones); true if restored. */
  private async rollbackScratch(): Promise<boolean> {
    const spec = this.modelSpec;
    const train = this.trainSpec;
    const tokens = this.trainTokens;
    const old = this.engine;
    if (!spec || !train || !tokens || !old) return false;
    const good = this.scratchGood?.weights;
    const engine = new ScratchRnnEngine(spec, train, tokens, good ? { init: good } : {});
    await this.lock.run(() => old.dispose());
    this.engine = engine;
    return good !== undefined;
  }

  private recordPoint(withValid: boolean): void {
    if (this.smooth === undefined) return;
    const point: LossPoint = { step: this.step, train: this.smooth, elapsedMs: Math.round(this.elapsedMs) };
    if (withValid && this.validLoss !== undefined) point.valid = this.validLoss;
    const last = this.history[this.history.length - 1];
    if (last && last.step === point.step) this.history[this.history.length - 1] = { ...last, ...point };
    else this.history.push(point);
    if (this.history.length > MAX_HISTORY) {
      // Thin the older half, keeping every validation point.
      const half = this.history.length >> 1;
      this.history = [...this.history.slice(0, half).filter((p, i) => i % 2 === 0 || p.valid !== undefined), ...this.history.slice(half)];
    }
  }

  private postProgress(): void {
    const mem = tf.memory();
    this.post({
      type: 'progress',
      step: this.step,
      loss: this.smooth ?? NaN,
      rawLoss: this.rawLoss ?? NaN,
      validLoss: this.validLoss,
      validStep: this.validStep,
      charsPerSec: this.meter.perSecond(),
      elapsedMs: this.elapsedMs,
      tensors: mem.numTensors,
      bytes: mem.numBytes,
      learningRate: this.trainSpec?.learningRate ?? NaN,
    });
  }

  /** A periodic sample while training, streamed in pieces (the run's stop request cuts it short). */
  private async streamSample(run: Run): Promise<void> {
    const engine = this.engine;
    const vocab = this.vocab;
    if (!engine || !vocab) return;
    const sampleId = ++this.sampleId;
    const step = this.step;
    const stepper = await this.lock.run(() => engine.stepper());
    let prime = this.primeTokens(this.options.samplePrime, vocab, this.rng);
    let left = this.options.sampleLength;
    while (left > 0 && !run.stop) {
      const n = Math.min(SAMPLE_CHUNK, left);
      const out = generate(stepper, prime, n, this.options.sampleTemperature, this.rng);
      left -= n;
      prime = [out[out.length - 1]];
      this.post({ type: 'sample', sampleId, step, text: decode(out, vocab), done: left === 0 });
      if (left > 0) await this.yieldToEvents();
    }
    if (left > 0) this.post({ type: 'sample', sampleId, step, text: '', done: true });
  }

  private primeTokens(prime: string, vocab: Vocab, rng: UniformRandom): number[] {
    const tokens = prime ? Array.from(encode(prime, vocab, { missing: 'skip' })) : [];
    if (tokens.length) return tokens;
    const source = this.trainTokens;
    if (source && source.length) return [source[Math.floor(rng.next() * source.length)]];
    return [vocab.index.get('\n') ?? Math.floor(rng.next() * vocab.chars.length)];
  }

  private setLearningRate(id: number, lr: number): void {
    this.requireModel();
    if (!(lr > 0 && Number.isFinite(lr))) throw new SessionError('bad-request', `learning rate must be a positive number, got ${lr}`);
    (this.engine as TextEngine).setLearningRate(lr);
    (this.trainSpec as TextTrainSpec).learningRate = lr;
    this.reply(id);
    this.postState();
  }

  private setOptions(id: number, options: Partial<LoopOptions>): void {
    const next: LoopOptions = { ...this.options };
    const o = options ?? {};
    const num = (key: keyof LoopOptions, lo: number, hi: number, integer = false) => {
      const v = o[key];
      if (v === undefined) return;
      if (typeof v !== 'number' || !(v >= lo && v <= hi) || (integer && !Number.isInteger(v))) {
        throw new SessionError('bad-request', `${key} must be ${integer ? 'a whole number ' : ''}in [${lo}, ${hi}], got ${String(v)}`);
      }
      (next[key] as number) = v;
    };
    num('stepsPerBurst', 1, 1000, true);
    num('lossReadEvery', 1, 1000, true);
    num('progressEveryMs', 0, 60_000);
    num('sampleEveryMs', 0, 600_000);
    num('sampleLength', 1, MAX_GENERATE, true);
    num('sampleTemperature', 0, 2);
    num('evalEveryMs', 0, 600_000);
    num('evalChars', 1, 10_000_000, true);
    num('smoothing', 0, 0.9999);
    if (o.samplePrime !== undefined) {
      if (typeof o.samplePrime !== 'string') throw new SessionError('bad-request', 'samplePrime must be a string');
      next.samplePrime = o.samplePrime;
    }
    this.options = next;
    if (this.engine instanceof TfjsTextEngine) this.engine.lossReadEvery = next.lossReadEvery;
    this.reply(id);
  }

  // ──────────────────────────────────────────────── generate / score

  private async generate(id: number, prime: string, length: number, temperature: number, seed?: number): Promise<void> {
    this.requireModel();
    if (!(Number.isInteger(length) && length >= 1 && length <= MAX_GENERATE)) {
      throw new SessionError('bad-request', `length must be a whole number in 1–${MAX_GENERATE}, got ${length}`);
    }
    if (!(temperature >= 0 && temperature <= 2)) throw new SessionError('bad-request', `temperature must be in [0, 2], got ${temperature}`);
    if (typeof prime !== 'string') throw new SessionError('bad-request', 'prime must be a string');
    const engine = this.engine as TextEngine;
    const vocab = this.vocab as Vocab;
    await this.foreground.run(async () => {
      const stepper = await this.lock.run(() => engine.stepper());
      const rng = seed === undefined ? this.rng : seededRandom(seed);
      let tokens = this.primeTokens(prime, vocab, rng);
      let left = length;
      while (left > 0) {
        if (this.cancelled.delete(id)) {
          this.post({ type: 'done', id, reason: 'cancelled' });
          return;
        }
        const n = Math.min(GENERATE_CHUNK, left);
        const out = generate(stepper, tokens, n, temperature, rng);
        tokens = [out[out.length - 1]];
        left -= n;
        this.post({ type: 'chunk', id, text: decode(out, vocab) });
        await this.yieldToEvents();
      }
      this.cancelled.delete(id);
      this.post({ type: 'done', id, reason: 'complete' });
    });
  }

  private async score(id: number, lines: string[]): Promise<void> {
    this.requireModel();
    if (!Array.isArray(lines) || lines.length > MAX_SCORE_LINES || !lines.every((l) => typeof l === 'string')) {
      throw new SessionError('bad-request', `lines must be an array of at most ${MAX_SCORE_LINES} strings`);
    }
    const engine = this.engine as TextEngine;
    const vocab = this.vocab as Vocab;
    await this.foreground.run(async () => {
      const stepper = await this.lock.run(() => engine.stepper());
      const newline = vocab.index.get('\n');
      const results: LineScore[] = [];
      let sinceYield = 0;
      for (const line of lines) {
        if (this.cancelled.delete(id)) {
          this.post({ type: 'done', id, reason: 'cancelled' });
          return;
        }
        const body = encode(line, vocab, { missing: 'skip' });
        const tokens = newline === undefined ? body : Int32Array.of(newline, ...body);
        const s = scoreText(stepper, tokens, vocab);
        const nats = -s.totalLogLik;
        const perChar = s.scored > 0 ? nats / s.scored : NaN;
        const missing = [...new Set([...(vocab.lowercase ? line.toLowerCase() : line)].filter((ch) => !vocab.index.has(ch)))];
        results.push({
          line,
          chars: s.scored,
          nats,
          natsPerChar: perChar,
          bitsPerChar: perChar / Math.LN2,
          perplexity: Math.exp(perChar),
          missing,
          perChar: s.perChar.map((c) => ({ char: c.char, surprise: c.surprise, top: c.top.slice(0, 3) })),
        });
        sinceYield += tokens.length;
        if (sinceYield > 2000) {
          sinceYield = 0;
          await this.yieldToEvents();
        }
      }
      this.cancelled.delete(id);
      this.post({ type: 'scores', id, results });
    });
  }

  private cancel(id: number): void {
    if (this.run && this.run.id === id) this.run.stop ??= 'cancelled';
    else this.cancelled.add(id);
    // Unknown ids are forgotten after a while so the set cannot grow without bound.
    if (this.cancelled.size > 100) this.cancelled.delete(this.cancelled.values().next().value as number);
  }

  // ──────────────────────────────────────────────── export / import

  private exportBundle(): Promise<TextModelBundle> {
    const engine = this.engine as TextEngine;
    const vocab = this.vocab as Vocab;
    return exportEngine(engine, this.trainSpec as TextTrainSpec, {
      vocab: vocabToJson(vocab, this.minCount),
      step: this.step,
      history: this.history,
    });
  }

  private async exportModel(id: number): Promise<void> {
    this.requireModel();
    const bundle = await this.foreground.run(() => this.lock.run(() => this.exportBundle()));
    this.post({ type: 'exported', id, bundle }, [bundle.weights]);
  }

  /** Installs the model of a bundle (re-encoding the held corpus with its vocabulary). */
  private async restore(bundle: TextModelBundle): Promise<PreparedCorpus['stats'] | undefined> {
    const sidecarVocab = (bundle as { sidecar?: { vocab?: unknown } } | null)?.sidecar?.vocab;
    // Encode the corpus with the model's vocabulary before building the engine (it needs the tokens).
    let vocab: Vocab | undefined;
    let tokens: Int32Array | null = null;
    let stats: PreparedCorpus['stats'] | undefined;
    let valid: Int32Array | undefined;
    try {
      vocab = vocabFromJson(sidecarVocab as Parameters<typeof vocabFromJson>[0]);
    } catch {
      vocab = undefined; // importEngine reports the malformed vocabulary precisely
    }
    if (vocab && this.corpus) {
      const c = this.corpus;
      const encoded = prepareCorpus(c.text, { lowercase: vocab.lowercase, minCount: 1 }, c.validFraction, vocab);
      tokens = encoded.train;
      valid = encoded.valid;
      stats = encoded.stats;
    }
    const { engine, sidecar } = await importEngine(this.kind(), bundle, tokens);
    await this.dropModel();
    await this.installEngine(engine, sidecar.model, sidecar.train);
    this.vocab = vocabFromJson(sidecar.vocab);
    this.minCount = sidecar.vocab.minCount ?? 1;
    this.trainTokens = tokens && tokens.length > sidecar.train.seqLength ? tokens : undefined;
    this.validTokens = valid;
    this.step = sidecar.step;
    this.history = sidecar.history;
    const last = sidecar.history[sidecar.history.length - 1];
    this.smooth = last?.train;
    // Resume the average where it stood: as if after many reads, so no debiasing applies.
    this.smoothAcc = last?.train ?? 0;
    this.smoothReads = last ? Infinity : 0;
    this.elapsedMs = last?.elapsedMs ?? 0;
    const lastValid = [...sidecar.history].reverse().find((p) => p.valid !== undefined);
    this.validLoss = lastValid?.valid;
    this.validStep = lastValid?.step;
    return stats;
  }

  private async importModel(id: number, bundle: TextModelBundle): Promise<void> {
    if (this.run) throw new SessionError('busy', 'Pause training before loading a model.');
    const stats = await this.restore(bundle);
    this.post({
      type: 'imported',
      id,
      model: { ...(this.modelSpec as TextModelSpec) },
      train: { ...(this.trainSpec as TextTrainSpec) },
      vocab: vocabToJson(this.vocab as Vocab, this.minCount),
      step: this.step,
      history: this.history.map((p) => ({ ...p })),
      stats,
    });
    this.setPhase('ready');
  }

  // ──────────────────────────────────────────────── faults

  private async debug(id: number, action: DebugRequest['action']): Promise<void> {
    switch (action) {
      case 'throw':
        throw new Error('debug: deliberate failure inside the worker');
      case 'crash':
        // text.worker.ts answers this one (it must crash the worker, not the session); in tests, a failure.
        throw new Error('debug: crash requested outside a worker');
      case 'lose-device':
        this.reply(id);
        await this.deviceLost('simulated by a debug request');
        return;
      case 'diverge':
        this.requireModel();
        if (this.engine instanceof TfjsTextEngine) this.engine.poisonNextStep();
        else this.poisonScratch = true;
        this.reply(id);
        return;
      default:
        throw new SessionError('bad-request', `unknown debug action ${String(action)}`);
    }
  }

  private async deviceLost(message: string): Promise<void> {
    if (this.phase === 'lost') return;
    this.setPhase('lost');
    const run = this.run;
    if (run) {
      run.stop ??= 'error';
      await run.finished;
    }
    await this.dropModel();
    this.post({ type: 'error', code: 'device-lost', message: `${message}.` });
  }

  // ──────────────────────────────────────────────── plumbing

  private reply(id: number): void {
    this.post({ type: 'ok', id });
  }

  private setPhase(phase: SessionPhase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.postState();
  }

  private postState(): void {
    this.post({ type: 'state', phase: this.phase, step: this.step, learningRate: this.trainSpec?.learningRate });
  }

  private postError(err: unknown, id: number | undefined): void {
    let code: TextErrorCode = 'internal';
    if (err instanceof SessionError) code = err.code;
    else if (err instanceof DivergedError) code = 'diverged';
    else if ((err as { code?: unknown } | null)?.code === 'bad-model-file') code = 'bad-model-file';
    const message = err instanceof Error ? err.message : String(err);
    this.post(id === undefined ? { type: 'error', code, message } : { type: 'error', id, code, message });
  }
}
