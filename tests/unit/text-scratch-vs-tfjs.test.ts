// The from-scratch vanilla RNN and TensorFlow.js's SimpleRNN + Dense are the same model: with the same
// weights (transposed, see src/core/text/tfjs/fromScratch.ts) they compute the same probabilities, and the
// two engines, fed the same windows, train along the same path.
//
// Precision: the scratch engine is float64, TensorFlow.js float32, so "the same" means within float32
// rounding. Measured (CPU backend) → asserted:
//   forward, per-step probabilities    ≤ 1.1e-7 relative   → 1e-5;  window loss ≤ 5.4e-8 → 1e-5
//   SGD, 50 steps: every step's loss   ≤ 8.8e-8 relative   → 1e-4;  final weights ≤ 1.9e-7 absolute,
//                                                                    1.4e-5 relative per weight → 1e-4
//   Adagrad, 50 steps: every loss      ≤ 4.0e-6 relative   → 1e-4;  final weights ≤ 3.6e-5 absolute,
//                                                                    1.3e-5 relative in norm → 1e-4
// (Adagrad amplifies rounding: see minCharAdagrad below.)
//
// Training setup (what is aligned, and why):
//  • Windows: min-char-rnn's on the reference corpus (inputs corpus[p : p+T], targets shifted by one, p
//    advancing by T), fed to both engines through their test hooks (a BatchSampler for the scratch engine,
//    windowStarts for the tfjs one). Every window starts from ZERO hidden state in both engines: the tfjs
//    engine never carries state between windows, so the scratch sampler asks for a reset on every batch.
//  • No clipping (clipNorm 0): the engines clip differently (elementwise vs global norm).
//  • Loss scale: the scratch gradient is the loss SUMMED over the T steps (min-char-rnn), the tfjs engine's
//    is the MEAN over the T steps, i.e. T times smaller. Both report the mean per character.
//      SGD: θ −= lr·g, so the tfjs learning rate is T·lr.
//      Adagrad: min-char-rnn does mem += g², θ −= lr·g/√(mem + 1e-8), mem₀ = 0. tfjs does
//        acc += g'², θ −= lr·g'/√(acc + ε), acc₀ = initialAccumulatorValue, ε = the backend's epsilon
//        (1e-7 in float32, not configurable). With g' = g/T: lr·(g/T)/√(Σg²/T² + acc₀ + ε)
//        = lr·g/√(Σg² + T²(acc₀ + ε)), which is min-char-rnn's update exactly when acc₀ = 1e-8/T² − ε.
//        That acc₀ is negative (tfjs documents "positive" but does not check); acc + ε stays ≥ 1e-8/T² > 0.
//        The page's tfjs engine uses acc₀ = 0.1 instead, i.e. a far larger effective ε (T²·0.1): the
//        engines' Adagrads only agree with this configuration.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchSampler } from '../../src/core/text/corpusBatches';
import type { TextOptimizer, TextTrainSpec } from '../../src/core/text/engine';
import { paramsFromNested, parseReferenceFile, RnnStepper, RnnWindow, ScratchRnnEngine, type RnnParams } from '../../src/core/text/scratch';
import { TfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { layersModelToScratch, scratchModelSpec, scratchToLayersModel } from '../../src/core/text/tfjs/fromScratch';
import { importTextModel } from '../../src/core/text/tfjs/export';
import { sumCrossEntropy } from '../../src/core/text/tfjs/loss';
import { buildTextModel } from '../../src/core/text/tfjs/model';
import { vocabToJson } from '../../src/core/text/tfjs/vocabJson';
import { exportEngine, importEngine } from '../../src/workers/text/engineFiles';

const FIXTURE = readFileSync(new URL('../fixtures/minchar_rnn_small.json', import.meta.url), 'utf8');
const ref = parseReferenceFile(FIXTURE);
const { tokens, seqLength: T, vocabSize: V } = ref.run;
const H = ref.hidden;
const init: RnnParams = ref.run.params; // parseReferenceFile gives a fresh copy; nothing below mutates it

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** |a − b| / max(|a|, |b|, floor), the worst over the arrays. */
function maxRel(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-12): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), Math.abs(b[i]), floor));
  return worst;
}

