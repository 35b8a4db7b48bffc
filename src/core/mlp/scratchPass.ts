// One forward and backward pass of the 2 → H → K network over a batch, by hand, on preallocated buffers.
//
// Shapes (n = batch size, H = hidden, K = classes, all row-major):
//   X  n×2     z1 = X·W1 + b1   n×H     a1 = f(z1)  n×H
//   z2 = a1·W2 + b2  n×K (logits)       p = softmax(z2) n×K
//   ℓ_i = −log p_i[y_i] = logsumexp(z2_i) − z2_i[y_i]
//
// Two classes (the tutorial's case) take specialised output-layer loops that compute the same numbers bit
// for bit (same operations, same summation order) with less work; the reference tests hold either way.
//
// Backprop (the tutorial's derivation; gradients are SUMMED over the batch, no L2 here):
//   delta3 = ∂ℓ/∂z2 = p − onehot(y)                 n×K   (softmax + cross-entropy combine into this)
//   dW2    = a1ᵀ · delta3                           H×K
//   db2    = Σ_i delta3_i                           K
//   delta2 = ∂ℓ/∂z1 = (delta3 · W2ᵀ) ⊙ f'(z1)       n×H   (tanh' = 1 − a1², see activations.ts)
//   dW1    = Xᵀ · delta2                            2×H
//   db1    = Σ_i delta2_i                           H
import { activateInPlace, multiplyByDerivative } from './activations';
import { zeroParams } from './params';
import type { Activation, MlpParams } from './types';

/** Scratch buffers for passes over up to `capacity` examples; reused so a pass allocates nothing. */
export class Workspace {
  readonly capacity: number;
  readonly hidden: number;
  readonly classes: number;
  /** n×H: z1 during the forward pass, then a1 = f(z1) in place. */
  readonly a1: Float64Array;
  /** n×K logits z2. */
  readonly logits: Float64Array;
  /** n×K probabilities; the backward pass turns them into delta3 in place. */
  readonly probs: Float64Array;
  /** n: the max and the shifted exp-sum of each row of z2, so ℓ_i = max + log(sum) − z2_i[y_i] (no log(0)). */
  readonly rowMax: Float64Array;
  readonly rowSum: Float64Array;
  /** n×H: delta2. */
  readonly delta2: Float64Array;
  /** Summed data gradient of the last backward pass (same layout as the parameters). */
  readonly grad: MlpParams;

  constructor(capacity: number, hidden: number, classes: number) {
    this.capacity = capacity;
    this.hidden = hidden;
    this.classes = classes;
    this.a1 = new Float64Array(capacity * hidden);
    this.logits = new Float64Array(capacity * classes);
    this.probs = new Float64Array(capacity * classes);
    this.rowMax = new Float64Array(capacity);
    this.rowSum = new Float64Array(capacity);
    this.delta2 = new Float64Array(capacity * hidden);
    this.grad = zeroParams(hidden, classes);
  }

  fits(n: number, hidden: number, classes: number): boolean {
    return n <= this.capacity && hidden === this.hidden && classes === this.classes;
  }
}

/** Returns `ws` if it fits, else a new workspace (allocation happens only when the shapes grow or change). */
export function ensureWorkspace(ws: Workspace | null, n: number, hidden: number, classes: number): Workspace {
  return ws !== null && ws.fits(n, hidden, classes) ? ws : new Workspace(Math.max(n, 1), hidden, classes);
}

