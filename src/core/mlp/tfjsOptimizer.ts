// The parameter updates of scratchOptimizer.ts written with TensorFlow.js ops on tf.variables, so both
// engines follow one rule (these are also the rules of tf.train.sgd / momentum / adam):
//   sgd:       θ ← θ − lr·g
//   momentum:  v ← μ·v + g;            θ ← θ − lr·v
//   adam:      m ← β1·m + (1−β1)·g;    v ← β2·v + (1−β2)·g²;   θ ← θ − lr·m̂ / (sqrt(v̂) + ε)
// Writing them out (instead of calling tf.train.*) keeps the state ours: a learning-rate change keeps it,
// an optimizer change drops it, exactly like the from-scratch engine.
import * as tf from '../tf';
import { DEFAULT_ADAM_EPSILON, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_MOMENTUM } from './scratchOptimizer';
import type { TrainSettings } from './types';

export class TfjsOptimizer {
  /** Momentum velocity or Adam first moment, one per trained variable. */
  private first: tf.Variable[] | null = null;
  private second: tf.Variable[] | null = null;
  private t = 0;

  /** Applies one update; call inside tf.tidy (the gradients and temporaries are disposed by it). */
  apply(vars: tf.Variable[], grads: tf.Tensor[], s: TrainSettings): void {
    const lr = s.learningRate;
    switch (s.optimizer) {
      case 'sgd':
        vars.forEach((w, i) => w.assign(w.sub(grads[i].mul(lr))));
        return;
      case 'momentum': {
        const mu = s.momentum ?? DEFAULT_MOMENTUM;
        const vel = (this.first ??= zerosLike(vars));
        vars.forEach((w, i) => {
          vel[i].assign(vel[i].mul(mu).add(grads[i]));
          w.assign(w.sub(vel[i].mul(lr)));
        });
        return;
      }
      case 'adam': {
        const b1 = s.beta1 ?? DEFAULT_BETA1;
        const b2 = s.beta2 ?? DEFAULT_BETA2;
        const eps = s.epsilon ?? DEFAULT_ADAM_EPSILON;
        const m1 = (this.first ??= zerosLike(vars));
        const m2 = (this.second ??= zerosLike(vars));
        this.t++;
        const c1 = 1 - Math.pow(b1, this.t);
        const c2 = 1 - Math.pow(b2, this.t);
        vars.forEach((w, i) => {
          const g = grads[i];
          m1[i].assign(m1[i].mul(b1).add(g.mul(1 - b1)));
          m2[i].assign(m2[i].mul(b2).add(g.square().mul(1 - b2)));
          const step = m1[i].div(c1).mul(lr).div(m2[i].div(c2).sqrt().add(eps));
          w.assign(w.sub(step));
        });
        return;
      }
    }
  }

  /** Drops (and frees) the optimizer state. */
  reset(): void {
    for (const v of [...(this.first ?? []), ...(this.second ?? [])]) v.dispose();
    this.first = null;
    this.second = null;
    this.t = 0;
  }
}

function zerosLike(vars: tf.Variable[]): tf.Variable[] {
  return vars.map((v) => tf.variable(tf.zerosLike(v), false));
}
