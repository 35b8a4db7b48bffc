// The page's "From scratch (JavaScript)" engine: a one-layer vanilla RNN with hand-written BPTT on
// Float64Arrays, no TensorFlow.js. With batch 1, Adagrad and clip 5 it is min-char-rnn exactly.
//
// Choices, where min-char-rnn has no batch:
//  • Gradient = sum over the window's time steps (as min-char-rnn), mean over the batch's sequences, so
//    batch 1 reproduces the reference and larger batches do not scale the step size.
//  • Reported loss = mean nats per predicted character (the window sum divided by B·T).
//  • Batches are 'sequential' by default: each row reads its own lane of the corpus and carries its hidden
//    state across steps (truncated BPTT, as min-char-rnn); 'random' windows start from zero state.
//  • Clipping is elementwise to [−clip, clip] (train.clipNorm), as min-char-rnn's np.clip — unlike the
//    TensorFlow.js engines, which clip the global gradient norm. 0 disables it.
//  • Divergence: a NaN/Infinity loss is returned, not thrown. The engine keeps a copy of its last finite
//    weights (taken after a finite burst, at most every GOOD_COPY_EVERY_MS); recoverFromDivergence() rebuilds
//    the engine on that copy (fresh optimiser state and batches), or on fresh weights if there is none.
import type { DivergenceRecovery, TextEngine, TextModelSpec, TextTrainSpec, TrainBurst } from '../engine';
import { createBatchSampler, type BatchMode, type BatchSampler } from '../corpusBatches';
import { seededRandom } from '../sampling';
import { lrFactor } from '../lrSchedule';
import { clipElementwise, createScratchOptimizer, type ScratchOptimizer } from './optimizers';
import { hiddenStep, outputStep } from './rnnCell';
import {
  createRnnParams,
  initRnnParams,
  paramsFromNested,
  paramsToNested,
  type NestedRnnWeights,
  type RnnParams,
} from './rnnParams';
import { RnnStepper } from './rnnStepper';
import { RnnWindow } from './rnnWindow';

export interface ScratchEngineOptions {
  /** Starting weights (copied). Default: min-char-rnn's N(0, 0.01²) weights and zero biases, from train.seed. */
  init?: RnnParams | NestedRnnWeights;
  /** Window order; default 'sequential' (min-char-rnn). */
  batches?: BatchMode;
  /**
   * The batches to train on, instead of a sampler over the training tokens (then `batches` is ignored). Its
   * batchSize and seqLength must match the training spec. Lets a test feed this engine exactly the windows
   * another engine sees.
   */
  sampler?: BatchSampler;
}

/** Why the scratch engine cannot run `spec`, or null. */
export function scratchUnsupported(spec: TextModelSpec): string | null {
  if (spec.cell !== 'rnn') return `the from-scratch engine implements the vanilla RNN only, not ${spec.cell.toUpperCase()}`;
  if (spec.layers !== 1) return `the from-scratch engine has one layer, not ${spec.layers}`;
  if (spec.input !== 'onehot') return 'the from-scratch engine takes one-hot input, not an embedding';
  if (spec.dropout !== 0) return 'the from-scratch engine has no dropout';
  return null;
}

/** Least time between two copies of the last finite weights (a copy is cheap, but not free at H = 1024). */
const GOOD_COPY_EVERY_MS = 500;

export class ScratchRnnEngine implements TextEngine {
  readonly kind = 'scratch';
  readonly model: TextModelSpec;
  private readonly trainSpec: TextTrainSpec;
  private readonly trainTokens: Int32Array;
  private readonly params: RnnParams;
  private readonly grad: RnnParams;
  private readonly window: RnnWindow;
  private readonly optimizer: ScratchOptimizer;
  private readonly sampler: BatchSampler;
  /** Carried hidden state of each batch row, B×H. */
  private readonly state: Float64Array;
  private disposed = false;
  /** Optimisation steps taken (the learning-rate schedule's clock). */
  private stepsTaken = 0;
  /** θ at the last finite burst, and when it was copied (performance.now()). */
  private goodTheta?: Float64Array;
  private goodAt = -Infinity;

