// TextEngine on TensorFlow.js: the layers model of model.ts trained by a custom loop.
//
// One training step (all on the device, inside one tf.tidy):
//   1. B window starts drawn in JS (seeded) — the only upload, B int32s. The corpus was uploaded once as an
//      int32 tensor; gather(tokens, start + [0..T]) cuts the [B, T+1] windows on the device (on the fused
//      WebGPU path one kernel each cuts x and y, time-major: ../webgpu/windowIds.ts).
//   2. x = windows[:, :T], y = windows[:, 1:]; logits through unrolled.ts's graph (fused WGSL kernels on
//      WebGPU); loss = mean sparse softmax cross-entropy (nats/char).
//   3. tf.variableGrads → clip by global norm: g ← g · c / max(‖g‖, c) with ‖g‖ = √Σ‖g_i‖² over all
//      weights → the optimiser's update (optimizer.ts: Adam on WebGPU is fused, ../webgpu/fusedAdam.ts).
// Windows start at independent random offsets and from a zero state, unless train.carryState: then row b
// reads lane b of the corpus window after window (corpusBatches.ts's lane cursor) and starts from the state
// row b's previous window ended in (kept between steps, no gradient through it; zeroed when the lanes wrap).
// The step's loss is summed on the device; it is read back (await data(), the only sync point) every
// `lossReadEvery` steps.
//
// Divergence: each read also checks ‖θ‖² is finite. A finite read makes the current weights the "last good"
// snapshot (clones that share the variables' data, so snapshots cost no copy); a NaN/Infinity read restores
// that snapshot, restarts the optimiser (its moments are poisoned too) and throws DivergedError.
import * as tf from '../../tf';
import { DivergedError, type CharStepper, type DivergenceRecovery, type TextEngine, type TextModelSpec, type TextTrainSpec, type TrainBurst } from '../engine';
import { EVAL_ROW, evalRowsPerPass } from '../evalPasses';
import { lrFactor } from '../lrSchedule';
import { seededRandom, type UniformRandom } from '../sampling';
import { meanCrossEntropy, sumCrossEntropy } from './loss';
import { buildTextModel, countParams, describeTextModel, type TextModelStructure } from './model';
import { cutWindows, drawWindowStarts, evalRowIds } from './batchIds';
import type { TfjsEngineOptions } from './engineOptions';
import { readLossAndNorm } from './lossProbe';
import { clippedTfjsOptimizer, createStepOptimizer, type StepOptimizer } from './optimizer';
import { oneHotOf } from './oneHot';
import { checkTrainSpec, checkTrainTokens } from './spec';
import { DeviceSampler } from './deviceSampler';
import { JsCharStepper, readStepperWeights } from './stepper';
import { createLaneCursor, type LaneCursor } from '../corpusBatches';
import { onWebGpu } from '../webgpu/program';
import { fusedCrossEntropy } from '../webgpu/softmaxCrossEntropy';
import { canUnroll, timeMajor, unrolledLogits, usesFusedKernels, type RecurrentState } from './unrolled';

export type { TfjsEngineOptions } from './engineOptions';

/** Carried state in and out of one training window (see unrolledLogits). */
interface CarryIO {
  initial: readonly RecurrentState[] | null;
  onFinal: (layer: number, state: RecurrentState) => void;
}

export class TfjsTextEngine implements TextEngine {
  readonly kind = 'tfjs' as const;
  readonly model: TextModelSpec;
  /** The LayersModel (saved by export.ts). */
  readonly net: tf.LayersModel;
  readonly params: number;
  private readonly structure: TextModelStructure;
  /** Whether training and evaluation use unrolled.ts (see loss()). */
  private readonly unrolled: boolean;
  private readonly vars: tf.Variable[];
  private spec: TextTrainSpec;
  private optimizer: StepOptimizer;
  private readonly rng: UniformRandom;
  private readonly windowStarts?: TfjsEngineOptions['windowStarts'];
  /** TfjsEngineOptions.fusedKernels (effective on the webgpu backend only: see usesFusedKernels). */
  readonly fusedKernels: boolean;
  private readonly makeOptimizer: (train: TextTrainSpec) => StepOptimizer;
  private readonly window: tf.Tensor2D; // [1, T+1]: 0, 1, …, T
  private tokens: tf.Tensor1D | null = null;
  private tokenCount = 0;
  private pendingSum: tf.Scalar | null = null;
  /** carryState: where each row reads next, and each layer's state after the previous window (null: zeros). */
  private lanes: LaneCursor | null = null;
  private carried: RecurrentState[] | null = null;
  private pendingCount = 0;
  private good: tf.Tensor[];
  private poison = false;
  private disposed = false;
  lossReadEvery: number;
  /** Optimisation steps taken. */
  steps = 0;

