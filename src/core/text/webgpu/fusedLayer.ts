// A recurrent layer (rnn, gru, lstm) over a whole window as ONE differentiable op on the WebGPU backend,
// built from the fused kernels of this folder:
//
//   forward   X [T·B, G·H] (every step's input·W + b, one product or row lookup done by the caller)
//             ──<cell>Forward, ⌈T / chunk⌉ dispatches (1 for the default model)──> F (layout.ts)
//             value = hs blocks 1 … T = [h_0 … h_{T−1}]  [T·B, H]                    (one slice)
//   backward  dY [T·B, H] ──<cell>Backward, ⌈T / chunk⌉ dispatches──> D
//             ∂X = dz [T·B, G·H]
//             ∂U = H_prevᵀ · dz,  H_prev = hs blocks 0 … T−1 = [h_{−1} = 0, h_0 … h_{T−2}]   one product
//             (gru: [H_prevᵀ · [dz_u dz_r] | RHᵀ · da_h])
// ∂W and ∂b follow from ∂X through tfjs's autodiff of the caller's X = input·W + b: one product for the
// window. So a layer costs a handful of dispatches forward and backward whatever T is, against a few
// dozen ops per time step in unrolled.ts's TensorFlow.js-ops graph.
// Reference: unrolled.ts's rnnLayer / lstmStep / gruStep graph (the same numbers to float32 rounding),
// checked in check/fusedChecks.ts in headless Chromium.
import * as tf from '../../tf';
import type { CellType } from '../engine';
import { gruBackwardProgram } from './gruBackward';
import { gruForwardProgram } from './gruForward';
import { backwardLayout, forwardLayout, GATES } from './layout';
import { lstmBackwardProgram } from './lstmBackward';
import { lstmBackwardVec4Program } from './lstmBackwardVec4';
import { lstmForwardProgram } from './lstmForward';
import { lstmForwardVec4Program } from './lstmForwardVec4';
import { runProgram, stepsPerDispatch } from './program';
import { rnnBackwardProgram } from './rnnBackward';
import { rnnForwardProgram } from './rnnForward';
import { simpleMatMul } from './simpleMatMul';
import { transpose2d } from './transpose';

/** Runs the forward kernel over T steps in chunks; returns the forward buffer F. */
export function forward(cell: CellType, X: tf.Tensor2D, U: tf.Tensor2D, T: number, B: number, H: number): tf.Tensor1D {
  const layout = forwardLayout(cell, T, B, H);
  const program =
    cell === 'lstm' ? (H % 4 ? lstmForwardProgram : lstmForwardVec4Program)(H, B, layout.length) : cell === 'gru' ? gruForwardProgram(H, B, layout.length) : rnnForwardProgram(H, B, layout.length);
  const chunk = stepsPerDispatch(B, GATES[cell], H);
  let F: tf.Tensor1D | undefined;
  for (let t0 = 0; t0 < T; t0 += chunk) {
    const span = { B, tFirst: t0, tEnd: Math.min(T, t0 + chunk) };
    const uniforms = cell === 'lstm' ? { ...span, cs: layout.cs, acts: layout.acts } : cell === 'gru' ? { ...span, acts: layout.acts, rh: layout.rh } : span;
    F = runProgram(program, [X, U], uniforms, F);
  }
  return F as tf.Tensor1D;
}

/** Runs the backward kernel from t = T−1 down to 0 in chunks (UT = Uᵀ); returns the backward buffer D. */
export function backward(cell: CellType, dY: tf.Tensor, UT: tf.Tensor2D, F: tf.Tensor1D, T: number, B: number, H: number): tf.Tensor1D {
  const f = forwardLayout(cell, T, B, H);
  const d = backwardLayout(cell, T, B, H);
  const program =
    cell === 'lstm' ? (H % 4 ? lstmBackwardProgram : lstmBackwardVec4Program)(H, B, d.length) : cell === 'gru' ? gruBackwardProgram(H, B, d.length) : rnnBackwardProgram(H, B, d.length);
  const chunk = stepsPerDispatch(B, GATES[cell], H);
  let D: tf.Tensor1D | undefined;
  for (let t1 = T - 1; t1 >= 0; t1 -= chunk) {
    const span = { B, T, tFirst: t1, tLast: Math.max(0, t1 - chunk + 1) };
    const uniforms =
      cell === 'lstm'
        ? { ...span, cs: f.cs, acts: f.acts, carry: d.carry }
        : cell === 'gru'
          ? { ...span, acts: f.acts, dah: d.dah, carry: d.carry, drh: d.drh }
          : span;
    D = runProgram(program, [dY, UT, F], uniforms, D);
  }
  return D as tf.Tensor1D;
}

/** Rows [from, from + rows) of a packed buffer seen as a [rows, width] matrix starting at `offset`. */
function region(buffer: tf.Tensor1D, offset: number, rows: number, width: number): tf.Tensor2D {
  return tf.reshape(tf.slice(buffer, [offset], [rows * width]), [rows, width]);
}

/**
 * The layer's outputs [T·B, H] (row t·B + b = h_t of batch row b) from X [T·B, G·H] (input·W + b per step)
 * and the recurrent kernel U [H, G·H]; differentiable in X and U. WebGPU backend only.
 */
export function fusedRecurrentLayer(cell: CellType, X: tf.Tensor2D, recurrent: tf.Tensor2D, T: number): tf.Tensor2D {
  const H = recurrent.shape[0];
  const B = X.shape[0] / T;
  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [inputs, U, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const F = forward(cell, inputs, U, T, B, H);
    save([F, U]);
    return {
      value: region(F, B * H, T * B, H),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [Fs, Us] = saved as [tf.Tensor1D, tf.Tensor2D];
        const D = backward(cell, dy, transpose2d(Us), Fs, T, B, H);
        const hPrev = region(Fs, 0, T * B, H); // [h_{−1} … h_{T−2}]
        if (cell !== 'gru') {
          const dz = region(D, 0, T * B, GATES[cell] * H);
          return [dz, simpleMatMul(hPrev, dz, 'tn')];
        }
        const f = forwardLayout(cell, T, B, H);
        const d = backwardLayout(cell, T, B, H);
        const dzr = region(D, 0, T * B, 2 * H);
        const dah = region(D, d.dah, T * B, H);
        const rh = region(Fs, f.rh, T * B, H);
        return [tf.concat([dzr, dah], 1), tf.concat([simpleMatMul(hPrev, dzr, 'tn'), simpleMatMul(rh, dah, 'tn')], 1)];
      },
    };
  });
  return layer(X, recurrent) as tf.Tensor2D;
}