/** Probabilities [T][V] and summed loss of the tfjs model on one window, from zero state. */
async function tfjsWindow(net: tf.LayersModel, off: number): Promise<{ probs: Float32Array; loss: number }> {
  const [probsT, lossT] = tf.tidy(() => {
    const x = tf.oneHot(tf.tensor2d(tokens.slice(off, off + T), [1, T], 'int32'), V).toFloat();
    const logits = net.predict(x) as tf.Tensor;
    return [tf.softmax(logits), sumCrossEntropy(logits, tf.tensor2d(tokens.slice(off + 1, off + T + 1), [1, T], 'int32'))];
  });
  try {
    return { probs: (await probsT.data()) as Float32Array, loss: (await lossT.data())[0] };
  } finally {
    tf.dispose([probsT, lossT]);
  }
}

describe('the scratch RNN as a TensorFlow.js SimpleRNN', () => {
  it('computes the same probabilities and window loss from the same weights', async () => {
    const before = tf.memory().numTensors;
    const net = scratchToLayersModel(init);
    try {
      for (const off of [0, 1000, 2500]) {
        const tfjs = await tfjsWindow(net, off);
        // Scratch: per-step probabilities from the stepper, and the loss from the training window code.
        const stepper = new RnnStepper(init);
        const probs = new Float64Array(T * V);
        for (let t = 0; t < T; t++) probs.set(stepper.next(tokens[off + t]), t * V);
        const loss = new RnnWindow(H, V, T).run(init, tokens, tokens.subarray(1), off, T, new Float64Array(H));
        // Float32 weights, activations and sums against float64: measured ≤ ~3e-7 relative.
        expect(maxRel(tfjs.probs, probs)).toBeLessThan(1e-5);
        expect(maxRel([tfjs.loss], [loss])).toBeLessThan(1e-5);
      }
    } finally {
      net.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('maps back: layersModelToScratch inverts scratchToLayersModel up to float32 rounding', async () => {
    const net = scratchToLayersModel(init);
    try {
      const back = await layersModelToScratch(net);
      expect([back.hidden, back.vocab]).toEqual([H, V]);
      // Exactly the float32-rounded weights: the mapping itself (a transpose) adds no error.
      expect(Array.from(back.theta)).toEqual(Array.from(init.theta, Math.fround));
    } finally {
      net.dispose();
    }
  });

  it('refuses models the scratch engine cannot run', async () => {
    const gru = buildTextModel({ ...scratchModelSpec(8, V), cell: 'gru' }, 0);
    try {
      await expect(layersModelToScratch(gru)).rejects.toThrow(/vanilla RNN/);
    } finally {
      gru.dispose();
    }
  });
});

/** min-char-rnn's window starts: p = 0, T, 2T, …, back to 0 when p + T + 1 ≥ n. */
function minCharStarts(steps: number): number[] {
  const starts: number[] = [];
  let p = 0;
  for (let n = 0; n < steps; n++) {
    if (p + T + 1 >= tokens.length) p = 0;
    starts.push(p);
    p += T;
  }
  return starts;
}

/** A one-row sampler over the given starts, asking for a zero state on every batch. */
function startsSampler(starts: number[]): BatchSampler {
  let i = 0;
  return {
    batchSize: 1,
    seqLength: T,
    mode: 'sequential',
    next() {
      const o = starts[i++];
      return { inputs: tokens.slice(o, o + T), targets: tokens.slice(o + 1, o + T + 1), resetState: true };
    },
  };
}

/**
 * tfjs's Adagrad configured to take min-char-rnn's steps on gradients T times smaller (see the header):
 * accumulator start 1e-8/T² − ε. Measured on this run: with acc₀ = 0 instead, the losses part by 7% and the
 * weights by up to 0.96 within 50 steps; the ε term matters for every weight whose gradient is small.
 * Float32 cost of the shift: acc₀ ≈ −1e-7 while Σg'² can be ~1e-10, so the denominator of such a weight is
 * known to ~1e-4 relative (one float32 ulp at 1e-7 is ~7e-15) — the main source of the Adagrad run's
 * remaining ~4e-5 weight differences, against ~2e-7 for SGD.
 */
function minCharAdagrad(learningRate: number): tf.Optimizer {
  return tf.train.adagrad(learningRate, 1e-8 / T ** 2 - tf.backend().epsilon());
}

/** Largest absolute difference, and ‖a − b‖ / ‖b‖ over all weights. */
function weightErrors(a: ArrayLike<number>, b: ArrayLike<number>): { maxAbs: number; normRel: number } {
  let maxAbs = 0;
  let d2 = 0;
  let b2 = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    maxAbs = Math.max(maxAbs, Math.abs(d));
    d2 += d * d;
    b2 += b[i] * b[i];
  }
  return { maxAbs, normRel: Math.sqrt(d2 / b2) };
}

interface PathComparison {
  scratchLosses: number[];
  tfjsLosses: number[];
  scratchFinal: Float64Array;
  tfjsFinal: Float64Array;
  tensorsAfterFirst: number;
  tensorsAfterLast: number;
}

async function trainBoth(optimizer: TextOptimizer, learningRate: number, steps: number): Promise<PathComparison> {
  const starts = minCharStarts(steps);
  const train: TextTrainSpec = { seqLength: T, batchSize: 1, optimizer, learningRate, clipNorm: 0, seed: 0 };
  const scratch = new ScratchRnnEngine(scratchModelSpec(H, V), train, tokens, { init, sampler: startsSampler(starts) });
  let next = 0;
  const tfjs = new TfjsTextEngine(
    scratchToLayersModel(init),
    // The tfjs gradient is the scratch one divided by T (mean vs sum over the window): see the header.
    { ...train, learningRate: optimizer === 'sgd' ? learningRate * T : learningRate },
    tokens,
    {
      lossReadEvery: 1,
      windowStarts: () => [starts[next++]],
      createOptimizer: (t) =>
        optimizer === 'sgd' ? tf.train.sgd(t.learningRate) : minCharAdagrad(t.learningRate),
    },
  );
  const out: PathComparison = { scratchLosses: [], tfjsLosses: [], scratchFinal: new Float64Array(), tfjsFinal: new Float64Array(), tensorsAfterFirst: 0, tensorsAfterLast: 0 };
  try {
    for (let s = 0; s < steps; s++) {
      out.scratchLosses.push((await scratch.train(1)).loss!);
      const burst = await tfjs.train(1);
      if (burst.loss === undefined) throw new Error('the tfjs engine did not read its loss');
      out.tfjsLosses.push(burst.loss);
      if (s === 0) out.tensorsAfterFirst = tf.memory().numTensors;
    }
    out.tensorsAfterLast = tf.memory().numTensors;
    out.scratchFinal = paramsFromNested(scratch.weights()).theta;
    out.tfjsFinal = (await layersModelToScratch(tfjs.net)).theta;
  } finally {
    scratch.dispose();
    tfjs.dispose();
  }
  return out;
}

describe('the scratch and tfjs engines train along the same path', () => {
  const STEPS = 50;

  for (const [optimizer, lr] of [['sgd', 0.1], ['adagrad', 0.1]] as const) {
    it(`${optimizer}, lr ${lr}: ${STEPS} steps on min-char-rnn's windows, zero state per window`, async () => {
      const r = await trainBoth(optimizer, lr, STEPS);
      const lossErr = r.scratchLosses.map((l, i) => maxRel([r.tfjsLosses[i]], [l]));
      // Training moved: the comparison is not of two runs that stood still.
      expect(r.scratchLosses.at(-1)!).toBeLessThan(r.scratchLosses[0] - 0.3);
      for (let i = 0; i < STEPS; i++) expect(lossErr[i], `step ${i}`).toBeLessThan(1e-4);
      const w = weightErrors(r.tfjsFinal, r.scratchFinal);
      expect(w.maxAbs).toBeLessThan(1e-4);
      expect(w.normRel).toBeLessThan(1e-4);
      // Per weight, relative to max(|w|, 1e-3) (a floor so that rounding noise on a weight near zero is not
      // read as a large relative error). Only for SGD: Adagrad moves every weight by about ±lr per step
      // whatever its gradient's size, so a weight that ends near zero after moving ~0.1 carries an absolute
      // error of the path's scale (measured ≤ 4e-5) that is large relative to itself; see weightErrors.
      if (optimizer === 'sgd') expect(maxRel(r.tfjsFinal, r.scratchFinal, 1e-3)).toBeLessThan(1e-4);
      expect(r.tensorsAfterLast).toBe(r.tensorsAfterFirst);
    }, 20000);
  }
});

describe('a from-scratch model saves as a standard LayersModel', () => {
  const train: TextTrainSpec = { seqLength: T, batchSize: 1, optimizer: 'adagrad', learningRate: 0.1, clipNorm: 5, seed: 0 };
  const fields = { vocab: vocabToJson(ref.vocab, 1), step: 5, history: [] };

  async function trainedScratch(): Promise<ScratchRnnEngine> {
    const engine = new ScratchRnnEngine(scratchModelSpec(H, V), train, tokens, { init });
    await engine.train(5);
    return engine;
  }

  it('exports model.json + float32 weights that map back to the same (float32-rounded) weights', async () => {
    const before = tf.memory().numTensors;
    const engine = await trainedScratch();
    const theta = paramsFromNested(engine.weights()).theta;
    const bundle = await exportEngine(engine, train, fields);
    expect(tf.memory().numTensors).toBe(before);

    // The standard format: a Keras-style topology with a SimpleRNN and a Dense, one float32 weights file.
    const json = JSON.parse(bundle.modelJson) as { format: string; modelTopology: unknown; weightsManifest: { weights: { shape: number[] }[] }[] };
    expect(json.format).toBe('layers-model');
    expect(JSON.stringify(json.modelTopology)).toContain('"SimpleRNN"');
    expect(json.weightsManifest[0].weights.map((w) => w.shape)).toEqual([[V, H], [H, H], [H], [H, V], [V]]);
    expect(bundle.weights.byteLength).toBe(4 * theta.length);
    expect(bundle.sidecar).toMatchObject({ engine: 'scratch', step: 5, model: scratchModelSpec(H, V) });

    const { engine: restored } = await importEngine('scratch', structuredClone(bundle), tokens);
    if (!(restored instanceof ScratchRnnEngine)) throw new Error('expected the scratch engine');
    expect(Array.from(paramsFromNested(restored.weights()).theta)).toEqual(Array.from(theta, Math.fround));
    // Float32 rounding of the weights moves the loss by ~1e-7 relative.
    const probe = tokens.subarray(0, 500);
    expect(maxRel([await restored.evaluate(probe)], [await engine.evaluate(probe)])).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);

    // The file is a plain tfjs model too: loaded by tfjs, it predicts what the scratch engine predicts.
    const { net } = await importTextModel(structuredClone(bundle), 'scratch');
    try {
      const tfjs = await tfjsWindow(net, 40);
      const stepper = new RnnStepper(paramsFromNested(engine.weights()));
      const probs = new Float64Array(T * V);
      for (let t = 0; t < T; t++) probs.set(stepper.next(tokens[40 + t]), t * V);
      expect(maxRel(tfjs.probs, probs)).toBeLessThan(1e-5);
    } finally {
      net.dispose();
    }
    // Which engine saved it still decides which engine loads it (unchanged behaviour).
    await expect(importEngine('tfjs', structuredClone(bundle), tokens)).rejects.toThrow(/from-scratch engine/);
    engine.dispose();
    restored.dispose();
  });

  it('still loads the older float64 format (modelJson empty, weights = θ)', async () => {
    const engine = await trainedScratch();
    const theta = paramsFromNested(engine.weights()).theta;
    const bundle = await exportEngine(engine, train, fields);
    const legacy = { ...bundle, modelJson: '', weights: theta.slice().buffer as ArrayBuffer };
    const { engine: restored } = await importEngine('scratch', legacy, tokens);
    if (!(restored instanceof ScratchRnnEngine)) throw new Error('expected the scratch engine');
    expect(paramsFromNested(restored.weights()).theta).toEqual(theta);
    engine.dispose();
    restored.dispose();
  });
});
