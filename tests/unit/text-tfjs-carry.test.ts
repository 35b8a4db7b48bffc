// Carried state (truncated BPTT) in the TensorFlow.js engine, against explicit references:
//  • forward, every cell and depth, on CPU and WASM: window k+1 started from window k's final state gives
//    the logits of one window twice as long read from zero (unrolledLogits' initial / onFinal);
//  • the gradient of ∂U through the carried h_{−1} (the RNN layer's written-out BPTT) against tfjs autodiff of
//    the same graph written as plain ops;
//  • training: the vanilla RNN with carryState follows the from-scratch engine (whose carried-state training
//    is checked against min-char-rnn itself in text-scratch-reference.test.ts) step for step through several
//    wraps of its lanes — state handed over between windows, zeroed when a lane reaches the corpus's end;
//  • the lane cursor is min-char-rnn's pointer rule.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLaneCursor } from '../../src/core/text/corpusBatches';
import type { CellType, TextTrainSpec } from '../../src/core/text/engine';
import { paramsFromNested, parseReferenceFile, ScratchRnnEngine } from '../../src/core/text/scratch';
import { TfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { layersModelToScratch, scratchModelSpec, scratchToLayersModel } from '../../src/core/text/tfjs/fromScratch';
import { buildTextModel, describeTextModel } from '../../src/core/text/tfjs/model';
import { unrolledLogits, type RecurrentState } from '../../src/core/text/tfjs/unrolled';

const V = 7;
const B = 3;
const T = 4;
const IDS = Array.from({ length: B * 2 * T }, (_, i) => (i * 5 + 3) % V); // [B, 2T]

function maxGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap = Math.max(gap, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return gap;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`carried state in unrolledLogits (${backend})`, () => {
    beforeAll(async () => {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      expect(await tf.setBackend(backend)).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    const cases: [CellType, number][] = [];
    for (const cell of ['rnn', 'gru', 'lstm'] as const) cases.push([cell, 1], [cell, 2]);
    for (const [cell, layers] of cases) {
      it(`${cell}, ${layers} layer${layers > 1 ? 's' : ''}: two windows with the state handed over = one long window`, () => {
        const net = buildTextModel({ cell, layers, hidden: 6, input: 'embedding', embedding: 5, dropout: 0, vocabSize: V }, 3);
        const structure = describeTextModel(net);
        const before = tf.memory().numTensors;
        const [whole, split] = tf.tidy(() => {
          const ids = tf.tensor2d(IDS, [B, 2 * T], 'int32');
          const long = unrolledLogits(structure, ids, false); // [2T·B, V], row t·B + b
          const states: RecurrentState[] = [];
          const first = unrolledLogits(structure, tf.slice(ids, [0, 0], [B, T]) as tf.Tensor2D, false, { onFinal: (l, s) => (states[l] = s) });
          expect(states.length).toBe(layers);
          const second = unrolledLogits(structure, tf.slice(ids, [0, T], [B, T]) as tf.Tensor2D, false, { initial: states });
          for (const s of states) tf.dispose([s.h, ...(s.c ? [s.c] : [])]);
          return [long.arraySync(), tf.concat([first, second], 0).arraySync()];
        });
        expect(maxGap(split.flat(), whole.flat())).toBeLessThan(1e-5);
        expect(tf.memory().numTensors).toBe(before);
        net.dispose();
      });
    }

    it('rnn: ∂U with a carried h₋₁ equals autodiff of the same steps', () => {
      const net = buildTextModel({ cell: 'rnn', layers: 1, hidden: 6, input: 'onehot', embedding: 5, dropout: 0, vocabSize: V }, 4);
      const structure = describeTextModel(net);
      const [kernel, recurrent, bias] = structure.recurrent[0].layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const [wOut, bOut] = structure.output.trainableWeights.map((w) => w.read() as tf.Variable);
      const h0 = tf.randomNormal([B, 6], 0, 0.5, 'float32', 7) as tf.Tensor2D;
      const ids = tf.tensor2d(IDS.slice(0, B * T), [B, T], 'int32');
      const weights = [kernel, recurrent, bias, wOut, bOut];
      const ours = tf.variableGrads(() => tf.sum(tf.square(unrolledLogits(structure, ids, true, { initial: [{ h: h0 }] }))) as tf.Scalar, weights);
      const plain = tf.variableGrads(() => {
        const x = tf.oneHot(tf.transpose(ids), V).toFloat(); // [T, B, V]
        let h: tf.Tensor2D = h0;
        let total = tf.scalar(0);
        for (let t = 0; t < T; t++) {
          const xt = tf.reshape(tf.slice(x, [t, 0, 0], [1, B, V]), [B, V]) as tf.Tensor2D;
          h = tf.tanh(tf.add(tf.add(tf.matMul(xt, kernel), tf.matMul(h, recurrent)), bias)) as tf.Tensor2D;
          total = tf.add(total, tf.sum(tf.square(tf.add(tf.matMul(h, wOut), bOut))));
        }
        return total as tf.Scalar;
      }, weights);
      expect(maxGap([ours.value.dataSync()[0]], [plain.value.dataSync()[0]])).toBeLessThan(1e-5);
      for (const w of weights) expect(maxGap(ours.grads[w.name].dataSync(), plain.grads[w.name].dataSync()), w.name).toBeLessThan(1e-4);
      tf.dispose([ours.value, plain.value, ...Object.values(ours.grads), ...Object.values(plain.grads), h0, ids]);
      net.dispose();
    });
  });
}

describe('createLaneCursor', () => {
  it('is min-char-rnn\'s pointer with one lane, and B such pointers over B lanes', () => {
    const n = 103;
    const cursor = createLaneCursor(n, 1, 10);
    let p = 0;
    for (let step = 0; step < 40; step++) {
      const reset = step === 0 || p + 10 + 1 >= n;
      if (reset) p = 0;
      const next = cursor.next();
      expect([next.starts[0], next.resetState]).toEqual([p, reset]);
      p += 10;
    }
    const lanes = createLaneCursor(n, 3, 10); // L = 34: p = 0, 10, 20, then 30 + 11 ≥ 34 wraps
    const seen = Array.from({ length: 5 }, () => lanes.next());
    expect(seen.map((s) => [...s.starts])).toEqual([[0, 34, 68], [10, 44, 78], [20, 54, 88], [0, 34, 68], [10, 44, 78]]);
    expect(seen.map((s) => s.resetState)).toEqual([true, false, false, true, false]);
  });
});

describe('carryState training follows the from-scratch engine (truncated BPTT, lanes, resets)', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('vanilla RNN, SGD, 3 lanes: the same loss at every step through four wraps, the same final weights', async () => {
    const ref = parseReferenceFile(readFileSync(new URL('../fixtures/minchar_rnn_small.json', import.meta.url), 'utf8'));
    const { seqLength: W, vocabSize } = ref.run;
    const tokens = ref.run.tokens.slice(0, 3 * 47); // lanes of 47: windows at p = 0, 10, 20, 30, then a wrap
    const train: TextTrainSpec = { seqLength: W, batchSize: 3, optimizer: 'sgd', learningRate: 0.1, clipNorm: 0, seed: 0 };
    const scratch = new ScratchRnnEngine(scratchModelSpec(ref.hidden, vocabSize), train, tokens, { init: ref.run.params });
    // The scratch gradient sums over the window, the tfjs one averages: SGD takes the same step at T·lr.
    const carried = new TfjsTextEngine(scratchToLayersModel(ref.run.params), { ...train, learningRate: 0.1 * W, carryState: true }, tokens, { lossReadEvery: 1 });
    const fresh = new TfjsTextEngine(scratchToLayersModel(ref.run.params), { ...train, learningRate: 0.1 * W }, tokens, {
      lossReadEvery: 1,
      windowStarts: (() => {
        const lanes = createLaneCursor(tokens.length, 3, W);
        return () => lanes.next().starts;
      })(),
    });
    try {
      const gaps: number[] = [];
      let freshGap = 0;
      for (let s = 0; s < 18; s++) {
        const want = (await scratch.train(1)).loss!;
        const got = (await carried.train(1)).loss!;
        const zeroState = (await fresh.train(1)).loss!;
        gaps.push(Math.abs(got - want) / want);
        freshGap = Math.max(freshGap, Math.abs(zeroState - want) / want);
      }
      expect(Math.max(...gaps)).toBeLessThan(1e-4);
      // The same windows from a zero state train measurably differently: the state really is carried.
      expect(freshGap).toBeGreaterThan(100 * Math.max(...gaps));
      const a = (await layersModelToScratch(carried.net)).theta;
      const b = paramsFromNested(scratch.weights()).theta;
      expect(maxGap(a, b)).toBeLessThan(1e-4);
    } finally {
      scratch.dispose();
      carried.dispose();
      fresh.dispose();
    }
  });

  it('keeps the tensor count flat and forgets the state on divergence', async () => {
    const ref = parseReferenceFile(readFileSync(new URL('../fixtures/minchar_rnn_small.json', import.meta.url), 'utf8'));
    const engine = new TfjsTextEngine(
      buildTextModel({ cell: 'lstm', layers: 2, hidden: 8, input: 'embedding', embedding: 4, dropout: 0, vocabSize: ref.run.vocabSize }, 1),
      { seqLength: 10, batchSize: 4, optimizer: 'adam', learningRate: 0.01, clipNorm: 5, seed: 1, carryState: true },
      ref.run.tokens,
      { lossReadEvery: 2 },
    );
    await engine.train(2);
    const count = tf.memory().numTensors;
    await engine.train(6);
    expect(tf.memory().numTensors).toBe(count);
    engine.poisonNextStep();
    await expect(engine.train(2)).rejects.toThrow(/loss became/);
    // Rolled back (a fresh optimiser, the state forgotten); training again brings the count back.
    await engine.train(4);
    expect(tf.memory().numTensors).toBe(count);
    engine.dispose();
  });
});
