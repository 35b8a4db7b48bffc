// Per-step views of a window's rows. The training graph
// (unrolled.ts) and the one-op recurrent layers (rnnLayer there, lstmLayer.ts) lay a window out time-major,
// [T·B, D] with row t·B + b for batch row b at step t, and need step t's [B, D] block at every step.
import * as tf from '../../tf';

/** The WASM backend's kernel quirks this module works around (see unrolled.ts's header). */
export function onWasm(): boolean {
  return tf.getBackend() === 'wasm';
}

/**
 * Row blocks of dy [T·B, H], one [B, H] per step: one split. On WASM this used to take a [1, T] one-hot
 * selector matmul per step, because tfjs's slice copied all of dy once per part; with the heap-view slices
 * (core/wasmSlices.ts) the split is cheaper: the default LSTM step, with the first layer's lookup taken for
 * the whole window at once (unrolled.ts), ran 1.04–1.12× faster in Node (five alternated pairs, all faster).
 */
export function stepRows(dy: tf.Tensor, T: number): (t: number) => tf.Tensor2D {
  const parts = tf.split(dy, T, 0) as tf.Tensor2D[];
  return (t) => parts[t];
}
