// Self-checks of the fused WebGPU kernels, run in a browser worker on the webgpu backend (headless Chromium's
// software adapter in `npm test`: tests/e2e/gpu-check.spec.ts, through src/workers/gpuCheck.worker.ts).
// Node has no WebGPU, so these cannot be vitest tests; they publish numbers the e2e spec asserts on.
//   agreement  the fused graph against unrolled.ts's TensorFlow.js-ops graph on the same weights and batch:
//              max |Δlogits| and the max relative gradient error of every weight, per cell × input × layers,
//              with awkward sizes (hidden 33 and 300 against workgroups of 64 and 256, batch 1, window 1,
//              vocabulary 2, a window split over several dispatches, batch 5 against the LSTM kernels' 4 rows
//              per workgroup)
//   finite     the fused gradients against float64 central differences through the JS stepper (stepper.ts)
//   memory     tensor count before and after many fused training steps (must not grow)
//   engine     the engine's fused training step (windows cut by windowIds.ts, time-major evaluation rows,
//              the fused optimiser) against its TensorFlow.js-ops step on the same windows: the first
//              step's loss, and the evaluation loss after a few steps
//   dispatch   compute dispatches and ms per training step, fused and TensorFlow.js ops (dispatchCounter.ts)
//   timing     (for tuning, not asserted) ms of the fused layer's kernels against tf.matMul, and a tf.profile
//              of one fused step by kernel and input shapes (our kernels show inside the customGrad "forward")
import * as tf from '../../../tf';
import type { CellType, InputEncoding, TextModelSpec, TextTrainSpec } from '../../engine';
import { TfjsTextEngine } from '../../tfjs/engine';
import { meanCrossEntropy } from '../../tfjs/loss';
import { buildTextModel, describeTextModel } from '../../tfjs/model';
import { JsCharStepper, readStepperWeights, sequenceLoss, type StepperWeights } from '../../tfjs/stepper';
import { timeMajor, unrolledLogits } from '../../tfjs/unrolled';
import { dispatchCount } from '../dispatchCounter';
import { setStepsPerDispatch } from '../program';
import { fusedCrossEntropy } from '../softmaxCrossEntropy';

export interface CaseSize {
  cell: CellType;
  input: InputEncoding;
  layers: number;
  hidden: number;
  embedding: number;
  batch: number;
  window: number;
  vocab: number;
  /** Forced steps per dispatch (chunked windows); default: the whole window. */
  chunk?: number;
}

export interface AgreementResult extends CaseSize {
  ms: number;
  logitsMaxAbs: number;
  lossAbs: number;
  gradMaxRel: number;
}

export interface FiniteResult {
  cell: CellType;
  lossAbs: number;
  gradMaxRel: number;
}

export interface MemoryResult {
  cell: CellType;
  steps: number;
  before: number;
  after: number;
}

export interface EngineResult {
  cell: CellType;
  /** |fused − ops| of the first step's loss (the same weights and windows). */
  firstLossAbs: number;
  /** |fused − ops| of the evaluation loss after `steps` steps (nats/char; the weights differ by rounding). */
  evalAbs: number;
  steps: number;
}

export interface DispatchResult {
  cell: CellType;
  hidden: number;
  batch: number;
  window: number;
  embedding: number;
  vocab: number;
  fused: { perStep: number; msPerStep: number; charsPerSec: number; evaluate: number; stepper: number };
  ops: { perStep: number; msPerStep: number; charsPerSec: number; evaluate: number; stepper: number };
}

/** Deterministic token ids in 0 … V−1. */
function tokens(n: number, V: number, seed: number): Int32Array {
  let s = seed >>> 0 || 1;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % V;
  }
  return out;
}

/** max |a − b| / max(|b|, floor) over all entries. */
function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return worst;
}

function maxAbsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function modelSpec(c: Pick<CaseSize, 'cell' | 'input' | 'layers' | 'hidden' | 'embedding' | 'vocab'>): TextModelSpec {
  return { cell: c.cell, layers: c.layers, hidden: c.hidden, input: c.input, embedding: c.embedding, dropout: 0, vocabSize: c.vocab };
}

/**
 * A model with weights ~N(0, σ²), σ = 0.5 (less for wide layers: 0.5·√(8 / fan-in)), so the gates are far
 * from their initial, nearly linear regime without saturating (where 1 − h² cancels and both graphs'
 * gradients become float32 noise).
 */
function randomModel(spec: TextModelSpec, seed: number): tf.LayersModel {
  const net = buildTextModel(spec, seed);
  const std = (shape: number[]) => 0.5 * Math.min(1, Math.sqrt(8 / shape[0]));
  tf.tidy(() => net.setWeights(net.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, std(w.shape), 'float32', seed + i))));
  return net;
}

