// Per-step views of a window's rows, cut the way that is cheap on the active backend. The training graph
// (unrolled.ts) and the one-op recurrent layers (rnnLayer there, lstmLayer.ts) lay a window out time-major,
// [T·B, D] with row t·B + b for batch row b at step t, and need step t's [B, D] block at every step.
import * as tf from '../../tf';
import { oneHotOf } from './oneHot';

/** The WASM backend's kernel quirks this module works around (see unrolled.ts's header). */
export function onWasm(): boolean {
  return tf.getBackend() === 'wasm';
}

/**
 * Row blocks of dy [T·B, H], one [B, H] per step: split on most backends; on WASM, where a slice copies all
 * of dy first, row t of dy seen as [T, B·H], picked by a [1, T] one-hot selector matmul (~60 µs against
 * ~170 µs for a gather).
 */
export function stepRows(dy: tf.Tensor, T: number): (t: number) => tf.Tensor2D {
  const [TB, H] = dy.shape as [number, number];
  const B = TB / T;
  if (!onWasm()) {
    const parts = tf.split(dy, T, 0) as tf.Tensor2D[];
    return (t) => parts[t];
  }
  const byStep = tf.reshape(dy, [T, B * H]) as tf.Tensor2D;
  const selectors = oneHotOf(tf.range(0, T, 1, 'int32'), T).toFloat() as tf.Tensor2D; // I_T
  return (t) => tf.reshape(tf.matMul(tf.slice(selectors, [t, 0], [1, T]), byStep), [B, H]);
}
