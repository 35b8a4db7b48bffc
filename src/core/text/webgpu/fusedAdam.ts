// Gradient clipping by global norm + Adam on the WebGPU backend, as a handful of dispatches per step.
//
// The same update as the engine's tfjs path (tfjs/optimizer.ts's tf.train.adam(lr, 0.9, 0.999, 1e-7)
// after clipping g ← g · c / max(‖g‖, c), ‖g‖ = √Σ_i ‖g_i‖²), which TensorFlow.js runs as ~17 ops per
// variable (about 100 dispatches for the default model). Here, for k variables:
//   tensorSums    Σ g_i² per gradient                      ⌈k / 7⌉ dispatches   (only when clipping)
//   adamMoments   scale, m and v of every variable, in place  ⌈k / 6⌉ dispatches
//   adamWeights   each variable's new value                  k dispatches (one output per program)
// 8 dispatches for the default LSTM (6 variables). The variables stay tfjs Variables (assign takes each
// new tensor without a copy), so saving, export and the rest of the graph are unchanged.
// State, owned here: M = [m of every variable | v of every variable] (one zero-initialised float32 tensor,
// variable i at offset o_i in each half), and the float32 powers β1ᵗ, β2ᵗ, kept in JS with Math.fround
// exactly as tfjs keeps its accBeta scalars. A variable without a gradient is skipped (no moment decay),
// as tfjs does.
// Reference: tf.train.adam + the engine's clipping ops; check/optimizerChecks.ts compares the weights after
// several steps, clipping active and inactive, for every variable shape.
import * as tf from '../../tf';
import { updateMoments } from './adamMoments';
import { adamWeights } from './adamWeights';
import { tensorSums } from './tensorSums';

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export class FusedAdam {
  learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly offsets: number[] = [];
  private readonly moments: tf.Tensor1D;
  /** Read in place of the squares when not clipping (a kernel must bind every input). */
  private readonly noSquares: tf.Tensor1D;
  /** β1ᵗ and β2ᵗ for the next step t (float32 values, as tfjs's accBeta1/2). */
  private power1: number;
  private power2: number;
  private disposed = false;

  constructor(
    private readonly vars: readonly tf.Variable[],
    settings: AdamSettings,
  ) {
    this.learningRate = settings.learningRate;
    this.beta1 = settings.beta1;
    this.beta2 = settings.beta2;
    this.epsilon = settings.epsilon;
    let N = 0;
    for (const v of vars) {
      this.offsets.push(N);
      N += v.size;
    }
    this.moments = tf.keep(tf.zeros([2 * N]));
    this.noSquares = tf.keep(tf.zeros([1]));
    this.power1 = Math.fround(this.beta1);
    this.power2 = Math.fround(this.beta2);
  }

  /**
   * Clips (clipNorm > 0) and applies one step of gradients, keyed by variable name as tf.variableGrads
   * returns them. Call inside tf.tidy: the intermediate tensors are the caller scope's.
   */
  applyGradients(grads: tf.NamedTensorMap, clipNorm: number): void {
    if (this.disposed) throw new Error('the optimiser was disposed');
    const present = this.vars.map((v, i) => ({ v, i, g: grads[v.name] })).filter((p) => p.g);
    if (!present.length) return;
    const gs = present.map((p) => p.g);
    const squares = clipNorm > 0 ? tensorSums(gs) : null;
    updateMoments(this.moments, { grads: gs, offsets: present.map((p) => this.offsets[p.i]), squares, clip: clipNorm, beta1: this.beta1, beta2: this.beta2 }, this.noSquares);
    const step = {
      learningRate: this.learningRate,
      epsilon: this.epsilon,
      correction1: Math.fround(1 - this.power1),
      correction2: Math.fround(1 - this.power2),
    };
    for (const { v, i } of present) v.assign(adamWeights(v, this.moments, this.offsets[i], step));
    this.power1 = Math.fround(this.power1 * Math.fround(this.beta1));
    this.power2 = Math.fround(this.power2 * Math.fround(this.beta2));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.moments, this.noSquares]);
  }
}