/** Logits, loss and every weight's gradient of one batch, fused or through TensorFlow.js ops. */
async function lossAndGrads(net: tf.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D, fused: boolean) {
  const structure = describeTextModel(net);
  const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const logits = tf.tidy(() => unrolledLogits(structure, x, false, { fused }));
  const { value, grads } = tf.tidy(() =>
    tf.variableGrads(() => {
      const l = unrolledLogits(structure, x, true, { fused });
      return fused ? fusedCrossEntropy(l, timeMajor(y), 'mean') : meanCrossEntropy(l, timeMajor(y));
    }, vars),
  );
  try {
    return {
      logits: await logits.data(),
      loss: (await value.data())[0],
      // A weight the graph never uses (U at window 1 in the ops graph, which skips h_{−1} = 0) has no gradient.
      grads: await Promise.all(vars.map((v) => (grads[v.name] ? grads[v.name].data() : new Float32Array(v.size)))),
    };
  } finally {
    tf.dispose([logits, value, ...Object.values(grads)]);
  }
}

/** The fused graph against the TensorFlow.js-ops graph, on the same weights and batch. */
export async function checkAgreement(c: CaseSize, seed = 7): Promise<AgreementResult> {
  const net = randomModel(modelSpec(c), seed);
  const ids = tokens(c.batch * (c.window + 1), c.vocab, seed);
  const xs = new Int32Array(c.batch * c.window);
  const ys = new Int32Array(c.batch * c.window);
  for (let b = 0; b < c.batch; b++) {
    for (let t = 0; t < c.window; t++) {
      xs[b * c.window + t] = ids[b * (c.window + 1) + t];
      ys[b * c.window + t] = ids[b * (c.window + 1) + t + 1];
    }
  }
  const x = tf.tensor2d(xs, [c.batch, c.window], 'int32');
  const y = tf.tensor2d(ys, [c.batch, c.window], 'int32');
  if (c.chunk) setStepsPerDispatch(c.chunk);
  const t0 = performance.now();
  try {
    const ops = await lossAndGrads(net, x, y, false);
    const fused = await lossAndGrads(net, x, y, true);
    return {
      ...c,
      ms: Math.round(performance.now() - t0),
      logitsMaxAbs: maxAbsError(fused.logits, ops.logits),
      lossAbs: Math.abs(fused.loss - ops.loss),
      gradMaxRel: Math.max(...ops.grads.map((g, i) => maxRelativeError(fused.grads[i], g, 1e-4))),
    };
  } finally {
    setStepsPerDispatch(null);
    tf.dispose([x, y]);
    net.dispose();
  }
}

/** The default agreement cases: every cell × input, 1–3 layers, with awkward sizes. */
export function agreementCases(): CaseSize[] {
  const cells: CellType[] = ['rnn', 'gru', 'lstm'];
  return cells.flatMap((cell): CaseSize[] => [
    { cell, input: 'onehot', layers: 1, hidden: 7, embedding: 0, batch: 3, window: 5, vocab: 6 },
    { cell, input: 'embedding', layers: 2, hidden: 33, embedding: 4, batch: 2, window: 4, vocab: 5 },
    { cell, input: 'embedding', layers: 3, hidden: 5, embedding: 3, batch: 1, window: 1, vocab: 2 },
    { cell, input: 'onehot', layers: 1, hidden: 300, embedding: 0, batch: 2, window: 3, vocab: 4 },
    { cell, input: 'embedding', layers: 2, hidden: 16, embedding: 3, batch: 5, window: 7, vocab: 5, chunk: 3 },
  ]);
}

/** Float64 copies of every weight array, in the model's trainableWeights order (as the stepper test). */
function float64Weights(w: StepperWeights): { sw: StepperWeights; arrays: Float64Array[] } {
  const f = (a: Float32Array | Float64Array) => Float64Array.from(a);
  const sw: StepperWeights = {
    ...w,
    embedding: w.embedding && f(w.embedding),
    layers: w.layers.map((l) => ({ ...l, kernel: f(l.kernel), recurrent: f(l.recurrent), bias: f(l.bias) })),
    outKernel: f(w.outKernel),
    outBias: f(w.outBias),
  };
  const arrays = [...(sw.embedding ? [sw.embedding] : []), ...sw.layers.flatMap((l) => [l.kernel, l.recurrent, l.bias]), sw.outKernel, sw.outBias];
  return { sw, arrays: arrays as Float64Array[] };
}