  constructor(spec: TextModelSpec, train: TextTrainSpec, trainTokens: Int32Array, options: ScratchEngineOptions = {}) {
    const problem = scratchUnsupported(spec);
    if (problem) throw new Error(problem);
    const H = spec.hidden;
    const V = spec.vocabSize;
    this.model = { ...spec };
    this.trainSpec = { ...train };
    this.trainTokens = trainTokens;

    const init = options.init;
    if (init === undefined) this.params = initRnnParams(H, V, seededRandom(train.seed));
    else if ('theta' in init) this.params = createRnnParams(init.hidden, init.vocab, init.theta.slice());
    else this.params = paramsFromNested(init);
    if (this.params.hidden !== H || this.params.vocab !== V) {
      throw new RangeError(`initial weights are ${this.params.hidden} hidden × ${this.params.vocab} vocab, the model is ${H} × ${V}`);
    }
    for (let i = 0; i < trainTokens.length; i++) {
      if (!(trainTokens[i] >= 0 && trainTokens[i] < V)) throw new RangeError(`training token ${trainTokens[i]} at ${i} is outside the vocabulary (size ${V})`);
    }

    this.grad = createRnnParams(H, V);
    this.window = new RnnWindow(H, V, train.seqLength);
    this.optimizer = createScratchOptimizer(train.optimizer, train.learningRate, this.params.theta.length);
    if (options.sampler && (options.sampler.batchSize !== train.batchSize || options.sampler.seqLength !== train.seqLength)) {
      throw new RangeError(`the sampler makes ${options.sampler.batchSize}×${options.sampler.seqLength} batches, the training spec wants ${train.batchSize}×${train.seqLength}`);
    }
    this.sampler = options.sampler ?? createBatchSampler(trainTokens, {
      batchSize: train.batchSize,
      seqLength: train.seqLength,
      mode: options.batches ?? 'sequential',
      rng: seededRandom(train.seed ^ 0x5bd1e995),
    });
    this.state = new Float64Array(train.batchSize * H);
  }

  async train(steps: number): Promise<TrainBurst> {
    this.assertLive();
    const { batchSize: B, seqLength: T, clipNorm } = this.trainSpec;
    const H = this.params.hidden;
    const g = this.grad.theta;
    let lossSum = 0;
    for (let s = 0; s < steps; s++) {
      if (this.trainSpec.lrSchedule) this.optimizer.learningRate = this.trainSpec.learningRate * lrFactor(this.trainSpec.lrSchedule, this.stepsTaken);
      this.stepsTaken++;
      const batch = this.sampler.next();
      if (batch.resetState) this.state.fill(0);
      g.fill(0);
      let loss = 0;
      for (let b = 0; b < B; b++) {
        loss += this.window.run(this.params, batch.inputs, batch.targets, b * T, T, this.state.subarray(b * H, (b + 1) * H), this.grad);
      }
      if (B > 1) for (let i = 0; i < g.length; i++) g[i] /= B;
      clipElementwise(g, clipNorm);
      this.optimizer.step(this.params.theta, g);
      lossSum += loss / (B * T);
    }
    if (steps > 0 && Number.isFinite(lossSum)) this.keepGoodCopy();
    return steps > 0 ? { steps, chars: steps * B * T, loss: lossSum / steps } : { steps: 0, chars: 0 };
  }

  async evaluate(tokens: Int32Array): Promise<number> {
    this.assertLive();
    return evaluateRnn(this.params, tokens);
  }

  async stepper(): Promise<RnnStepper> {
    this.assertLive();
    return new RnnStepper(this.params);
  }

  setLearningRate(lr: number): void {
    this.optimizer.learningRate = lr;
    this.trainSpec.learningRate = lr;
  }

  resumeAtStep(step: number): void {
    this.stepsTaken = step;
  }

  get paramCount(): number {
    return this.params.theta.length;
  }

  /** The loss is known after every step: nothing to schedule. */
  setLossReadEvery(): void {}

  /** A new engine on the current weights (its batch lanes are cut from the new tokens). */
  withTrainTokens(tokens: Int32Array): TextEngine {
    return new ScratchRnnEngine(this.model, this.trainSpec, tokens, { init: this.weights() });
  }

  recoverFromDivergence(): DivergenceRecovery {
    const good = this.goodTheta;
    const init = good ? createRnnParams(this.params.hidden, this.params.vocab, good.slice()) : undefined;
    const engine = new ScratchRnnEngine(this.model, this.trainSpec, this.trainTokens, init ? { init } : {});
    return { engine, note: good ? 'The weights were restored to the last good copy.' : 'The model was re-initialised.' };
  }

  /** Copies θ as the last good weights when it is all finite (at most every GOOD_COPY_EVERY_MS). */
  private keepGoodCopy(): void {
    const now = performance.now();
    if (this.goodTheta && now - this.goodAt <= GOOD_COPY_EVERY_MS) return;
    const theta = this.params.theta;
    if (!theta.every(Number.isFinite)) return;
    this.goodTheta ??= new Float64Array(theta.length);
    this.goodTheta.set(theta);
    this.goodAt = now;
  }

  /** A copy of the current weights in min-char-rnn's shapes. */
  weights(): NestedRnnWeights {
    return paramsToNested(this.params);
  }

  dispose(): void {
    this.disposed = true;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('this engine has been disposed');
  }
}

/** Mean nats per character predicting tokens[1…] from tokens[…n−1], zero start state; NaN below 2 tokens. */
export function evaluateRnn(params: RnnParams, tokens: Int32Array): number {
  if (tokens.length < 2) return NaN;
  let h = new Float64Array(params.hidden);
  let hNext = new Float64Array(params.hidden);
  const probs = new Float64Array(params.vocab);
  let loss = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    hiddenStep(params, tokens[i], h, 0, hNext, 0);
    [h, hNext] = [hNext, h];
    outputStep(params, h, 0, probs, 0);
    loss -= Math.log(probs[tokens[i + 1]]);
  }
  return loss / (tokens.length - 1);
}
