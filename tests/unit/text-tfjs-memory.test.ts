// No tensor leaks in the TensorFlow.js engine's training loop (CPU backend, tiny model).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellType } from '../../src/core/text/engine';
import type { TextModelSpec, TextTrainSpec } from '../../src/core/text/engine';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildVocab, encode } from '../../src/core/text/vocab';
import { useWasmHeapKernels } from '../../src/core/wasmKernels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(30);
const vocab = buildVocab(TEXT);
const tokens = encode(TEXT, vocab);

const model = (over: Partial<TextModelSpec> = {}): TextModelSpec => ({
  cell: 'lstm', layers: 1, hidden: 24, input: 'embedding', embedding: 8, dropout: 0, vocabSize: vocab.chars.length, ...over,
});
const train = (over: Partial<TextTrainSpec> = {}): TextTrainSpec => ({
  seqLength: 16, batchSize: 8, optimizer: 'adam', learningRate: 0.02, clipNorm: 5, seed: 1, ...over,
});

describe('TfjsTextEngine memory', () => {
  it('keeps the tensor count flat over 500 steps, and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const engine = await createTfjsTextEngine(
      model({ cell: 'gru', hidden: 8, layers: 2, dropout: 0.1, input: 'onehot' }),
      train({ seqLength: 4, batchSize: 4 }),
      tokens,
      { lossReadEvery: 5 },
    );
    await engine.train(5);
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 99; i++) await engine.train(5);
    expect(engine.steps).toBe(500);
    expect(tf.memory().numTensors).toBe(settled);
    await engine.evaluate(tokens.subarray(0, 300));
    await engine.stepper();
    expect(tf.memory().numTensors).toBe(settled);
    engine.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

});

// On WASM the training graph swaps in its own gradients (customGrad: matmul, lookups, concat, the RNN's
// written-out BPTT), which keep tensors for the backward pass; they must all be released every step.
describe('TfjsTextEngine memory on WASM', () => {
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    useWasmHeapKernels(); // the kernels the worker runs (src/core/wasmKernels.ts)
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each<[CellType, number]>([
    ['rnn', 2],
    ['gru', 1],
    ['lstm', 2],
  ])('%s × %i layer(s): the tensor count stays flat over 100 steps', async (cell, layers) => {
    const before = tf.memory().numTensors;
    const engine = await createTfjsTextEngine(model({ cell, layers, hidden: 8, input: 'onehot' }), train({ seqLength: 6, batchSize: 4 }), tokens, {
      lossReadEvery: 5,
    });
    await engine.train(5);
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 19; i++) await engine.train(5);
    expect(tf.memory().numTensors).toBe(settled);
    await engine.evaluate(tokens.subarray(0, 300));
    expect(tf.memory().numTensors).toBe(settled);
    engine.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
