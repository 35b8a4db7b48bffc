// The token ids of a training step and of an evaluation pass, as the engine (engine.ts) feeds them to its
// graph: where each training window starts, the windows cut on the device, and evaluation rows laid out in
// JS. Two layouts: batch-major [B, T] (the ops graph) and time-major [T, B] (the fused WebGPU kernels, whose
// id of row b at step t sits at t·B + b, so no transposes are needed).
import * as tf from '../../tf';
import type { UniformRandom } from '../sampling';
import { windowIds } from '../webgpu/windowIds';

/**
 * B independent window starts in 0 … span − 1: the caller's (`given`, checked) or drawn from the seeded rng.
 * span = token count − T, so every window has its T + 1 tokens.
 */
export function drawWindowStarts(B: number, span: number, rng: UniformRandom, given?: (B: number, span: number) => ArrayLike<number>): Int32Array {
  const starts = new Int32Array(B);
  if (given) {
    const chosen = given(B, span);
    for (let b = 0; b < B; b++) {
      if (!(chosen[b] >= 0 && chosen[b] < span)) throw new RangeError(`window start ${chosen[b]} is outside 0 … ${span - 1}`);
      starts[b] = chosen[b];
    }
  } else {
    for (let b = 0; b < B; b++) starts[b] = Math.min(span - 1, Math.floor(rng.next() * span));
  }
  return starts;
}

/**
 * Inputs x and targets y of the windows starting at `starts`, cut on the device from the uploaded corpus
 * (call inside tf.tidy). Time-major: one windowIds kernel each, [T, B]. Batch-major: gather(tokens,
 * start + window) → [B, T+1], then x = [:, :T], y = [:, 1:]; `window` is the [1, T+1] row 0 … T.
 */
export function cutWindows(tokens: tf.Tensor1D, starts: Int32Array, T: number, window: tf.Tensor2D, timeMajor: boolean): [tf.Tensor2D, tf.Tensor2D] {
  const B = starts.length;
  if (timeMajor) {
    const at = tf.tensor1d(starts, 'int32');
    return [windowIds(tokens, at, T, 0), windowIds(tokens, at, T, 1)];
  }
  const windows = tf.gather(tokens, tf.add(tf.tensor2d(starts, [B, 1], 'int32'), window)) as tf.Tensor; // [B, T+1]
  return [tf.slice(windows, [0, 0], [B, T]) as tf.Tensor2D, tf.slice(windows, [0, 1], [B, T]) as tf.Tensor2D];
}

/** Evaluation ids: `rows` rows of L consecutive tokens from `start`, x predicting y = the next token. */
export function evalRowIds(tokens: Int32Array, start: number, rows: number, L: number, timeMajor: boolean): { x: Int32Array; y: Int32Array; shape: [number, number] } {
  const x = new Int32Array(rows * L);
  const y = new Int32Array(rows * L);
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < L; t++) {
      const at = timeMajor ? t * rows + r : r * L + t;
      x[at] = tokens[start + r * L + t];
      y[at] = tokens[start + r * L + t + 1];
    }
  }
  return { x, y, shape: timeMajor ? [L, rows] : [rows, L] };
}
