// Parameter updates for the from-scratch engine: plain SGD, momentum and Adam, with their state.
//
// Conventions (the same as tf.train.* so both engines follow one rule):
//   sgd:       θ ← θ − lr·g
//   momentum:  v ← μ·v + g;            θ ← θ − lr·v
//   adam:      m ← β1·m + (1−β1)·g;    v ← β2·v + (1−β2)·g²;   t ← t + 1
//              θ ← θ − lr · (m / (1−β1ᵗ)) / (sqrt(v / (1−β2ᵗ)) + ε)
import { zeroParams } from './params';
import type { MlpParams, TrainSettings } from './types';

export const DEFAULT_MOMENTUM = 0.9;
export const DEFAULT_BETA1 = 0.9;
export const DEFAULT_BETA2 = 0.999;
export const DEFAULT_ADAM_EPSILON = 1e-8;

const KEYS = ['W1', 'b1', 'W2', 'b2'] as const;

export class ScratchOptimizer {
  /** Momentum velocity or Adam first moment, same layout as the parameters. */
  private first: MlpParams | null = null;
  /** Adam second moment. */
  private second: MlpParams | null = null;
  /** Adam step count for the bias correction. */
  private t = 0;

  /** Forgets the accumulated state (velocity, moments). */
  reset(): void {
    this.first = null;
    this.second = null;
    this.t = 0;
  }

  /** θ ← update(θ, g). `grad` is the full gradient (data + L2, already scaled). */
  apply(params: MlpParams, grad: MlpParams, s: TrainSettings): void {
    const lr = s.learningRate;
    switch (s.optimizer) {
      case 'sgd':
        for (const key of KEYS) {
          const w = params[key];
          const g = grad[key];
          // Written as the tutorial's `W += -epsilon * dW` so the float64 results match it bit for bit.
          for (let i = 0; i < w.length; i++) w[i] += -lr * g[i];
        }
        return;
      case 'momentum': {
        const mu = s.momentum ?? DEFAULT_MOMENTUM;
        const vel = this.state(params, 'first');
        for (const key of KEYS) {
          const w = params[key];
          const g = grad[key];
          const v = vel[key];
          for (let i = 0; i < w.length; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * v[i];
          }
        }
        return;
      }
      case 'adam': {
        const b1 = s.beta1 ?? DEFAULT_BETA1;
        const b2 = s.beta2 ?? DEFAULT_BETA2;
        const eps = s.epsilon ?? DEFAULT_ADAM_EPSILON;
        const m1 = this.state(params, 'first');
        const m2 = this.state(params, 'second');
        this.t++;
        const c1 = 1 - Math.pow(b1, this.t);
        const c2 = 1 - Math.pow(b2, this.t);
        for (const key of KEYS) {
          const w = params[key];
          const g = grad[key];
          const m = m1[key];
          const v = m2[key];
          for (let i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
          }
        }
        return;
      }
    }
  }

  private state(params: MlpParams, which: 'first' | 'second'): MlpParams {
    let st = this[which];
    if (st === null || st.hidden !== params.hidden || st.classes !== params.classes) {
      st = zeroParams(params.hidden, params.classes);
      this[which] = st;
    }
    return st;
  }
}