/** Forward pass over the first n rows of X: fills ws.a1, ws.logits, ws.probs, ws.rowMax and ws.rowSum. */
export function forward(p: MlpParams, act: Activation, X: Float64Array, n: number, ws: Workspace): void {
  const H = p.hidden;
  const K = p.classes;
  const { W1, b1, W2, b2 } = p;
  const { a1, logits, probs, rowMax, rowSum } = ws;
  // z1 = X·W1 + b1
  for (let i = 0; i < n; i++) {
    const x0 = X[2 * i];
    const x1 = X[2 * i + 1];
    const row = i * H;
    for (let j = 0; j < H; j++) a1[row + j] = x0 * W1[j] + x1 * W1[H + j] + b1[j];
  }
  activateInPlace(act, a1, 0, n * H);
  if (K === 2) {
    forwardOutputTwoClasses(p, n, ws);
    return;
  }
  for (let i = 0; i < n; i++) {
    const row = i * H;
    const out = i * K;
    // z2 = a1·W2 + b2
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < H; j++) s += a1[row + j] * W2[j * K + k];
      s += b2[k];
      logits[out + k] = s;
      if (s > max) max = s;
    }
    // softmax, shifted by the row max so exp never overflows (the tutorial's unshifted exp can).
    if (max === Infinity || max !== max) max = 0; // ±∞/NaN logits: let NaN flow rather than hide it
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(logits[out + k] - max);
      probs[out + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) probs[out + k] /= sum;
    rowMax[i] = max;
    rowSum[i] = sum; // the log is taken only when the loss is asked for, not on every training pass
  }
}

/**
 * The output layer of forward() for K = 2 (the tutorial's case), bit for bit the same numbers with half the
 * work: both logits in one sweep over the hidden row (each summed in the same order as the general loop),
 * and one exp per row — the larger logit's shifted exp is exp(0) = 1, the other's is exp(−|z0 − z1|)
 * (z_min − z_max = −|z0 − z1| exactly in IEEE arithmetic). Rows with an infinite or NaN logit take the
 * general path's steps, so NaN still flows through.
 */
function forwardOutputTwoClasses(p: MlpParams, n: number, ws: Workspace): void {
  const H = p.hidden;
  const { W2, b2 } = p;
  const { a1, logits, probs, rowMax, rowSum } = ws;
  const b0 = b2[0];
  const b1 = b2[1];
  for (let i = 0; i < n; i++) {
    const row = i * H;
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < H; j++) {
      const a = a1[row + j];
      s0 += a * W2[2 * j];
      s1 += a * W2[2 * j + 1];
    }
    s0 += b0;
    s1 += b1;
    const out = 2 * i;
    logits[out] = s0;
    logits[out + 1] = s1;
    const d = s0 - s1;
    if (Math.abs(d) < Infinity) {
      const e = Math.exp(-Math.abs(d));
      const sum = 1 + e;
      const first = d >= 0; // class 0 holds the max (ties: both exps are 1)
      probs[out] = (first ? 1 : e) / sum;
      probs[out + 1] = (first ? e : 1) / sum;
      rowMax[i] = first ? s0 : s1;
      rowSum[i] = sum;
    } else {
      let max = s0 > s1 ? s0 : s1;
      if (max === Infinity || max !== max) max = 0;
      const e0 = Math.exp(s0 - max);
      const e1 = Math.exp(s1 - max);
      const sum = e0 + e1;
      probs[out] = e0 / sum;
      probs[out + 1] = e1 / sum;
      rowMax[i] = max;
      rowSum[i] = sum;
    }
  }
}

/** Σ_i −log p_i[y_i] over the batch of the last forward pass. */
export function crossEntropySum(y: Int32Array, n: number, ws: Workspace): number {
  const K = ws.classes;
  let total = 0;
  for (let i = 0; i < n; i++) total += ws.rowMax[i] + Math.log(ws.rowSum[i]) - ws.logits[i * K + y[i]];
  return total;
}

/**
 * Backward pass after forward() on the same batch: ws.grad ← Σ_i ∇ℓ_i (data term only, summed).
 * Overwrites ws.probs with delta3. Each gradient entry is a sum over the batch kept in a register
 * (loops run entry-by-entry, examples innermost), which is faster than scattering += into memory.
 */
