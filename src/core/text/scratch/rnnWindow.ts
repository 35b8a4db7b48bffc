// Loss and gradients of the vanilla RNN over one window of T characters: min-char-rnn's lossFun.
//
// Forward, for t = 0 … T−1 (h_{−1} is the carried state):
//   h_t = tanh(Wxh[:, x_t] + Whh·h_{t−1} + bh),  p_t = softmax(Why·h_t + by),  L = Σ_t −ln p_t[target_t]
// Backward through time, t = T−1 … 0, with δ_next = ∂L/∂h_t arriving from step t+1 (zero at the end):
//   dy    = p_t − onehot(target_t)                 ∂L/∂y_t for softmax + cross-entropy
//   dWhy += dy · h_tᵀ           dby += dy
//   dh    = Whyᵀ·dy + δ_next                       the output's pull plus the future's
//   draw  = (1 − h_t²) ⊙ dh                        through tanh: tanh' = 1 − tanh²
//   dbh  += draw    dWxh[:, x_t] += draw           one-hot input: only column x_t gets gradient
//   dWhh += draw · h_{t−1}ᵀ
//   δ_next = Whhᵀ·draw
// Gradients are *added* into `grad`, so a batch can accumulate several windows. No clipping here.
//
// Implementation: the same sums, arranged for speed. The per-step work is vector-sized (dy, dh, draw,
// δ_next, with Whyᵀ and Whhᵀ transposed once per window so they are contiguous dot products); the two
// matrix-sized sums, dWhy = Σ_t dy_t·h_tᵀ and dWhh = Σ_t draw_t·h_{t−1}ᵀ, are formed once after the loop.
// Everything lives in buffers allocated once for the largest window.
import { dot, hiddenStep, outputStep } from './rnnCell';
import type { RnnParams } from './rnnParams';

export class RnnWindow {
  readonly maxT: number;
  private readonly H: number;
  private readonly V: number;
  /** hs[(t+1)·H …]: h_t, with h_{−1} in the first H slots. */
  private readonly hs: Float64Array;
  /** ps[t·V …]: p_t, overwritten by dy_t during the backward pass. */
  private readonly ps: Float64Array;
  private readonly WhyT: Float64Array;
  private readonly WhhT: Float64Array;
  private readonly dhNext: Float64Array;
  /** draws[t·H …]: ∂L/∂(pre-activation) at step t, kept for the dWhh sum. */
  private readonly draws: Float64Array;

  constructor(hidden: number, vocab: number, maxT: number) {
    this.H = hidden;
    this.V = vocab;
    this.maxT = maxT;
    this.hs = new Float64Array((maxT + 1) * hidden);
    this.ps = new Float64Array(maxT * vocab);
    this.WhyT = new Float64Array(hidden * vocab);
    this.WhhT = new Float64Array(hidden * hidden);
    this.dhNext = new Float64Array(hidden);
    this.draws = new Float64Array(maxT * hidden);
  }

  /**
   * Runs the window inputs[off … off+T) → targets[off … off+T) from state `h` and returns the summed loss
   * (nats). `h` is replaced by the last hidden state h_{T−1}, ready for the next window. When `grad` is
   * given, the window's gradients are added to it.
   */
  run(p: RnnParams, inputs: Int32Array, targets: Int32Array, off: number, T: number, h: Float64Array, grad?: RnnParams): number {
    const { H, V, hs, ps } = this;
    if (T > this.maxT) throw new RangeError(`window ${T} exceeds the workspace's ${this.maxT}`);
    hs.set(h.subarray(0, H), 0);
    let loss = 0;
    for (let t = 0; t < T; t++) {
      const x = inputs[off + t];
      const y = targets[off + t];
      if (!(x >= 0 && x < V && y >= 0 && y < V)) throw new RangeError(`token outside the vocabulary at position ${off + t}`);
      hiddenStep(p, x, hs, t * H, hs, (t + 1) * H);
      outputStep(p, hs, (t + 1) * H, ps, t * V);
      loss -= Math.log(ps[t * V + y]);
    }
    h.set(hs.subarray(T * H, (T + 1) * H));
    if (grad) this.backward(p, inputs, targets, off, T, grad);
    return loss;
  }

