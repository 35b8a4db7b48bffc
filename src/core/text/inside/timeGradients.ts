// Gradients through time: how much does the loss at step t depend on the hidden state k steps earlier?
//   ∂L_t/∂h_{t−k} = ∂L_t/∂h_t · Π_{j=t−k+1..t} ∂h_j/∂h_{j−1}
// For a vanilla RNN each factor is diag(1 − h_j²)·Rᵀ, so the product shrinks (or grows) roughly
// geometrically with k: the vanishing (exploding) gradient. The LSTM's cell state adds a path through
// c_j = f_j ⊙ c_{j−1} + …, whose factor is the forget gate, which is why its gradients last longer.
//
// Computed here in float64 by hand-written backpropagation through time over JsCharStepper's weights (Keras
// layout: z = x·K + b + h·R), for every cell and layer, from a forward pass traced by the stepper itself. For
// each window: run `warmup` characters forward from zeros, then `maxLag` + 1 more; the loss is the last
// character's −ln p(next); walk back maxLag steps recording ‖∂L_t/∂h^l_{t−k}‖ (c held fixed for the
// LSTM) for every layer l, and accumulate ∂L_t/∂θ^l, the gradient of the same loss for each layer's weights.
// Tested against central differences (tests/unit/text-inside-gradients.test.ts).
import { JsCharStepper, type StepperWeights, type StepTrace, type TraceChannel } from '../jsStepper';
import { CELL_CHANNELS } from './trace';

export interface TimeGradients {
  /** norms[l][k] = mean over windows of ‖∂L_t/∂h^l_{t−k}‖, k = 0..maxLag. */
  norms: Float64Array[];
  /** Per layer, the mean over windows of ‖∂L_t/∂θ^l‖ (kernel, recurrent kernel and bias of layer l). */
  paramNorms: Float64Array;
  windows: number;
}

type StepRecord = Partial<Record<TraceChannel, Float64Array>>[];

/** dst[r] += Σ_c dz[c] · M[r·stride + col0 + c] for r < rows: dz · M[:, col0:col0+n]ᵀ. */
function addMatVecT(dst: Float64Array, dz: Float64Array, m: ArrayLike<number>, rows: number, stride: number, col0: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = r * stride + col0;
    for (let c = 0; c < n; c++) s += dz[c] * m[base + c];
    dst[r] += s;
  }
}

const norm2 = (v: Float64Array) => v.reduce((s, x) => s + x * x, 0);

/** σ′ from σ's output y: y(1 − y) for the sigmoid, 0.2 inside (0, 1) for the hard sigmoid. */
const gateDerivative = (y: number, hard: boolean) => (hard ? (y > 0 && y < 1 ? 0.2 : 0) : y * (1 - y));

/**
 * Gradient norms through time for one window: `tokens` = warmup + maxLag + 2 tokens (the last is the target).
 * Adds into `norms` and `paramNorms` (per layer).
 */