/** The fused gradients against float64 central differences of the JS stepper's loss (one sequence). */
export async function checkFiniteDifferences(cell: CellType, seed = 3): Promise<FiniteResult> {
  const spec = modelSpec({ cell, input: 'embedding', layers: 2, hidden: 4, embedding: 3, vocab: 5 });
  const net = randomModel(spec, seed);
  const seq = tokens(7, spec.vocabSize, seed);
  const T = seq.length - 1;
  const x = tf.tensor2d(seq.subarray(0, T), [1, T], 'int32');
  const y = tf.tensor2d(seq.subarray(1), [1, T], 'int32');
  try {
    const fused = await lossAndGrads(net, x, y, true);
    const { sw, arrays } = float64Weights(await readStepperWeights(net));
    const stepper = new JsCharStepper(sw);
    const loss = () => sequenceLoss(stepper, seq);
    let worst = 0;
    arrays.forEach((param, i) => {
      const numeric = new Float64Array(param.length);
      for (let k = 0; k < param.length; k++) {
        const keep = param[k];
        param[k] = keep + 1e-5;
        const up = loss();
        param[k] = keep - 1e-5;
        const down = loss();
        param[k] = keep;
        numeric[k] = (up - down) / 2e-5;
      }
      worst = Math.max(worst, maxRelativeError(fused.grads[i], numeric, 1e-4));
    });
    return { cell, lossAbs: Math.abs(loss() - fused.loss), gradMaxRel: worst };
  } finally {
    tf.dispose([x, y]);
    net.dispose();
  }
}

function trainSpec(batch: number, window: number): TextTrainSpec {
  return { seqLength: window, batchSize: batch, optimizer: 'adam', learningRate: 0.01, clipNorm: 5, seed: 1 };
}

/** Tensor count before and after `steps` fused training steps (with an evaluation in between). */
export async function checkMemory(cell: CellType, steps = 12): Promise<MemoryResult> {
  const spec = modelSpec({ cell, input: 'embedding', layers: 2, hidden: 9, embedding: 4, vocab: 7 });
  const engine = new TfjsTextEngine(buildTextModel(spec, 1), trainSpec(3, 6), tokens(200, spec.vocabSize, 5));
  try {
    await engine.train(4);
    await engine.flushLoss();
    const before = tf.memory().numTensors;
    await engine.train(steps);
    await engine.evaluate(tokens(40, spec.vocabSize, 9));
    await engine.flushLoss();
    return { cell, steps, before, after: tf.memory().numTensors };
  } finally {
    engine.dispose();
  }
}

/** The engine's fused step against its ops step on the same windows (see the header). */
export async function checkEngine(cell: CellType, steps = 3): Promise<EngineResult> {
  const spec = modelSpec({ cell, input: 'embedding', layers: 2, hidden: 9, embedding: 4, vocab: 7 });
  const corpus = tokens(300, spec.vocabSize, 5);
  const held = tokens(80, spec.vocabSize, 9);
  const run = async (fusedKernels: boolean) => {
    let call = 0; // the same deterministic window starts for both engines, step by step
    const windowStarts = (B: number, span: number) => {
      const c = call++;
      return Array.from({ length: B }, (_, b) => (37 * (c * B + b) + 11) % span);
    };
    const engine = new TfjsTextEngine(buildTextModel(spec, 1), trainSpec(3, 6), corpus, { fusedKernels, lossReadEvery: 1, windowStarts });
    try {
      const first = (await engine.train(1)).loss ?? NaN;
      await engine.train(steps - 1);
      return { first, evaluation: await engine.evaluate(held) };
    } finally {
      engine.dispose();
    }
  };
  const fused = await run(true);
  const ops = await run(false);
  return { cell, firstLossAbs: Math.abs(fused.first - ops.first), evalAbs: Math.abs(fused.evaluation - ops.evaluation), steps };
}

/** Dispatches and time per training step (and per evaluation of `evalChars`), one engine. */
async function measureEngine(spec: TextModelSpec, batch: number, window: number, fused: boolean, steps: number, evalChars: number) {
  const corpus = tokens(20_000, spec.vocabSize, 11);
  const engine = new TfjsTextEngine(buildTextModel(spec, 1), trainSpec(batch, window), corpus, { fusedKernels: fused, lossReadEvery: 4 });
  try {
    await engine.train(4); // compiles every pipeline; the lab reads the loss every 4 steps
    let n = dispatchCount();
    const t0 = performance.now();
    await engine.train(steps);
    await engine.flushLoss();
    const ms = (performance.now() - t0) / steps;
    const perStep = (dispatchCount() - n) / steps;
    n = dispatchCount();
    await engine.evaluate(tokens(evalChars + 1, spec.vocabSize, 13));
    const evaluate = dispatchCount() - n;
    n = dispatchCount();
    await engine.stepper();
    const stepper = dispatchCount() - n;
    return { perStep, msPerStep: ms, charsPerSec: (batch * window * 1000) / ms, evaluate, stepper };
  } finally {
    engine.dispose();
  }
}

