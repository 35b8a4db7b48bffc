// A plain-JavaScript replica of the layers model's forward pass, one character at a time, for generation
// and scoring without a GPU round trip per character.
//
// Conventions (tfjs 4.22 = Keras): weights are row-major, kernels [in, gates·H], recurrent kernels
// [H, gates·H], one bias [gates·H] added on the input side; z = x·K + b + h·R, then per cell:
//   SimpleRNN  h' = tanh(z)
//   GRU        gates z, r, h̃ (reset BEFORE the recurrent product — tfjs's only GRU):
//              u = σ(x·Kz + bz + h·Rz),  r = σ(x·Kr + br + h·Rr),  h̃ = tanh(x·Kh + bh + (r ⊙ h)·Rh),
//              h' = u ⊙ h + (1 − u) ⊙ h̃
//   LSTM       gates i, f, c, o:  c' = σ(zf) ⊙ c + σ(zi) ⊙ tanh(zc),  h' = σ(zo) ⊙ tanh(c')
// σ is the logistic sigmoid (or tfjs's hardSigmoid clip(0.2x + 0.5, 0, 1) for foreign models).
// Arithmetic is float64 on float32 (or float64) weights: within ~1e-6 of the model's float32 outputs.
// No TensorFlow.js here: the page runs this stepper too (Inside the network), and the page never loads
// TensorFlow.js. Reading the weights off a LayersModel is tfjs/stepper.ts's job.
import { GATES, type CellType, type CharStepper } from './engine';

/** What one step of a cell computed, per unit, for the interpretability views (src/core/text/inside/):
 *  h (all cells); c and the gates i, f, o for the LSTM; the update z and reset r for the GRU; the candidate g
 *  (LSTM's tanh(zc), GRU's h̃) for both. */
export type TraceChannel = 'h' | 'c' | 'i' | 'f' | 'g' | 'o' | 'z' | 'r';
/** Per layer, buffers of H values the stepper fills on a traced step (only the channels present are written). */
export type StepTrace = Partial<Record<TraceChannel, Float64Array>>[];

export type Weights = Float32Array | Float64Array;

export interface StepperLayerWeights {
  inputDim: number;
  kernel: Weights;
  recurrent: Weights;
  bias: Weights;
  gateActivation: 'sigmoid' | 'hardSigmoid';
}

/** The weights a stepper needs, copied off the device. */
export interface StepperWeights {
  cell: CellType;
  vocabSize: number;
  hidden: number;
  /** [V, E] when the input is an embedding; absent for one-hot input. */
  embedding?: Weights;
  layers: StepperLayerWeights[];
  /** [H, V] and [V]. */
  outKernel: Weights;
  outBias: Weights;
  /** The output layer already applies softmax (foreign models); ours emit logits. */
  outputSoftmax: boolean;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const hardSigmoid = (x: number) => Math.min(1, Math.max(0, 0.2 * x + 0.5));

/** out[c] += Σ_r x[r] · M[r, c] for row-major M with `cols` columns, over the first `cols` columns from col0. */
function addVecMat(out: Float64Array, x: ArrayLike<number>, m: Weights, rows: number, stride: number, col0: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const xr = x[r];
    if (xr === 0) continue;
    const base = r * stride + col0;
    for (let c = 0; c < cols; c++) out[c] += xr * m[base + c];
  }
}

export class JsCharStepper implements CharStepper {
  readonly vocabSize: number;
  /** The weights it steps with (read-only by convention: the inside views and gradients read them). */
  readonly weights: StepperWeights;
  private readonly w: StepperWeights;
  private readonly H: number;
  private readonly G: number;
  private readonly h: Float64Array[];
  private readonly c: Float64Array[];
  private readonly z: Float64Array;
  private readonly zr: Float64Array;
  private readonly rh: Float64Array;
  private readonly probs: Float64Array;

  constructor(weights: StepperWeights) {
    this.w = weights;
    this.weights = weights;
    this.vocabSize = weights.vocabSize;
    this.H = weights.hidden;
    this.G = GATES[weights.cell];
    this.h = weights.layers.map(() => new Float64Array(this.H));
    this.c = weights.layers.map(() => new Float64Array(this.H));
    this.z = new Float64Array(this.G * this.H);
    this.zr = new Float64Array(2 * this.H);
    this.rh = new Float64Array(this.H);
    this.probs = new Float64Array(this.vocabSize);
  }