function windowGradients(w: StepperWeights, tokens: ArrayLike<number>, maxLag: number, norms: Float64Array[], paramNorms: Float64Array): void {
  const L = w.layers.length;
  const H = w.hidden;
  const cell = w.cell;
  const T = tokens.length - 1; // steps fed
  const stepper = new JsCharStepper(w);
  const channels = CELL_CHANNELS[cell];
  const first = T - 1 - maxLag; // the earliest step we walk back to
  const records: StepRecord[] = [];
  let probs: Float64Array = new Float64Array(0);
  for (let t = 0; t < T; t++) {
    const trace: StepTrace = Array.from({ length: L }, () => Object.fromEntries(channels.map((ch) => [ch, new Float64Array(H)])));
    probs = stepper.next(tokens[t], trace);
    records.push(t >= first - 1 ? trace : []);
  }
  const zeros = new Float64Array(H);
  const hAt = (t: number, l: number) => (t < 0 ? zeros : records[t][l].h!);
  const cAt = (t: number, l: number) => (t < 0 ? zeros : records[t][l].c!);
  // ∂L/∂logits = p − onehot(target); ∂L/∂h^top = W·(p − y), W [H, V].
  const V = w.vocabSize;
  const dLogits = Float64Array.from(probs);
  dLogits[tokens[T]] -= 1;
  let dh = Array.from({ length: L }, () => new Float64Array(H));
  let dc = Array.from({ length: L }, () => new Float64Array(H));
  addMatVecT(dh[L - 1], dLogits, w.outKernel, H, V, 0, V);
  const G = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  const GH = G * H;
  const dz = new Float64Array(GH);
  const paramGrad = w.layers.map((layer) => ({ k: new Float64Array(layer.inputDim * GH), r: new Float64Array(H * GH), b: new Float64Array(GH) }));
  for (let k = 0; k <= maxLag; k++) {
    const t = T - 1 - k;
    const dhPrev = Array.from({ length: L }, () => new Float64Array(H));
    const dcPrev = Array.from({ length: L }, () => new Float64Array(H));
    for (let l = L - 1; l >= 0; l--) {
      norms[l][k] += Math.sqrt(norm2(dh[l]));
      const rec = records[t][l];
      const layer = w.layers[l];
      const hard = layer.gateActivation === 'hardSigmoid';
      const hPrev = hAt(t - 1, l);
      const d = dh[l];
      dz.fill(0);
      if (cell === 'rnn') {
        const h = rec.h!;
        for (let j = 0; j < H; j++) dz[j] = d[j] * (1 - h[j] * h[j]);
        addMatVecT(dhPrev[l], dz, layer.recurrent, H, GH, 0, GH);
      } else if (cell === 'lstm') {
        const { i, f, g, o, c } = rec as Record<TraceChannel, Float64Array>;
        const cPrev = cAt(t - 1, l);
        for (let j = 0; j < H; j++) {
          const tc = Math.tanh(c[j]);
          const dcTotal = dc[l][j] + d[j] * o[j] * (1 - tc * tc);
          dz[j] = dcTotal * g[j] * gateDerivative(i[j], hard); // i
          dz[H + j] = dcTotal * cPrev[j] * gateDerivative(f[j], hard); // f
          dz[2 * H + j] = dcTotal * i[j] * (1 - g[j] * g[j]); // g
          dz[3 * H + j] = d[j] * tc * gateDerivative(o[j], hard); // o
          dcPrev[l][j] = dcTotal * f[j];
        }
        addMatVecT(dhPrev[l], dz, layer.recurrent, H, GH, 0, GH);
      } else {
        // GRU: h' = u·h + (1 − u)·h̃, h̃ = tanh(x_h + (r ⊙ h)·R_h), u = σ(x_u + h·R_u), r = σ(x_r + h·R_r).
        const { z: u, r, g: cand } = rec as Record<TraceChannel, Float64Array>;
        const dRh = new Float64Array(H);
        for (let j = 0; j < H; j++) {
          dz[2 * H + j] = d[j] * (1 - u[j]) * (1 - cand[j] * cand[j]);
          dhPrev[l][j] += d[j] * u[j];
        }
        addMatVecT(dRh, dz.subarray(2 * H), layer.recurrent, H, GH, 2 * H, H); // ∂L/∂(r ⊙ h)
        for (let j = 0; j < H; j++) {
          dz[j] = d[j] * (hPrev[j] - cand[j]) * gateDerivative(u[j], hard);
          dz[H + j] = dRh[j] * hPrev[j] * gateDerivative(r[j], hard);
          dhPrev[l][j] += dRh[j] * r[j];
        }
        addMatVecT(dhPrev[l], dz, layer.recurrent, H, GH, 0, 2 * H);
      }
      // Parameter gradients of this layer at step t. The GRU's recurrent kernel sees r ⊙ h in its h̃ block.
      const pg = paramGrad[l];
      for (let c = 0; c < GH; c++) pg.b[c] += dz[c];
      for (let a = 0; a < H; a++) {
        const hp = hPrev[a];
        const hpCand = cell === 'gru' ? records[t][l].r![a] * hp : hp;
        if (hp === 0) continue;
        const base = a * GH;
        const split = cell === 'gru' ? 2 * H : GH;
        for (let c = 0; c < split; c++) pg.r[base + c] += hp * dz[c];
        for (let c = split; c < GH; c++) pg.r[base + c] += hpCand * dz[c];
      }
      // Input side: layer l > 0 reads h^{l−1}_t; layer 0 reads the embedding row or a one-hot token.
      if (l > 0) {
        const x = hAt(t, l - 1);
        for (let a = 0; a < layer.inputDim; a++) for (let c = 0; c < GH; c++) pg.k[a * GH + c] += x[a] * dz[c];
        addMatVecT(dh[l - 1], dz, layer.kernel, layer.inputDim, GH, 0, GH);
      } else if (w.embedding) {
        const x = w.embedding.subarray(tokens[t] * layer.inputDim, (tokens[t] + 1) * layer.inputDim);
        for (let a = 0; a < layer.inputDim; a++) for (let c = 0; c < GH; c++) pg.k[a * GH + c] += x[a] * dz[c];
      } else {
        for (let c = 0; c < GH; c++) pg.k[tokens[t] * GH + c] += dz[c];
      }
    }
    dh = dhPrev;
    dc = dcPrev;
  }
  paramGrad.forEach((g, l) => {
    paramNorms[l] += Math.sqrt(norm2(g.k) + norm2(g.r) + norm2(g.b));
  });
}

export interface TimeGradientOptions {
  /** Largest lag k (steps back), ≥ 0. */
  maxLag: number;
  /** Characters run forward from zeros before the window (so the state is typical, not fresh). */
  warmup: number;
}

/**
 * Mean over the given windows (each warmup + maxLag + 2 tokens) of ‖∂L_t/∂h^l_{t−k}‖ per layer l and lag k,
 * and of each layer's weight-gradient norm. The paramNorms cover only the maxLag + 1 steps walked back.
 */
export function timeGradients(w: StepperWeights, windows: ArrayLike<number>[], options: TimeGradientOptions): TimeGradients {
  const { maxLag, warmup } = options;
  const norms = w.layers.map(() => new Float64Array(maxLag + 1));
  const paramNorms = new Float64Array(w.layers.length);
  for (const win of windows) {
    if (win.length !== warmup + maxLag + 2) throw new RangeError(`a window needs ${warmup + maxLag + 2} tokens, got ${win.length}`);
    windowGradients(w, win, maxLag, norms, paramNorms);
  }
  const n = Math.max(1, windows.length);
  for (const row of norms) for (let k = 0; k < row.length; k++) row[k] /= n;
  for (let l = 0; l < paramNorms.length; l++) paramNorms[l] /= n;
  return { norms, paramNorms, windows: windows.length };
}

/** `count` windows of `length` tokens at evenly spread offsets of `tokens` (deterministic, so curves compare). */
export function spreadWindows(tokens: Int32Array, count: number, length: number): Int32Array[] {
  if (tokens.length < length) return [];
  const span = tokens.length - length;
  return Array.from({ length: count }, (_, i) => {
    const start = count === 1 ? 0 : Math.floor((i * span) / (count - 1));
    return tokens.subarray(start, start + length);
  });
}
