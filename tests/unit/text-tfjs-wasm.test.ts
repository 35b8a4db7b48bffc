// The TensorFlow.js engine on the WASM backend (it runs in Node too). WASM lacks the gradient kernel of the
// Embedding layer's gather (UnsortedSegmentSum); the engine works around it — this guards that.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildVocab, encode } from '../../src/core/text/vocab';
import { useWasmHeapKernels } from '../../src/core/wasmKernels';

const TEXT = 'to be or not to be, that is the question. '.repeat(20);
const vocab = buildVocab(TEXT);
const tokens = encode(TEXT, vocab);

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  useWasmHeapKernels(); // the kernels the worker runs (src/core/wasmKernels.ts)
});

describe('TfjsTextEngine on wasm', () => {
  for (const input of ['embedding', 'onehot'] as const) {
    it(`trains an LSTM with ${input} input, and its stepper agrees with evaluate`, async () => {
      expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeUndefined();
      const engine = await createTfjsTextEngine(
        { cell: 'lstm', layers: 1, hidden: 16, input, embedding: 8, dropout: 0, vocabSize: vocab.chars.length },
        { seqLength: 16, batchSize: 8, optimizer: 'adam', learningRate: 0.03, clipNorm: 5, seed: 2 },
        tokens,
      );
      const before = await engine.evaluate(tokens.subarray(0, 65));
      for (let i = 0; i < 6; i++) await engine.train(5);
      const after = await engine.evaluate(tokens.subarray(0, 65));
      expect(after).toBeLessThan(before - 0.3);
      // evaluate (on the device, one row of 64 predictions from a zero state) = the JS stepper's mean loss.
      const stepper = await engine.stepper();
      let nll = 0;
      for (let i = 0; i < 64; i++) nll -= Math.log(stepper.next(tokens[i])[tokens[i + 1]]);
      expect(nll / 64).toBeCloseTo(after, 4);
      engine.dispose();
      expect(tf.memory().numTensors).toBe(0);
    });
  }
});
