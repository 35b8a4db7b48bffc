// Hidden-layer nonlinearities, applied in place over whole buffers (one branch per buffer, not per element).
//
// Every derivative is written in terms of the activation a = f(z), which is all the backward pass keeps:
//   tanh:    f'(z) = 1 − tanh²(z) = 1 − a²
//   sigmoid: f'(z) = σ(z)(1 − σ(z)) = a(1 − a)
//   relu:    f'(z) = 1 if z > 0 else 0  =  (a > 0 ? 1 : 0)   (the kink at 0 gets derivative 0)
import type { Activation } from './types';

export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'sigmoid'];

/** buf[from..to) ← f(buf[from..to)). */
export function activateInPlace(act: Activation, buf: Float64Array, from: number, to: number): void {
  switch (act) {
    case 'tanh':
      for (let i = from; i < to; i++) buf[i] = Math.tanh(buf[i]);
      return;
    case 'relu':
      // `< 0` (not `<= 0`) leaves NaN in place, so a diverged network stays visibly diverged.
      for (let i = from; i < to; i++) if (buf[i] < 0) buf[i] = 0;
      return;
    case 'sigmoid':
      for (let i = from; i < to; i++) buf[i] = 1 / (1 + Math.exp(-buf[i]));
      return;
  }
}

/** grad[i] ← grad[i] · f'(z_i) for i in [from, to), given a[i] = f(z_i). */
export function multiplyByDerivative(
  act: Activation,
  grad: Float64Array,
  a: Float64Array,
  from: number,
  to: number,
): void {
  switch (act) {
    case 'tanh':
      for (let i = from; i < to; i++) grad[i] *= 1 - a[i] * a[i];
      return;
    case 'relu':
      for (let i = from; i < to; i++) if (!(a[i] > 0)) grad[i] = 0;
      return;
    case 'sigmoid':
      for (let i = from; i < to; i++) grad[i] *= a[i] * (1 - a[i]);
      return;
  }
}

/** f(z) for one value (single-point prediction). */
export function activate(act: Activation, z: number): number {
  switch (act) {
    case 'tanh':
      return Math.tanh(z);
    case 'relu':
      return z < 0 ? 0 : z;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
  }
}
