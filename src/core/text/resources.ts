// How much memory a text model setting needs before anything is built, and whether that fits a backend.
//
// Counted in values (float32 for TensorFlow.js, float64 for the from-scratch engine), with
//   V vocabulary, H hidden, L layers, G gate blocks (rnn 1, gru 3, lstm 4), E embedding width,
//   D first-layer input width (E with an embedding, V one-hot), T window, B batch, N = T·B positions:
//
//   parameters P   [V, E] embedding + [D, G·H] + (L−1)·[H, G·H] kernels + L·[H, G·H] recurrent + L·[G·H] biases
//                  + [H, V] + [V] output                                      (= countParams of model.ts)
//   optimiser      slots × P: adam 2 (m, v), rmsprop 2 (mean square, moment: tfjs keeps both even with
//                  momentum 0), adagrad 1, sgd 0; the from-scratch optimisers keep rmsprop in 1 slot
//   snapshot       P: the engine's "last good" copy (tfjs: clones that keep the old weights alive once a
//                  step assigns new ones; the worker keeps one for the from-scratch engine too)
//   training step  the larger of two phases (they do not overlap: the tape is freed before the update):
//     backward     kept activations a·N·G·H·L (the gates of every step, for the backward pass)
//                  + logits chain b·N·V (logits, log-softmax, the one-hot target mask, their gradients, and
//                    the one-hot input rows) + 3·N·H·L with dropout (masks and dropped copies)
//                  + per-step weight-gradient pieces c·(T−1)·G·H²·(2L−1) and d·T·G·H·V (tfjs's tape keeps
//                    each step's contribution to ∂U, ∂W and the first layer's [V, G·H] input table until
//                    the backward pass ends; the fused RNN has one [V, H] piece instead, and the
//                    written-out LSTM, which looks the whole window up at once, one [V, G·H])
//                  + 2P (gradients and their clipped copies)
//     update       2P + the optimiser's temporaries (measured: adam 14·P, all weights in one tidy;
//                  rmsprop 15, adagrad 7, sgd 2 × the largest single weight, one weight at a time)
//   evaluation     5 × Ne·V for a validation pass (logits, log-softmax, mask and product; no tape),
//                  Ne = min(validation characters − 1, rows per pass × 256) positions (evalPasses.ts)
//   corpus         the training and validation tokens, int32
//
// The coefficients a–d were fitted to tf.profile's peakBytes on the CPU backend over 70 random small models
// (tests/unit/text-resources.test.ts checks a few against tf.memory within a stated factor). The from-scratch
// engine is counted exactly from scratchRnnEngine.ts / rnnWindow.ts (float64).
//
// Per-backend limits (BackendLimits, defaults below): the WASM heap's maximum, WebGPU's maxBufferSize and
// maxStorageBufferBindingSize (pass the adapter's; tfjs requests the adapter's own limits), WebGL's maximum
// texture size (a tensor of n values needs n ≤ side², tfjs squarifies large ones), and a memory budget for
// GPUs and the JS heap, which browsers do not report: those budgets are "assumed", and exceeding one only
// warns.
import type { CellType, TextModelSpec, TextOptimizer, TextTrainSpec } from './engine';
import { EVAL_ROW, evalRowsPerPass } from './evalPasses';

export type ResourceBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu' | 'scratch';

/** What the estimate needs to know about a setting. */
export interface ResourceSetting {
  model: TextModelSpec;
  train: Pick<TextTrainSpec, 'seqLength' | 'batchSize' | 'optimizer'>;
  /** Training tokens held by the engine (default 0). */
  trainTokens?: number;
  /** Validation tokens evaluated (default 0: no evaluation pass counted). */
  validTokens?: number;
}

/** The biggest single array or tensor of the setting. */
export interface LargestBuffer {
  what: string;
  /** [rows, cols] as the engine lays it out. */
  shape: [number, number];
  values: number;
  bytes: number;
}

export interface ResourceEstimate {
  engine: 'tfjs' | 'scratch';
  params: number;
  /** 4 (float32) or 8 (float64). */
  bytesPerValue: number;
  /** Bytes by part; peakBytes = weights + optimizer + snapshot + corpus + max(step, evaluation). */
  weights: number;
  optimizer: number;
  snapshot: number;
  corpus: number;
  /** The larger training phase (backward pass or update), gradients included. */
  step: number;
  /** Of which: activations kept for the backward pass (gates, hidden states, logits chain). */
  activations: number;
  /** Of which: per-step pieces of the weight gradients that tfjs's tape keeps until the backward pass ends. */
  stepGradients: number;
  evaluation: number;
  peakBytes: number;
  largest: LargestBuffer;
}