  constructor(net: tf.LayersModel, train: TextTrainSpec, trainTokens: Int32Array | null, options: TfjsEngineOptions = {}) {
    const problem = checkTrainSpec(train);
    if (problem) throw new RangeError(problem);
    if (trainTokens) checkTrainTokens(trainTokens, train.seqLength);
    this.net = net;
    this.structure = describeTextModel(net);
    this.model = this.structure.spec;
    this.unrolled = canUnroll(this.structure);
    this.params = countParams(net);
    this.spec = { ...train };
    this.vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
    this.fusedKernels = options.fusedKernels !== false;
    const custom = options.createOptimizer;
    this.makeOptimizer = custom ? (t) => clippedTfjsOptimizer(custom(t)) : (t) => createStepOptimizer(t, this.vars, this.fusedKernels);
    this.optimizer = this.makeOptimizer(this.spec);
    this.windowStarts = options.windowStarts;
    this.rng = seededRandom((train.seed ^ 0x9e3779b9) >>> 0);
    this.lossReadEvery = Math.max(1, Math.floor(options.lossReadEvery ?? 4));
    const T = train.seqLength;
    this.window = tf.tidy(() => tf.range(0, T + 1, 1, 'int32').reshape([1, T + 1]) as tf.Tensor2D);
    this.good = this.vars.map((v) => tf.clone(v));
    if (trainTokens) this.setTrainTokens(trainTokens);
  }

  get trainSpec(): TextTrainSpec {
    return { ...this.spec };
  }

  get paramCount(): number {
    return this.params;
  }

  setLossReadEvery(steps: number): void {
    this.lossReadEvery = Math.max(1, Math.floor(steps));
  }

  /** Uploads the new tokens; the engine stays the same. */
  withTrainTokens(tokens: Int32Array): TextEngine {
    this.setTrainTokens(tokens);
    return this;
  }

  /** train() has already restored the last good weights and restarted the optimiser (readLoss). */
  recoverFromDivergence(): DivergenceRecovery {
    return { engine: this, note: '' };
  }

  /** Replaces the training tokens (one upload). Needs at least seqLength + 1 tokens. */
  setTrainTokens(tokens: Int32Array): void {
    checkTrainTokens(tokens, this.spec.seqLength, this.model.vocabSize);
    this.tokens?.dispose();
    this.tokens = tf.tensor1d(tokens, 'int32');
    this.tokenCount = tokens.length;
    this.dropCarried();
    this.lanes = this.spec.carryState ? createLaneCursor(tokens.length, this.spec.batchSize, this.spec.seqLength) : null;
  }

  /** Forgets the carried state (the next window starts from zeros). */
  private dropCarried(): void {
    if (this.carried) for (const s of this.carried) tf.dispose([s.h, ...(s.c ? [s.c] : [])]);
    this.carried = null;
  }

  /** Model input for token ids [B, T]: the ids themselves (embedding) or their one-hot vectors. */
  private encodeInput(x: tf.Tensor): tf.Tensor {
    return this.model.input === 'embedding' ? x : oneHotOf(x, this.model.vocabSize).toFloat();
  }

  /**
   * Summed or mean cross-entropy of predicting y [B, T] from x [B, T] ([T, B] both with timeMajorIds, for
   * fusedGraph() only). Models unrolled.ts can express (ours always) run as its explicit time-major graph,
   * many times faster than the layers' generic RNN loop; any other imported model runs through its layers
   * (forward below).
   */
  private loss(x: tf.Tensor2D, y: tf.Tensor2D, training: boolean, reduce: 'mean' | 'sum', carry?: CarryIO, timeMajorIds = false): tf.Scalar {
    const crossEntropy = reduce === 'mean' ? meanCrossEntropy : sumCrossEntropy;
    if (this.unrolled) {
      const options = { fused: this.fusedKernels, initial: carry?.initial, onFinal: carry?.onFinal, timeMajorIds };
      const logits = unrolledLogits(this.structure, x, training, options);
      const targets = timeMajorIds ? (tf.reshape(y, [y.size]) as tf.Tensor1D) : timeMajor(y);
      // The fused WebGPU path also fuses the loss with its gradient (one kernel for both).
      return usesFusedKernels(options) ? fusedCrossEntropy(logits, targets, reduce) : crossEntropy(logits, targets);
    }
    if (carry) throw new Error('carried state needs a model unrolled.ts can express');
    return crossEntropy(this.forward(x, training), y);
  }