/** Dispatches per training step, fused and through TensorFlow.js ops, for one model (default: the lab's). */
export async function checkDispatches(
  cell: CellType,
  size: { hidden: number; batch: number; window: number; embedding: number; vocab: number; steps: number; evalChars: number; skipOps?: boolean },
): Promise<DispatchResult> {
  const spec = modelSpec({ cell, input: 'embedding', layers: 1, hidden: size.hidden, embedding: size.embedding, vocab: size.vocab });
  const fused = await measureEngine(spec, size.batch, size.window, true, size.steps, size.evalChars);
  const ops = size.skipOps ? fused : await measureEngine(spec, size.batch, size.window, false, size.steps, size.evalChars);
  return { cell, hidden: size.hidden, batch: size.batch, window: size.window, embedding: size.embedding, vocab: size.vocab, fused, ops };
}

/** Milliseconds of one fused layer's forward, and forward + backward, and of a matmul of the same size. */
export async function timeKernels(cell: CellType, H: number, B: number, T: number, repeats = 2): Promise<Record<string, number>> {
  const G = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  const X = tf.randomNormal([T * B, G * H], 0, 0.5, 'float32', 1) as tf.Tensor2D;
  const U = tf.randomNormal([H, G * H], 0, 0.1, 'float32', 2) as tf.Tensor2D;
  const time = async (f: () => tf.Tensor) => {
    await tf.tidy(f).data().then(() => undefined); // compile
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const out = tf.tidy(f);
      await out.data();
      out.dispose();
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const { fusedRecurrentLayer, forward, backward } = await import('../fusedLayer');
  const F = forward(cell, X, U, T, B, H);
  const UT = tf.transpose(U) as tf.Tensor2D;
  const dY = tf.randomNormal([T * B, H], 0, 0.1, 'float32', 3);
  const { simpleMatMul } = await import('../simpleMatMul');
  const { transpose2d } = await import('../transpose');
  const hs = tf.reshape(tf.slice(F, [0], [T * B * H]), [T * B, H]) as tf.Tensor2D;
  const Wout = tf.randomNormal([H, 89], 0, 0.1, 'float32', 4) as tf.Tensor2D;
  const dLogits = tf.randomNormal([T * B, 89], 0, 0.1, 'float32', 5) as tf.Tensor2D;
  const result = {
    // The fused path's whole-window products (simpleMatMul.ts) for this layer and a vocabulary of 89.
    dUfused: await time(() => simpleMatMul(hs, X, 'tn')),
    logitsFused: await time(() => simpleMatMul(hs, Wout, 'nn')),
    dHfused: await time(() => simpleMatMul(dLogits, Wout, 'nt')),
    dWoutFused: await time(() => simpleMatMul(hs, dLogits, 'tn')),
    transposeU: await time(() => transpose2d(U)),
    transposeUtfjs: await time(() => tf.transpose(U)),
    backwardKernel: await time(() => backward(cell, dY, UT, F, T, B, H)),
    dU: await time(() => tf.matMul(tf.reshape(tf.slice(F, [0], [T * B * H]), [T * B, H]), X, true, false)),
    dUplain: await time(() => tf.matMul(tf.transpose(tf.reshape(tf.slice(F, [0], [T * B * H]), [T * B, H])), X)),
    forward: await time(() => fusedRecurrentLayer(cell, X, U, T)),
    forwardBackward: await time(() => tf.grad((x: tf.Tensor) => tf.sum(fusedRecurrentLayer(cell, x as tf.Tensor2D, U, T)))(X)),
    matmulSameMacs: await time(() => tf.matMul(tf.reshape(X, [T * B * G, H]), U)),
  };
  tf.dispose([X, U, F, UT, dY, hs, Wout, dLogits]);
  return result;
}

/** Kernel names and their summed ms (tf.profile) over one fused training step of the given model. */
export async function profileStep(cell: CellType, H: number, B: number, T: number, fused = true): Promise<Record<string, number>> {
  const spec = modelSpec({ cell, input: 'embedding', layers: 1, hidden: H, embedding: 32, vocab: 89 });
  const engine = new TfjsTextEngine(buildTextModel(spec, 1), trainSpec(B, T), tokens(20_000, 89, 11), { fusedKernels: fused, lossReadEvery: 1 });
  try {
    await engine.train(1);
    const info = await tf.profile(async () => {
      await engine.train(1);
      return [];
    });
    const out: Record<string, number> = {};
    for (const k of info.kernels) {
      const ms = Number(await Promise.resolve(k.kernelTimeMs as number | { error: string }));
      const name = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      out[name] = (out[name] ?? 0) + (Number.isFinite(ms) ? ms : 0);
    }
    return out;
  } finally {
    engine.dispose();
  }
}