export const GATE_BLOCKS: Record<CellType, number> = { rnn: 1, gru: 3, lstm: 4 };

/** tfjs optimiser state, in copies of the weights. */
const TFJS_SLOTS: Record<TextOptimizer, number> = { adam: 2, rmsprop: 2, adagrad: 1, sgd: 0 };
/** from-scratch optimiser state (optimizers.ts), in copies of θ. */
const SCRATCH_SLOTS: Record<TextOptimizer, number> = { adam: 2, rmsprop: 1, adagrad: 1, sgd: 0 };

/** Fitted backward-pass coefficients (see the header): a·N·G·H·L, b·N·V, c·(T−1)·G·H²·(2L−1), d·T·G·H·V. */
const BACKWARD: Record<CellType, { a: number; b: number; c: number; d: number }> = {
  rnn: { a: 14.5, b: 15, c: 0, d: 2 },
  gru: { a: 15, b: 17.5, c: 2, d: 1.5 },
  lstm: { a: 11.5, b: 13, c: 1.2, d: 1.5 },
};

/**
 * Backends whose training graph runs the LSTM as one op with its BPTT written out (lstmLayer.ts; unrolled.ts
 * reads this set, so the graph and this estimate cannot disagree). WebGL and WebGPU keep autodiff (the graph
 * the Speed page's "TensorFlow.js ops" entries measure); WebGPU's fused kernels are another path.
 */
export const WRITTEN_OUT_LSTM_BACKENDS: ReadonlySet<string> = new Set(['cpu', 'wasm']);

/**
 * The LSTM written out (lstmLayer.ts, one tidy per step): it keeps a_t, c_t, τ_t and h_t per step (7·B·H of
 * the 16·B·H that a·N·G·H counts per step at a = 4) and takes ∂U as one product, so no per-step ∂U pieces
 * (c = 0); its first layer looks up the whole window at once, so one [V, G·H] lookup-gradient piece, not T.
 * Fitted as above on the CPU backend, and within 1.5× on WASM with the same op.
 */
const BACKWARD_LSTM_WRITTEN_OUT = { a: 4.5, b: 13, c: 0, d: 1.5 };


/** Trainable parameters of the TensorFlow.js model (model.ts), without building it. */
export function tfjsParamCount(model: TextModelSpec): number {
  const { hidden: H, layers: L, vocabSize: V } = model;
  const GH = GATE_BLOCKS[model.cell] * H;
  const D = model.input === 'embedding' ? model.embedding : V;
  const embedding = model.input === 'embedding' ? V * model.embedding : 0;
  return embedding + D * GH + (L - 1) * H * GH + L * (H * GH + GH) + H * V + V;
}

/** Parameters of the from-scratch RNN (rnnParams.ts): Wxh, Whh, Why, bh, by. */
export function scratchParamCount(hidden: number, vocab: number): number {
  return 2 * hidden * vocab + hidden * hidden + hidden + vocab;
}

function largestOf(candidates: [string, number, number][], bytesPerValue: number): LargestBuffer {
  let best = candidates[0];
  for (const c of candidates) if (c[1] * c[2] > best[1] * best[2]) best = c;
  const values = best[1] * best[2];
  return { what: best[0], shape: [best[1], best[2]], values, bytes: values * bytesPerValue };
}

