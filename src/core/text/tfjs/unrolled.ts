// The text model's forward pass written out with plain tensor ops, time-major, for training and evaluation.
//
// Why not model.apply? tfjs-layers runs a recurrent layer one time step at a time through its generic RNN
// machinery (per-step cell objects, masks, state lists, transposes), and autodiff then records all of it:
// measured on WASM, an LSTM 128 step over 32 × 64 characters took ~540 ms, almost all of it bookkeeping
// around tiny kernels. Here the same math is a short list of ops per time step, and everything that does
// not depend on the previous step is done once for the whole window:
//
//   ids [B, T] ──transpose, unstack──> T × ids_t [B]
//   first layer: the input projection is a table P [V, G·H] (P = W for one-hot input, P = E·W with an
//                embedding E), so x_t = P[ids_t] + b, a row lookup instead of a matmul;
//   later layers: x_t = h_t(previous layer) · W + b
//   for t = 0 … T−1:  z_t = x_t + h_{t−1} · U [H, G·H]     (h_{−1} = 0, so step 0 skips the matmul, or the
//                      state carried from the previous window: truncated BPTT, no gradient into it)
//                      the cell's gates from z_t (below)
//   concat(h_t) [T·B, H] ──(dropout)──> · W_out [H, V] + b_out  one matmul                  → logits [T·B, V]
//
// The weights are the LayersModel's own variables, so gradients land on them and the model saves as before.
// Cells (G gate blocks, in Keras order; σ = sigmoid):
//   rnn  (G=1): h = tanh(z)
//   lstm (G=4: i, f, c, o): c = σ(f)·c + σ(i)·tanh(c̃);  h = σ(o)·tanh(c)
//   gru  (G=3: z, r, h; "reset before", as tfjs): u = σ(x_z + h·U_z), r = σ(x_r + h·U_r),
//         h̃ = tanh(x_h + (r·h)·U_h),  h = u·h + (1 − u)·h̃
//
// The vanilla RNN layer is one op with its backward pass written out (rnnLayer: BPTT on tensors), and so is
// the LSTM on the CPU and WASM backends (lstmLayer.ts; writesOutLstm); the GRU, and the LSTM elsewhere, are
// differentiated by tfjs's autodiff through the ops below.
//
// The GRU's and the autodiff LSTM's first-layer inputs are looked up per step, not cut out of one
// [T·B, G·H] lookup, because of the WASM backend, where tfjs's Slice kernel copied the whole tensor first:
// cutting 64 steps out of a [2048, 512] product took 40–120 ms, more than the rest of the step. The
// workers, the CLI and the bench now replace that kernel with heap-view copies (core/wasmSlices.ts); since,
// the written-out LSTM looks up the whole window at once and cuts it (stepRows: one split), 1.04–1.12×
// faster; the GRU's per-step lookups predate the change and were not measured again.
//
// On WASM the matmuls' gradients are rewritten too (matMulPlainGrad): tfjs differentiates a·b with
// transposed products (dy·bᵀ, aᵀ·dy), and the WASM backend runs a transposed-operand matmul 10–20× slower
// than a plain one (measured: [32,512]·[128,512]ᵀ 1.8 ms against 0.13 ms for the same product with bᵀ
// materialised). Transposing explicitly first is cheap, so backward passes use plain products only.
// On the WebGPU backend, with `fused` on (the default there), each recurrent layer is instead ONE op made of
// the fused WGSL kernels in ../webgpu/ (fusedLayer.ts: a whole window per dispatch, forward and backward):
// the same math, a few dispatches per layer instead of a few dozen per time step.
// tests/unit/text-tfjs-unrolled.test.ts checks the logits and the gradients against model.apply for every cell;
// the fused kernels are checked against this graph in headless Chromium (../webgpu/check/).
import * as tf from '../../tf';
import { biasAdd } from '../webgpu/biasAdd';
import { fusedRecurrentLayer } from '../webgpu/fusedLayer';
import { onWebGpu } from '../webgpu/program';
import { fusedDense, fusedMatMul } from '../webgpu/simpleMatMul';
import { gruRecurrentBlocks, gruStep, lstmStep } from './cellSteps';
import type { TextModelStructure } from './model';
import { type LstmInputs, type LstmState, lstmLayer } from './lstmLayer';
import { rowLookup } from './rowLookup';
import { onWasm, stepRows } from './stepRows';
import { WRITTEN_OUT_LSTM_BACKENDS } from '../resources';

