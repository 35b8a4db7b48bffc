// One time step of the vanilla RNN, shared by training, evaluation and the character stepper:
//   h_t = tanh(Wxh·x_t + Whh·h_{t−1} + bh)      x_t one-hot, so Wxh·x_t is column x_t of Wxh
//   y_t = Why·h_t + by                          unnormalised log-probabilities (logits)
//   p_t = softmax(y_t)
// Vectors are passed as (array, offset) so callers can keep every time step in one preallocated buffer.
import type { RnnParams } from './rnnParams';

/**
 * Σ_j w[wOff + j] · v[vOff + j] for j < n. Four independent accumulators: a single running sum would be
 * limited by the latency of each floating-point add, not by how fast the CPU can multiply.
 */
export function dot(w: Float64Array, wOff: number, v: Float64Array, vOff: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += w[wOff + j] * v[vOff + j];
    s1 += w[wOff + j + 1] * v[vOff + j + 1];
    s2 += w[wOff + j + 2] * v[vOff + j + 2];
    s3 += w[wOff + j + 3] * v[vOff + j + 3];
  }
  for (; j < n; j++) s0 += w[wOff + j] * v[vOff + j];
  return s0 + s1 + (s2 + s3);
}

/** h[hOff …] ← tanh(Wxh[:, x] + Whh·hPrev[prevOff …] + bh). The two vectors must not overlap. */
export function hiddenStep(p: RnnParams, x: number, hPrev: Float64Array, prevOff: number, h: Float64Array, hOff: number): void {
  const { hidden: H, vocab: V, Wxh, Whh, bh } = p;
  for (let i = 0; i < H; i++) {
    // Summed in NumPy's order, (Wxh·x + Whh·h) + bh, to stay within rounding of the reference.
    h[hOff + i] = Math.tanh(Wxh[i * V + x] + dot(Whh, i * H, hPrev, prevOff, H) + bh[i]);
  }
}

/** probs[pOff …] ← softmax(Why·h[hOff …] + by), with the maximum logit subtracted before exponentiating. */
export function outputStep(p: RnnParams, h: Float64Array, hOff: number, probs: Float64Array, pOff: number): void {
  const { hidden: H, vocab: V, Why, by } = p;
  let max = -Infinity;
  for (let k = 0; k < V; k++) {
    const y = dot(Why, k * H, h, hOff, H) + by[k];
    probs[pOff + k] = y;
    if (y > max) max = y;
  }
  let sum = 0;
  for (let k = 0; k < V; k++) {
    const e = Math.exp(probs[pOff + k] - max);
    probs[pOff + k] = e;
    sum += e;
  }
  for (let k = 0; k < V; k++) probs[pOff + k] /= sum;
}