  private backward(p: RnnParams, inputs: Int32Array, targets: Int32Array, off: number, T: number, g: RnnParams): void {
    const { H, V, hs, ps, dhNext, draws, WhyT, WhhT } = this;
    const { Wxh: dWxh, Whh: dWhh, Why: dWhy, bh: dbh, by: dby } = g;
    // Transposed copies, made once per window, turn Whyᵀ·dy and Whhᵀ·draw into contiguous dot products.
    transpose(p.Why, V, H, WhyT);
    transpose(p.Whh, H, H, WhhT);

    // The recurrence, t = T−1 … 0. Only the vector work is done per step; dy_t (written over p_t) and
    // draw_t are kept so the two outer-product sums can be formed afterwards (see below).
    dhNext.fill(0);
    for (let t = T - 1; t >= 0; t--) {
      const hOff = (t + 1) * H; // h_t
      const pOff = t * V;
      const dOff = t * H;
      ps[pOff + targets[off + t]] -= 1; // p_t → dy_t
      for (let k = 0; k < V; k++) dby[k] += ps[pOff + k];
      const x = inputs[off + t];
      for (let i = 0; i < H; i++) {
        const hi = hs[hOff + i];
        // dh = Whyᵀ·dy + δ_next, summed in NumPy's order; then through tanh.
        const draw = (1 - hi * hi) * (dot(WhyT, i * V, ps, pOff, V) + dhNext[i]);
        draws[dOff + i] = draw;
        dbh[i] += draw;
        dWxh[i * V + x] += draw;
      }
      for (let j = 0; j < H; j++) dhNext[j] = dot(WhhT, j * H, draws, dOff, H); // Whhᵀ·draw
    }

    // dWhy = Σ_t dy_t·h_tᵀ and dWhh = Σ_t draw_t·h_{t−1}ᵀ, formed after the loop, row by row: each gradient
    // row stays in cache for all T terms (instead of the whole matrix being streamed once per step), and
    // four steps are added per pass over the row.
    for (let k = 0; k < V; k++) addOuterRow(dWhy, k * H, ps, k, V, hs, H, H, T);
    for (let i = 0; i < H; i++) addOuterRow(dWhh, i * H, draws, i, H, hs, 0, H, T);
  }
}

/**
 * row[rowOff + j] += Σ_{t<T} a[t·aStride + aCol] · b[bOff + t·n + j]  for j < n: one row of Σ_t a_t·b_tᵀ,
 * taking the steps four at a time so the row is loaded and stored once per four terms.
 */
function addOuterRow(
  row: Float64Array,
  rowOff: number,
  a: Float64Array,
  aCol: number,
  aStride: number,
  b: Float64Array,
  bOff: number,
  n: number,
  T: number,
): void {
  let t = 0;
  for (; t + 3 < T; t += 4) {
    const a0 = a[t * aStride + aCol];
    const a1 = a[(t + 1) * aStride + aCol];
    const a2 = a[(t + 2) * aStride + aCol];
    const a3 = a[(t + 3) * aStride + aCol];
    const b0 = bOff + t * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    for (let j = 0; j < n; j++) row[rowOff + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + (a2 * b[b2 + j] + a3 * b[b3 + j]);
  }
  for (; t < T; t++) {
    const at = a[t * aStride + aCol];
    const bt = bOff + t * n;
    for (let j = 0; j < n; j++) row[rowOff + j] += at * b[bt + j];
  }
}

/** out[c][r] = m[r][c] for an r×c row-major matrix m. */
function transpose(m: Float64Array, rows: number, cols: number, out: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = m[row + c];
  }
}