/** True when unrolledLogits reproduces the model (ours always; imported ones with the standard cells). */
export function canUnroll(structure: TextModelStructure): boolean {
  return !structure.outputSoftmax && structure.recurrent.every((r) => r.info.gateActivation !== 'hardSigmoid');
}

export interface UnrolledOptions {
  /** Use the fused WebGPU kernels for the recurrent layers when the backend is webgpu (default true). */
  fused?: boolean;
  /** Carried state (truncated BPTT): layer l's state before step 0 (null or absent: zeros). */
  initial?: readonly (RecurrentState | null)[] | null;
  /** Receives layer l's state after the last step, kept (the caller disposes it). */
  onFinal?: (layer: number, state: RecurrentState) => void;
  /** The ids come time-major, [T, B] (as ../webgpu/windowIds.ts cuts them), instead of [B, T]. */
  timeMajorIds?: boolean;
}

/**
 * Whether unrolledLogits runs the fused WebGPU kernels with these options on the active backend. The fused
 * kernels start every window from a zero state, so carried state (an option, off by default) takes the ops graph.
 */
export function usesFusedKernels(options: UnrolledOptions = {}): boolean {
  return options.fused !== false && !options.initial && !options.onFinal && onWebGpu();
}

type Product = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/**
 * a · b with a gradient made of plain (untransposed) products: ∂a = dy · bᵀ, ∂b = aᵀ · dy, with the
 * transposes done as separate ops. `bT` is bᵀ, computed once by the caller: the same weight is multiplied
 * at every time step, so transposing it once per window saves T transposes.
 */
function matMulPlainGrad(bT: tf.Tensor2D): Product {
  const product = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([a, bT]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [aSaved, bTransposed] = saved as tf.Tensor2D[];
        const d = dy as tf.Tensor2D;
        return [tf.matMul(d, bTransposed), tf.matMul(tf.transpose(aSaved), d)];
      },
    };
  });
  return (a, b) => product(a, b) as tf.Tensor2D;
}

/** x ↦ x · w for one weight used at every step, with the product this backend differentiates fastest. */
function timesWeight(w: tf.Tensor2D, fused = false): (x: tf.Tensor2D) => tf.Tensor2D {
  if (fused) return (x) => fusedMatMul(x, w);
  if (!onWasm()) return (x) => tf.matMul(x, w);
  const product = matMulPlainGrad(tf.transpose(w));
  return (x) => product(x, w);
}

/**
 * The vanilla RNN layer as one op with its backward pass written out (BPTT, as in the from-scratch engine,
 * but on tensors): autodiff would record ~6 ops per step and take ∂U as T separate products; here
 *   forward   h_t = tanh(x_t + h_{t−1} · U)                        (h_{−1} = 0)
 *   backward  dh_t = dy_t + dz_{t+1} · Uᵀ,   dz_t = dh_t ⊙ (1 − h_t²)   (t = T−1 … 0)
 *             ∂X = [dz_0 … dz_{T−1}]
 *             ∂U = Σ_t h_{t−1}ᵀ · dz_t = [h_0 … h_{T−2}]ᵀ · [dz_1 … dz_{T−1}]   one [H, (T−1)·B]·[(T−1)·B, H] matmul
 * X [T·B, H] holds every step's input (x_t = rows t·B … t·B+B−1, bias included); returns every h_t the
 * same way, [T·B, H]. Inside a customGrad nothing is taped, so cutting X per step costs no gradient.
 */
