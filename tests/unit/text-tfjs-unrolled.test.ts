// unrolled.ts (the training graph) must compute what the LayersModel computes: the same logits and the
// same gradients for every cell, input encoding and depth, on the CPU backend and on WASM (where it
// swaps in its own gradients for matmul, row lookups and concat); the RNN and LSTM layers with their BPTT
// written out (rnnLayer, lstmLayer.ts) are checked here too, on both backends.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellType, InputEncoding } from '../../src/core/text/engine';
import { sumCrossEntropy } from '../../src/core/text/tfjs/loss';
import { buildTextModel, describeTextModel } from '../../src/core/text/tfjs/model';
import { canUnroll, timeMajor, unrolledLogits } from '../../src/core/text/tfjs/unrolled';

const V = 7;
const B = 3;
const T = 5;
const IDS = Array.from({ length: B * T }, (_, i) => (i * 5 + 3) % V);
const TARGETS = Array.from({ length: B * T }, (_, i) => (i * 3 + 1) % V);

/** Largest |a − b| / (1 + |b|) over two equal-length arrays. */
function relativeGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap = Math.max(gap, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return gap;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`unrolled graph = LayersModel (${backend})`, () => {
    beforeAll(async () => {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      expect(await tf.setBackend(backend)).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    const cases: [CellType, InputEncoding, number][] = [];
    for (const cell of ['rnn', 'gru', 'lstm'] as const) {
      for (const input of ['onehot', 'embedding'] as const) cases.push([cell, input, 1]);
      cases.push([cell, 'onehot', 2]);
    }
    it.each(cases)('%s, %s input, %i layer(s): logits and gradients', (cell, input, layers) => {
      const tensorsBefore = tf.memory().numTensors;
      const net = buildTextModel({ cell, layers, hidden: 6, input, embedding: 4, dropout: 0, vocabSize: V }, 11);
      const structure = describeTextModel(net);
      expect(canUnroll(structure)).toBe(true);
      const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
      const ids = tf.tensor2d(IDS, [B, T], 'int32');
      const targets = tf.tensor2d(TARGETS, [B, T], 'int32');
      // The reference: the layers model, batch-major logits [B, T, V]; ours are time-major [T·B, V].
      // (WASM cannot differentiate the Embedding layer's gather; there the reference looks rows up as
      // oneHot(ids)·E and applies the other layers, as TfjsTextEngine does for imported models.)
      const layersForward = (x: tf.Tensor2D): tf.Tensor => {
        if (input === 'onehot') return net.apply(tf.oneHot(x, V).toFloat()) as tf.Tensor;
        if (backend === 'cpu') return net.apply(x) as tf.Tensor;
        const table = net.layers[1].trainableWeights[0].read() as tf.Tensor2D;
        let h: tf.Tensor = tf.reshape(tf.matMul(tf.oneHot(tf.reshape(x, [B * T]) as tf.Tensor1D, V).toFloat(), table), [B, T, -1]);
        for (const layer of net.layers.slice(2)) h = layer.apply(h) as tf.Tensor;
        return h;
      };
      const reference = tf.tidy(() => tf.reshape(tf.transpose(layersForward(ids), [1, 0, 2]), [T * B, V]));
      const ours = tf.tidy(() => unrolledLogits(structure, ids, false));
      expect(relativeGap(ours.dataSync(), reference.dataSync())).toBeLessThan(1e-5);
      // Gradients of the summed cross-entropy with respect to every weight (the embedding's too).
      const ref = tf.variableGrads(() => sumCrossEntropy(layersForward(ids), targets), vars);
      const got = tf.variableGrads(() => sumCrossEntropy(unrolledLogits(structure, ids, true), timeMajor(targets)), vars);
      expect(Math.abs(got.value.dataSync()[0] - ref.value.dataSync()[0])).toBeLessThan(1e-4);
      for (const v of vars) {
        const [scale, gap] = tf.tidy(() => [
          tf.max(tf.abs(ref.grads[v.name])).dataSync()[0],
          tf.max(tf.abs(tf.sub(got.grads[v.name], ref.grads[v.name]))).dataSync()[0],
        ]);
        expect(scale).toBeGreaterThan(0);
        expect(gap / scale, `${v.name}`).toBeLessThan(1e-4);
      }
      tf.dispose([ids, targets, reference, ours, ref.value, got.value, ...Object.values(ref.grads), ...Object.values(got.grads)]);
      net.dispose();
      expect(tf.memory().numTensors).toBe(tensorsBefore);
    });
  });
}