export function backward(p: MlpParams, act: Activation, X: Float64Array, y: Int32Array, n: number, ws: Workspace): void {
  const H = p.hidden;
  const K = p.classes;
  const { a1, delta2 } = ws;
  const delta3 = ws.probs;
  const { W1: dW1, b1: db1 } = ws.grad;

  // delta3 = p − onehot(y)
  for (let i = 0; i < n; i++) delta3[i * K + y[i]] -= 1;
  if (K === 2) {
    outputGradientsTwoClasses(p, n, ws);
  } else {
    outputGradients(p, n, ws);
  }
  multiplyByDerivative(act, delta2, a1, 0, n * H);
  // dW1 = Xᵀ·delta2 (rows: input x, input y), db1 = Σ_i delta2[i]
  for (let j = 0; j < H; j++) {
    let s0 = 0;
    let s1 = 0;
    let sb = 0;
    for (let i = 0; i < n; i++) {
      const d = delta2[i * H + j];
      s0 += X[2 * i] * d;
      s1 += X[2 * i + 1] * d;
      sb += d;
    }
    dW1[j] = s0;
    dW1[H + j] = s1;
    db1[j] = sb;
  }
}

/** db2, dW2 = a1ᵀ·delta3 and delta2 = delta3·W2ᵀ (before f'), any K. */
function outputGradients(p: MlpParams, n: number, ws: Workspace): void {
  const H = p.hidden;
  const K = p.classes;
  const W2 = p.W2;
  const { a1, delta2 } = ws;
  const delta3 = ws.probs;
  const { W2: dW2, b2: db2 } = ws.grad;
  for (let k = 0; k < K; k++) {
    // db2[k] = Σ_i delta3[i, k]
    let sb = 0;
    for (let i = 0; i < n; i++) sb += delta3[i * K + k];
    db2[k] = sb;
    // dW2[j, k] = (a1ᵀ·delta3)[j, k] = Σ_i a1[i, j]·delta3[i, k]
    for (let j = 0; j < H; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += a1[i * H + j] * delta3[i * K + k];
      dW2[j * K + k] = s;
    }
  }
  // delta2 = (delta3·W2ᵀ) ⊙ f'(z1)
  for (let i = 0; i < n; i++) {
    const row = i * H;
    const out = i * K;
    for (let j = 0; j < H; j++) {
      let back = 0;
      for (let k = 0; k < K; k++) back += delta3[out + k] * W2[j * K + k];
      delta2[row + j] = back;
    }
  }
}

/**
 * outputGradients for K = 2, the same sums in the same order (each entry accumulated over i ascending),
 * with both classes handled in one sweep: a hidden unit's column is read once for dW2[j, 0] and dW2[j, 1].
 */
function outputGradientsTwoClasses(p: MlpParams, n: number, ws: Workspace): void {
  const H = p.hidden;
  const W2 = p.W2;
  const { a1, delta2 } = ws;
  const delta3 = ws.probs;
  const { W2: dW2, b2: db2 } = ws.grad;
  let sb0 = 0;
  let sb1 = 0;
  for (let i = 0; i < n; i++) {
    sb0 += delta3[2 * i];
    sb1 += delta3[2 * i + 1];
  }
  db2[0] = sb0;
  db2[1] = sb1;
  for (let j = 0; j < H; j++) {
    let s0 = 0;
    let s1 = 0;
    for (let i = 0; i < n; i++) {
      const a = a1[i * H + j];
      s0 += a * delta3[2 * i];
      s1 += a * delta3[2 * i + 1];
    }
    dW2[2 * j] = s0;
    dW2[2 * j + 1] = s1;
  }
  for (let i = 0; i < n; i++) {
    const row = i * H;
    const d0 = delta3[2 * i];
    const d1 = delta3[2 * i + 1];
    for (let j = 0; j < H; j++) delta2[row + j] = d0 * W2[2 * j] + d1 * W2[2 * j + 1];
  }
}

/** |W1|² + |W2|², the quantity the L2 penalty scales (biases excluded). */
export function weightSquaredNorm(p: MlpParams): number {
  let s1 = 0;
  for (let i = 0; i < p.W1.length; i++) s1 += p.W1[i] * p.W1[i];
  let s2 = 0;
  for (let i = 0; i < p.W2.length; i++) s2 += p.W2[i] * p.W2[i];
  return s1 + s2;
}