/** Memory of a TensorFlow.js engine (tfjs/engine.ts with unrolled.ts) training `setting`. */
function estimateTfjs(s: ResourceSetting, backend: ResourceBackend): ResourceEstimate {
  const { model, train } = s;
  const { hidden: H, layers: L, vocabSize: V, cell } = model;
  const G = GATE_BLOCKS[cell];
  const T = train.seqLength;
  const B = train.batchSize;
  const N = T * B;
  const D = model.input === 'embedding' ? model.embedding : V;
  const P = tfjsParamCount(model);
  const f = 4;
  const weightShapes: [string, number, number][] = [
    ['the output layer [hidden, vocabulary]', H, V],
    [`the first layer's input table [vocabulary, ${G}·hidden]`, V, G * H],
    ['a recurrent kernel', H, G * H],
  ];
  if (model.input === 'embedding') weightShapes.push(['the embedding [vocabulary, embedding]', V, model.embedding]);
  if (D !== V) weightShapes.push(['the first kernel', D, G * H]);
  const largestWeight = Math.max(...weightShapes.map(([, r, c]) => r * c));

  const writtenOut = cell === 'lstm' && WRITTEN_OUT_LSTM_BACKENDS.has(backend);
  const k = writtenOut ? BACKWARD_LSTM_WRITTEN_OUT : BACKWARD[cell];
  // Dropout keeps a mask and the dropped copy of every layer's outputs.
  const activations = k.a * N * G * H * L + k.b * N * V + (model.dropout > 0 ? 3 * N * H * L : 0);
  const lookupPieces = cell === 'rnn' || writtenOut ? 1 : T; // [V, G·H] first-layer gradient pieces on the tape
  const stepPieces = k.c * Math.max(0, T - 1) * G * H * H * (2 * L - 1) + k.d * lookupPieces * G * H * V;
  const backward = activations + stepPieces + 2 * P;
  const optimizerTemps: Record<TextOptimizer, number> = { adam: 14 * P, rmsprop: 15 * largestWeight, adagrad: 7 * largestWeight, sgd: 2 * largestWeight };
  const update = 2 * P + optimizerTemps[train.optimizer];
  const valid = Math.max(0, (s.validTokens ?? 0) - 1);
  const evalPositions = Math.min(valid, evalRowsPerPass(V) * EVAL_ROW);
  const evaluation = 5 * evalPositions * V;
  const step = Math.max(backward, update);

  const weights = P * f;
  const optimizer = TFJS_SLOTS[train.optimizer] * P * f;
  const snapshot = P * f;
  const corpus = ((s.trainTokens ?? 0) + (s.validTokens ?? 0)) * 4;
  const largest = largestOf(
    [
      ...weightShapes,
      ['the logits of a training step [window·batch, vocabulary]', N, V],
      ['the logits of a validation pass [positions, vocabulary]', evalPositions, V],
      ['the training text [1, characters]', 1, s.trainTokens ?? 0],
    ],
    f,
  );
  return {
    engine: 'tfjs',
    params: P,
    bytesPerValue: f,
    weights,
    optimizer,
    snapshot,
    corpus,
    step: Math.ceil(step * f),
    activations: Math.ceil(activations * f),
    stepGradients: Math.ceil(stepPieces * f),
    evaluation: Math.ceil(evaluation * f),
    peakBytes: weights + optimizer + snapshot + corpus + Math.ceil(Math.max(step, evaluation) * f),
    largest,
  };
}

/** Memory of the from-scratch engine (scratchRnnEngine.ts, rnnWindow.ts), exact, float64. */
function estimateScratch(s: ResourceSetting): ResourceEstimate {
  const { hidden: H, vocabSize: V } = s.model;
  const T = s.train.seqLength;
  const B = s.train.batchSize;
  const P = scratchParamCount(H, V);
  const f = 8;
  // RnnWindow: hs (T+1)·H, ps T·V, WhyT H·V, WhhT H², dhNext H, draws T·H; carried state B·H.
  const window = (T + 1) * H + T * V + H * V + H * H + H + T * H + B * H;
  const batchArrays = 2 * B * T * 4; // inputs and targets, int32, per step
  const evaluation = (2 * H + V) * f;
  const weights = P * f;
  const optimizer = SCRATCH_SLOTS[s.train.optimizer] * P * f;
  const snapshot = P * f;
  const corpus = ((s.trainTokens ?? 0) + (s.validTokens ?? 0)) * 4;
  const step = P * f + window * f + batchArrays; // gradient θ-sized, the window's buffers
  return {
    engine: 'scratch',
    params: P,
    bytesPerValue: f,
    weights,
    optimizer,
    snapshot,
    corpus,
    step,
    activations: ((T + 1) * H + T * V + T * H) * f,
    stepGradients: 0,
    evaluation,
    peakBytes: weights + optimizer + snapshot + corpus + Math.max(step, evaluation),
    largest: largestOf(
      [
        ['the weights θ [1, parameters]', 1, P],
        ['the probabilities of a window [window, vocabulary]', T, V],
      ],
      f,
    ),
  };
}

/** Memory needed to train `setting` on `backend` ('scratch' = the from-scratch engine, else TensorFlow.js). */
export function estimateResources(setting: ResourceSetting, backend: ResourceBackend): ResourceEstimate {
  return backend === 'scratch' ? estimateScratch(setting) : estimateTfjs(setting, backend);
}