function rnnLayer(X: tf.Tensor2D, recurrent: tf.Tensor2D, T: number, h0: tf.Tensor2D | null, onFinal?: FinalState): tf.Tensor2D {
  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [inputs, U, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const x = stepRows(inputs, T);
    const hs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      const previous = t ? hs[t - 1] : h0;
      hs.push(tf.tanh(previous ? tf.add<tf.Tensor2D>(x(t), tf.matMul(previous, U)) : x(t)));
    }
    // The forward runs in its own tidy: the final state escapes it by keep (the caller owns it).
    onFinal?.({ h: tf.keep(tf.clone(hs[T - 1])) });
    save(h0 ? [...hs, U, h0] : [...hs, U]);
    return {
      value: tf.concat(hs, 0),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const h = saved.slice(0, T) as tf.Tensor2D[];
        const UT = tf.transpose(saved[T]) as tf.Tensor2D;
        const row = stepRows(dy, T);
        const dz: tf.Tensor2D[] = new Array<tf.Tensor2D>(T);
        let carry: tf.Tensor2D | null = null; // dz_{t+1} · Uᵀ
        for (let t = T - 1; t >= 0; t--) {
          const dh = carry ? tf.add<tf.Tensor2D>(row(t), carry) : row(t);
          dz[t] = tf.mul<tf.Tensor2D>(dh, tf.sub(1, tf.square(h[t])));
          if (t > 0) carry = tf.matMul(dz[t], UT) as tf.Tensor2D;
        }
        // With a carried h_{−1}, step 0 adds h_{−1}ᵀ · dz_0 to ∂U (no gradient flows into h_{−1} itself).
        const previous = saved.length > T + 1 ? [saved[T + 1] as tf.Tensor2D, ...h.slice(0, T - 1)] : h.slice(0, T - 1);
        const dU = previous.length
          ? tf.matMul(tf.transpose(tf.concat(previous, 0)), tf.concat(dz.slice(T - previous.length), 0))
          : tf.zerosLike(saved[T]);
        return [tf.concat(dz, 0), dU];
      },
    };
  });
  return layer(X, recurrent) as tf.Tensor2D;
}

/** A recurrent layer's state between windows, [B, H] each (c for the LSTM only). */
export interface RecurrentState {
  h: tf.Tensor2D;
  c?: tf.Tensor2D;
}

/** Receives a layer's state after the window's last step (kept: the receiver disposes it). */
type FinalState = (state: RecurrentState) => void;

/**
 * Whether the LSTM layer runs as one op with its backward pass written out (lstmLayer.ts): on the CPU backend
 * and on WASM. On WASM it once measured slower than autodiff in Chromium's worker (though 1.16–1.31× faster in
 * Node): its per-step gate split was tfjs's JS slice, which copies its whole input first, slowly in Chromium.
 * With the heap-view slices (core/wasmSlices.ts) it is 1.28× faster in Node (23,100 against 18,000 chars/s,
 * window 16 × batch 64, runs alternated) and ~1.1× in the page (17,350 against 15,700 chars per wall second,
 * three alternated 30 s runs). WebGL and WebGPU without the fused kernels keep autodiff.
 */
function writesOutLstm(): boolean {
  return WRITTEN_OUT_LSTM_BACKENDS.has(tf.getBackend());
}

/** A carried LSTM state as lstmLayer takes it (null: zeros). */
function lstmState(initial: RecurrentState | null): LstmState | null {
  if (!initial) return null;
  if (!initial.c) throw new Error('a carried LSTM state needs c as well as h');
  return { h: initial.h, c: initial.c };
}

/**
 * An LSTM layer as lstmLayer's one op: the first layer's inputs are per-step row lookups; a later layer's
 * are one product for the window, which the op cuts per step itself.
 */
function writtenOutLstm(
  inputs: StepInputs,
  kernel: tf.Tensor2D,
  recurrent: tf.Tensor2D,
  bias: tf.Tensor,
  firstLayerTable: () => tf.Tensor2D,
  initial: RecurrentState | null,
  onFinal?: FinalState,
): LayerOutputs {
  let x: LstmInputs;
  if ('ids' in inputs) {
    x = { all: rowLookup(firstLayerTable())(inputs.ids.all), T: inputs.ids.T }; // every step's x_t, [T·B, 4H]
  } else {
    const previous = inputs.previous;
    const rows = 'all' in previous ? previous.all : tf.concat(previous.steps, 0);
    x = { all: tf.add(timesWeight(kernel)(rows), bias), T: previous.T };
  }
  return { all: lstmLayer(x, recurrent, lstmState(initial), onFinal), T: x.T };
}

