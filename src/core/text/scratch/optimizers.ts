// Elementwise gradient clipping and the optimisers of the from-scratch engine, over flat Float64Arrays.
//
// Clipping: every gradient entry is clamped to [−c, c], as min-char-rnn does (np.clip). This differs from
// the TensorFlow.js engines, which rescale the whole gradient when its global L2 norm exceeds c: elementwise
// clipping can change the gradient's direction, global-norm clipping only shortens it.
import type { TextOptimizer } from '../engine';

export function clipElementwise(g: Float64Array, c: number): void {
  if (!(c > 0)) return; // 0 (or less) disables clipping
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    if (v > c) g[i] = c;
    else if (v < -c) g[i] = -c;
  }
}

export interface ScratchOptimizer {
  readonly kind: TextOptimizer;
  learningRate: number;
  /** theta ← theta − update(grad); keeps its own state (Adagrad memory, Adam moments …). */
  step(theta: Float64Array, grad: Float64Array): void;
}

const EPS = 1e-8;

/** Adagrad, as in min-char-rnn: mem += g², θ −= lr·g / √(mem + 1e-8). */
class Adagrad implements ScratchOptimizer {
  readonly kind = 'adagrad';
  private readonly mem: Float64Array;
  constructor(public learningRate: number, size: number) {
    this.mem = new Float64Array(size);
  }
  step(theta: Float64Array, grad: Float64Array): void {
    const { mem, learningRate: lr } = this;
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i];
      mem[i] += g * g;
      theta[i] += (-lr * g) / Math.sqrt(mem[i] + EPS);
    }
  }
}

/** Plain gradient descent: θ −= lr·g. */
class Sgd implements ScratchOptimizer {
  readonly kind = 'sgd';
  constructor(public learningRate: number) {}
  step(theta: Float64Array, grad: Float64Array): void {
    const lr = this.learningRate;
    for (let i = 0; i < theta.length; i++) theta[i] -= lr * grad[i];
  }
}

/** RMSProp: ms = ρ·ms + (1−ρ)·g², θ −= lr·g / √(ms + ε), ρ = 0.9 (TensorFlow.js's default decay). */
class RmsProp implements ScratchOptimizer {
  readonly kind = 'rmsprop';
  private readonly ms: Float64Array;
  constructor(public learningRate: number, size: number, private readonly rho = 0.9) {
    this.ms = new Float64Array(size);
  }
  step(theta: Float64Array, grad: Float64Array): void {
    const { ms, rho, learningRate: lr } = this;
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i];
      ms[i] = rho * ms[i] + (1 - rho) * g * g;
      theta[i] -= (lr * g) / Math.sqrt(ms[i] + EPS);
    }
  }
}

/** Adam with bias correction: m, v moving averages of g and g² (β1 0.9, β2 0.999), θ −= lr·m̂ / (√v̂ + ε). */
class Adam implements ScratchOptimizer {
  readonly kind = 'adam';
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(public learningRate: number, size: number, private readonly beta1 = 0.9, private readonly beta2 = 0.999) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(theta: Float64Array, grad: Float64Array): void {
    const { m, v, beta1: b1, beta2: b2 } = this;
    this.t++;
    // Fold both bias corrections into the step size: lr·√(1−β2ᵗ)/(1−β1ᵗ).
    const lrT = (this.learningRate * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      theta[i] -= (lrT * m[i]) / (Math.sqrt(v[i]) + EPS);
    }
  }
}

export function createScratchOptimizer(kind: TextOptimizer, learningRate: number, size: number): ScratchOptimizer {
  switch (kind) {
    case 'adagrad':
      return new Adagrad(learningRate, size);
    case 'sgd':
      return new Sgd(learningRate);
    case 'rmsprop':
      return new RmsProp(learningRate, size);
    case 'adam':
      return new Adam(learningRate, size);
  }
}