  /**
   * logits [B, T, V] for token ids x [B, T]. The Embedding layer's gather has a gradient (UnsortedSegmentSum)
   * that the WASM backend lacks; there the lookup is done as oneHot(x)·E instead — the same numbers, with a
   * matmul gradient — and the rest of the layer chain is applied as usual. Vocabularies are small, so the
   * one-hot matrix is cheap.
   */
  private forward(x: tf.Tensor2D, training: boolean): tf.Tensor {
    const embedding = this.structure.embedding;
    if (!embedding || tf.getKernel('UnsortedSegmentSum', tf.getBackend())) {
      return this.net.apply(this.encodeInput(x), { training }) as tf.Tensor;
    }
    const [B, T] = x.shape;
    const table = embedding.trainableWeights[0].read() as tf.Tensor2D; // [V, E]
    const oneHot = oneHotOf(tf.reshape(x, [B * T]) as tf.Tensor1D, this.model.vocabSize).toFloat();
    let h: tf.Tensor = tf.matMul(oneHot, table).reshape([B, T, table.shape[1]]);
    for (const layer of this.net.layers) {
      const cls = layer.getClassName();
      if (cls !== 'InputLayer' && cls !== 'Embedding') h = layer.apply(h, { training }) as tf.Tensor;
    }
    return h;
  }

  /** Whether a batch without carried state runs on the fused WebGPU kernels (then its ids may come time-major). */
  private fusedGraph(): boolean {
    return this.unrolled && usesFusedKernels({ fused: this.fusedKernels });
  }

  /** One optimisation step; returns its mean loss (a scalar the caller owns). */
  private step(): tf.Scalar {
    const tokens = this.tokens;
    if (!tokens) throw new Error('no training tokens: set a corpus first');
    const { batchSize: B, seqLength: T, clipNorm } = this.spec;
    let starts: Int32Array;
    let carry: CarryIO | undefined;
    const next: RecurrentState[] = [];
    if (this.lanes) {
      const lanes = this.lanes.next();
      if (lanes.resetState) this.dropCarried();
      starts = Int32Array.from(lanes.starts);
      carry = { initial: this.carried, onFinal: (l, state) => (next[l] = state) };
    } else {
      starts = drawWindowStarts(B, this.tokenCount - T, this.rng, this.windowStarts); // valid starts 0 … n−T−1
    }
    if (this.spec.lrSchedule) this.optimizer.setLearningRate(this.spec.learningRate * lrFactor(this.spec.lrSchedule, this.steps));
    const poison = this.poison;
    this.poison = false;
    // Fused: the windows cut time-major by one kernel each for x and y (windowIds.ts), not six ops.
    const timeMajorIds = !carry && this.fusedGraph();
    const value = tf.tidy(() => {
      const [x, y] = cutWindows(tokens, starts, T, this.window, timeMajorIds);
      const { value, grads } = tf.variableGrads(() => {
        const loss = this.loss(x, y, true, 'mean', carry, timeMajorIds);
        return poison ? (tf.mul(loss, NaN) as tf.Scalar) : loss;
      }, this.vars);
      this.optimizer.applyGradients(grads, clipNorm);
      return value;
    });
    if (carry) {
      this.dropCarried();
      this.carried = next;
    }
    return value;
  }

  async train(steps: number): Promise<TrainBurst> {
    this.assertLive();
    let readSum = 0;
    let reads = 0;
    for (let s = 0; s < steps; s++) {
      const loss = this.step();
      this.steps++;
      const sum: tf.Scalar = this.pendingSum ? tf.add(this.pendingSum, loss) : loss;
      if (this.pendingSum) {
        this.pendingSum.dispose();
        loss.dispose();
      }
      this.pendingSum = sum;
      this.pendingCount++;
      if (this.pendingCount >= this.lossReadEvery) {
        readSum += await this.readLoss();
        reads++;
      }
    }
    const { batchSize: B, seqLength: T } = this.spec;
    return { steps, chars: steps * B * T, loss: reads ? readSum / reads : undefined };
  }

  /** Reads the loss of the steps not read yet (undefined if none); may throw DivergedError. */
  async flushLoss(): Promise<number | undefined> {
    return this.pendingSum ? this.readLoss() : undefined;
  }