/** The variable behind a layer weight (gradients flow to it). */
function weight(layer: tf.layers.Layer, index: number): tf.Tensor {
  return layer.trainableWeights[index].read();
}

/**
 * A layer's input: the token ids (first layer; `steps` T × [B], `all` [T·B], row t·B + b) with the table
 * that embeds them, or the previous layer's outputs.
 */
type StepInputs = { ids: { steps: tf.Tensor1D[]; all: tf.Tensor1D; T: number }; table: tf.Tensor2D } | { previous: LayerOutputs };

/** A layer's outputs: h_t [B, H] per step, or all of them as [T·B, H] (row t·B + b), whichever is at hand. */
type LayerOutputs = { steps: tf.Tensor2D[]; T: number } | { all: tf.Tensor2D; T: number };

/** One recurrent layer over the window. */
function recurrentLayer(
  layer: tf.layers.Layer,
  cell: TextModelStructure['spec']['cell'],
  inputs: StepInputs,
  fused: boolean,
  initial: RecurrentState | null,
  onFinal?: FinalState,
): LayerOutputs {
  const kernel = weight(layer, 0) as tf.Tensor2D; // [D, G·H]
  const recurrent = weight(layer, 1) as tf.Tensor2D; // [H, G·H]
  const bias = weight(layer, 2); // [G·H]
  // One-hot input: x_t is a row of W; embedded input: a row of E·W. The bias is folded into that table
  // too, once per window: x_t = (P + b)[ids_t].
  const firstLayerTable = () => {
    if (!('ids' in inputs)) throw new Error('not the first layer');
    // timesWeight: on WASM the product E·W gets a gradient of plain products (E·W's transposed-operand
    // gradients took ~3.1 ms of a ~38 ms default step there; ~0.4 ms with the transposes done first).
    const table: tf.Tensor2D = inputs.table === kernel ? kernel : fused ? fusedMatMul(inputs.table, kernel) : timesWeight(kernel)(inputs.table);
    return fused ? biasAdd(table, bias) : (tf.add(table, bias) as tf.Tensor2D);
  };
  if (cell === 'rnn' || fused) {
    // Every step's input at once, [T·B, G·H], for the one-op layer (rnnLayer, or the fused WebGPU kernels).
    let X: tf.Tensor2D;
    let T: number;
    if ('ids' in inputs) {
      X = rowLookup(firstLayerTable(), fused)(inputs.ids.all);
      T = inputs.ids.T;
    } else {
      const previous = inputs.previous;
      T = previous.T;
      const product = timesWeight(kernel, fused)('all' in previous ? previous.all : tf.concat(previous.steps, 0));
      X = fused ? biasAdd(product, bias) : tf.add(product, bias);
    }
    if (fused) return { all: fusedRecurrentLayer(cell, X, recurrent, T), T };
    return { all: rnnLayer(X, recurrent, T, initial?.h ?? null, onFinal), T };
  }
  if (cell === 'lstm' && writesOutLstm()) return writtenOutLstm(inputs, kernel, recurrent, bias, firstLayerTable, initial, onFinal);
  let project: (t: number) => tf.Tensor2D;
  let T: number;
  if ('ids' in inputs) {
    const lookup = rowLookup(firstLayerTable());
    const ids = inputs.ids.steps;
    project = (t) => lookup(ids[t]);
    T = ids.length;
  } else if ('steps' in inputs.previous) {
    const steps = inputs.previous.steps;
    const times = timesWeight(kernel);
    project = (t) => tf.add(times(steps[t]), bias);
    T = steps.length;
  } else {
    // All steps in one product, then cut per step (stepRows).
    T = inputs.previous.T;
    const row = stepRows(tf.add(timesWeight(kernel)(inputs.previous.all), bias), T);
    project = row;
  }
  const hs: tf.Tensor2D[] = [];
  if (cell === 'lstm') {
    const timesU = timesWeight(recurrent);
    let c: tf.Tensor2D | null = initial?.c ?? null;
    for (let t = 0; t < T; t++) {
      const x = project(t);
      const previous = t ? hs[t - 1] : (initial?.h ?? null);
      const step = lstmStep(previous ? tf.add<tf.Tensor2D>(x, timesU(previous)) : x, c);
      c = step.c;
      hs.push(step.h);
    }
    if (onFinal && c) onFinal({ h: tf.keep(hs[T - 1]), c: tf.keep(c) });
  } else {
    const blocks = gruRecurrentBlocks(recurrent);
    const timesUZR = timesWeight(blocks.zr);
    const timesUH = timesWeight(blocks.h);
    for (let t = 0; t < T; t++) hs.push(gruStep(project(t), t ? hs[t - 1] : (initial?.h ?? null), timesUZR, timesUH));
    onFinal?.({ h: tf.keep(hs[T - 1]) });
  }
  return { steps: hs, T };
}