  /** The live state per layer (h, and c for the LSTM): read by the inside views, perturbed by gradient checks. */
  get state(): { h: readonly Float64Array[]; c: readonly Float64Array[] } {
    return { h: this.h, c: this.c };
  }

  reset(): void {
    for (const h of this.h) h.fill(0);
    for (const c of this.c) c.fill(0);
  }

  /** Feeds one token; with `trace`, also writes each layer's h (and c and gates) into its buffers. */
  next(token: number, trace?: StepTrace): Float64Array {
    const { w, H, G, z } = this;
    if (!(token >= 0 && token < this.vocabSize)) throw new RangeError(`token ${token} outside the vocabulary (size ${this.vocabSize})`);
    const GH = G * H;
    for (let l = 0; l < w.layers.length; l++) {
      const L = w.layers[l];
      const act = L.gateActivation === 'sigmoid' ? sigmoid : hardSigmoid;
      const h = this.h[l];
      // Input side: z = x·K + b.
      z.set(L.bias);
      if (l > 0) addVecMat(z, this.h[l - 1], L.kernel, L.inputDim, GH, 0, GH);
      else if (w.embedding) addVecMat(z, w.embedding.subarray(token * L.inputDim, (token + 1) * L.inputDim), L.kernel, L.inputDim, GH, 0, GH);
      else for (let j = 0, base = token * GH; j < GH; j++) z[j] += L.kernel[base + j]; // one-hot row
      if (w.cell === 'rnn') {
        addVecMat(z, h, L.recurrent, H, GH, 0, H);
        for (let j = 0; j < H; j++) h[j] = Math.tanh(z[j]);
        trace?.[l]?.h?.set(h);
      } else if (w.cell === 'lstm') {
        addVecMat(z, h, L.recurrent, H, GH, 0, GH);
        const c = this.c[l];
        for (let j = 0; j < H; j++) {
          const i = act(z[j]);
          const f = act(z[H + j]);
          const g = Math.tanh(z[2 * H + j]);
          const o = act(z[3 * H + j]);
          c[j] = f * c[j] + i * g;
          h[j] = o * Math.tanh(c[j]);
          const t = trace?.[l];
          if (t) {
            if (t.i) t.i[j] = i;
            if (t.f) t.f[j] = f;
            if (t.g) t.g[j] = g;
            if (t.o) t.o[j] = o;
          }
        }
        trace?.[l]?.h?.set(h);
        trace?.[l]?.c?.set(c);
      } else {
        const { zr, rh } = this;
        zr.fill(0);
        addVecMat(zr, h, L.recurrent, H, GH, 0, 2 * H); // h·[Rz Rr]
        for (let j = 0; j < H; j++) {
          const r = act(z[H + j] + zr[H + j]);
          rh[j] = r * h[j];
          const tr = trace?.[l]?.r;
          if (tr) tr[j] = r;
        }
        const hh = zr.subarray(H, 2 * H); // reuse as the candidate's recurrent term
        hh.fill(0);
        addVecMat(hh, rh, L.recurrent, H, GH, 2 * H, H); // (r ⊙ h)·Rh
        for (let j = 0; j < H; j++) {
          const u = act(z[j] + zr[j]);
          const cand = Math.tanh(z[2 * H + j] + hh[j]);
          h[j] = u * h[j] + (1 - u) * cand;
          const t = trace?.[l];
          if (t) {
            if (t.z) t.z[j] = u;
            if (t.g) t.g[j] = cand;
          }
        }
        trace?.[l]?.h?.set(h);
      }
    }
    // Output: logits = h·W + b, then a stable softmax.
    const p = this.probs;
    p.set(w.outBias);
    addVecMat(p, this.h[w.layers.length - 1], w.outKernel, H, this.vocabSize, 0, this.vocabSize);
    if (!w.outputSoftmax) {
      let max = -Infinity;
      for (let v = 0; v < p.length; v++) if (p[v] > max) max = p[v];
      let sum = 0;
      for (let v = 0; v < p.length; v++) sum += p[v] = Math.exp(p[v] - max);
      for (let v = 0; v < p.length; v++) p[v] /= sum;
    }
    return p;
  }
}

/** Mean −ln p(next) over a token sequence from a zero state (used by tests and gradient checks). */
export function sequenceLoss(stepper: CharStepper, tokens: ArrayLike<number>): number {
  stepper.reset();
  let total = 0;
  for (let i = 0; i + 1 < tokens.length; i++) total -= Math.log(stepper.next(tokens[i])[tokens[i + 1]]);
  return total / (tokens.length - 1);
}