  private async readLoss(): Promise<number> {
    const sum = this.pendingSum;
    const count = this.pendingCount;
    if (!sum) throw new Error('no pending loss');
    this.pendingSum = null;
    this.pendingCount = 0;
    let loss: number;
    let weightNorm2: number;
    try {
      ({ loss, weightNorm2 } = await readLossAndNorm(sum, count, this.vars, this.fusedKernels && onWebGpu()));
    } finally {
      sum.dispose();
    }
    if (!Number.isFinite(loss) || !Number.isFinite(weightNorm2)) {
      this.rollback();
      throw new DivergedError(
        `The loss became ${Number.isNaN(loss) ? 'NaN' : loss} at step ${this.steps}; the weights were restored to the last good copy. Try a lower learning rate or a smaller clip norm.`,
      );
    }
    tf.dispose(this.good);
    this.good = this.vars.map((v) => tf.clone(v));
    return loss;
  }

  private rollback(): void {
    this.dropCarried();
    this.vars.forEach((v, i) => v.assign(this.good[i]));
    this.optimizer.dispose();
    this.optimizer = this.makeOptimizer(this.spec);
  }

  async evaluate(tokens: Int32Array): Promise<number> {
    this.assertLive();
    const targets = tokens.length - 1;
    if (targets < 1) return NaN;
    const L = Math.min(targets, EVAL_ROW);
    const fullRows = Math.floor(targets / L);
    const rest = targets - fullRows * L;
    let total = 0;
    const perPass = evalRowsPerPass(this.model.vocabSize); // bounds the memory of long evaluations
    for (let r0 = 0; r0 < fullRows; r0 += perPass) {
      total += await this.rowsLoss(tokens, r0 * L, Math.min(perPass, fullRows - r0), L);
    }
    if (rest > 0) total += await this.rowsLoss(tokens, fullRows * L, 1, rest);
    return total / targets;
  }

  /**
   * Summed loss predicting tokens[start+1 …] from rows of L consecutive tokens (state zero per row). On the
   * fused kernels the ids are laid out time-major here (id of row r, step t at t·rows + r): no transposes.
   */
  private async rowsLoss(tokens: Int32Array, start: number, rows: number, L: number): Promise<number> {
    const timeMajorIds = this.fusedGraph();
    const { x, y, shape } = evalRowIds(tokens, start, rows, L, timeMajorIds);
    const sum = tf.tidy(() => this.loss(tf.tensor2d(x, shape, 'int32'), tf.tensor2d(y, shape, 'int32'), false, 'sum', undefined, timeMajorIds));
    try {
      return (await sum.data())[0];
    } finally {
      sum.dispose();
    }
  }

  async stepper(): Promise<CharStepper> {
    this.assertLive();
    return new JsCharStepper(await readStepperWeights(this.net, this.structure));
  }

  /**
   * Generation that stays on the device (state and sampling as tensors, one read per character), for
   * comparison with stepper(); the caller disposes it, and it reads the live weights, so it must not
   * outlive this engine.
   */
  deviceSampler(): DeviceSampler {
    this.assertLive();
    return new DeviceSampler(this.structure);
  }

  setLearningRate(lr: number): void {
    if (!(lr > 0 && Number.isFinite(lr))) throw new RangeError(`learning rate must be a positive number, got ${lr}`);
    this.optimizer.setLearningRate(lr);
    this.spec.learningRate = lr;
  }

  resumeAtStep(step: number): void {
    this.steps = step;
  }

  /** Test hook: the next step's loss (hence gradients and weights) becomes NaN. */
  poisonNextStep(): void {
    this.poison = true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropCarried();
    tf.dispose([...this.good, this.window]);
    this.pendingSum?.dispose();
    this.tokens?.dispose();
    this.optimizer.dispose();
    this.net.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('the engine was disposed');
  }
}

/** Builds a fresh model (seeded by train.seed) and its training loop. `trainTokens` may be empty only if
 *  the engine will not train until setTrainTokens. */
export async function createTfjsTextEngine(
  spec: TextModelSpec,
  train: TextTrainSpec,
  trainTokens: Int32Array,
  options: TfjsEngineOptions = {},
): Promise<TfjsTextEngine> {
  const problem = checkTrainSpec(train);
  if (problem) throw new RangeError(problem);
  const net = buildTextModel(spec, train.seed);
  try {
    return new TfjsTextEngine(net, train, trainTokens.length ? trainTokens : null, options);
  } catch (err) {
    net.dispose();
    throw err;
  }
}