/**
 * Logits [T·B, V] for token ids [B, T] (row t·B + b predicts the token after ids[b][t]; [T, B] with
 * options.timeMajorIds); the targets must be laid out the same way (timeMajor(targets)). Call inside
 * tf.tidy / variableGrads.
 * Carried state (truncated BPTT): `initial[l]` is layer l's state before step 0 (null or absent: zeros);
 * `onFinal(l, state)` receives layer l's state after the last step, kept (the caller disposes it).
 */
export function unrolledLogits(structure: TextModelStructure, ids: tf.Tensor2D, training: boolean, options: UnrolledOptions = {}): tf.Tensor2D {
  const { initial, onFinal } = options;
  const { spec } = structure;
  const fused = usesFusedKernels(options);
  const dropout = training && spec.dropout > 0 ? spec.dropout : 0;
  const byStep = options.timeMajorIds ? ids : tf.transpose(ids); // [T, B]
  const stepIds = spec.cell === 'rnn' || fused ? [] : (tf.unstack(byStep) as tf.Tensor1D[]); // T × [B] (one-op layers take all)
  const firstKernel = weight(structure.recurrent[0].layer, 0) as tf.Tensor2D;
  let inputs: StepInputs = {
    ids: { steps: stepIds, all: tf.reshape(byStep, [ids.size]), T: byStep.shape[0] },
    table: structure.embedding ? (weight(structure.embedding, 0) as tf.Tensor2D) : firstKernel,
  };
  let outputs: LayerOutputs | null = null;
  for (const [l, { layer }] of structure.recurrent.entries()) {
    outputs = recurrentLayer(layer, spec.cell, inputs, fused, initial?.[l] ?? null, onFinal && ((state) => onFinal(l, state)));
    if (dropout) {
      outputs =
        'all' in outputs
          ? { all: tf.dropout(outputs.all, dropout) as tf.Tensor2D, T: outputs.T }
          : { steps: outputs.steps.map((h) => tf.dropout(h, dropout) as tf.Tensor2D), T: outputs.T };
    }
    inputs = { previous: outputs };
  }
  if (!outputs) throw new Error('the model has no recurrent layer');
  const rows = 'all' in outputs ? outputs.all : tf.concat(outputs.steps, 0); // [T·B, H]
  const [kernel, bias] = [weight(structure.output, 0) as tf.Tensor2D, weight(structure.output, 1)];
  // Fused: the product and the bias in one dispatch (tf.add's broadcast took ~100 ms of a fused step).
  return fused ? fusedDense(rows, kernel, bias) : tf.add(timesWeight(kernel)(rows), bias);
}

/** [B, T] → [T·B] with element (b, t) at t·B + b: the row order of unrolledLogits. */
export function timeMajor(ids: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.transpose(ids), [ids.size]);
}
