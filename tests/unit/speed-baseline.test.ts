// The lstm-text-generation baseline reimplementation and the generation measurement: they work, stay in
// the vocabulary, and leak no tensor per character. No timings asserted.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureBaselineGeneration, measureBaselineTraining } from '../../src/core/bench/baselineBench';
import { BASELINE_WINDOW, BaselineLstm } from '../../src/core/bench/baselineLstm';
import { measureGeneration, measureTextTraining } from '../../src/core/bench/textBench';
import { createTaskEngine, tokenizeBenchCorpus, trainSpec } from '../../src/core/bench/textTasks';
import { textModel } from '../../src/core/bench/tasks';
import { seededRandom } from '../../src/core/text/sampling';
import type { TfjsTextEngine } from '../../src/core/text/tfjs/engine';

const TEXT = 'to be or not to be, that is the question. whether tis nobler in the mind to suffer. '.repeat(20);
const corpus = tokenizeBenchCorpus(TEXT);
const V = corpus.vocab.chars.length;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('BaselineLstm (the tfjs lstm-text-generation approach)', () => {
  it('takes one-hot 40-character windows and predicts one next character', () => {
    const model = new BaselineLstm(V, 8);
    try {
      expect(model.model.inputs[0].shape).toEqual([null, BASELINE_WINDOW, V]);
      expect(model.model.outputs[0].shape).toEqual([null, V]);
    } finally {
      model.dispose();
    }
  });

  it('fits with a finite loss that falls, and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const model = new BaselineLstm(V, 16);
    const rng = seededRandom(1);
    const first = await model.fitExamples(corpus.tokens, 64, rng);
    let last = first;
    for (let i = 0; i < 8; i++) last = await model.fitExamples(corpus.tokens, 64, rng);
    expect(Number.isFinite(first)).toBe(true);
    expect(last).toBeLessThan(first);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);

  it('generates in-vocabulary tokens with no tensor left per character', () => {
    const model = new BaselineLstm(V, 8);
    try {
      model.generate([1, 2, 3], 2); // build the predict path once
      const before = tf.memory().numTensors;
      const seen: number[] = [];
      const out = model.generate(corpus.tokens.subarray(0, 50), 30, (t) => seen.push(t));
      expect(out).toHaveLength(30);
      expect(Array.from(out)).toEqual(seen);
      expect(out.every((t) => t >= 0 && t < V)).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });

  it('measures training and generation through the shared timing helpers', async () => {
    const before = tf.memory().numTensors;
    const train = await measureBaselineTraining(V, 4, corpus.tokens, { budgetMs: 1 });
    expect(train.fits).toBeGreaterThanOrEqual(1);
    expect(train.charsPerSecond).toBeGreaterThan(0);
    const gen = await measureBaselineGeneration(V, 4, [0, 1], { budgetMs: 1, maxChars: 5 });
    expect(gen.chars).toBeGreaterThanOrEqual(1);
    expect(gen.chars).toBeLessThanOrEqual(5);
    expect(gen.tensorsAfter).toBe(gen.tensorsBefore);
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);
});

describe('our engines under the same helpers', () => {
  it('training keeps the tensor count flat and generation streams up to maxChars', async () => {
    const engine = await createTaskEngine('tfjs', textModel('lstm', 16), trainSpec(16, 4), corpus);
    try {
      const train = await measureTextTraining(engine, 16 * 4, { budgetMs: 1 });
      expect(train.steps).toBeGreaterThanOrEqual(1);
      expect(train.tensorsAfter).toBe(train.tensorsAfterWarmup);
      expect(Number.isFinite(train.loss)).toBe(true);
      const gen = await measureGeneration(engine, [0, 1, 2], { budgetMs: 1e6, maxChars: 200 });
      expect(gen.chars).toBe(200);
      expect(gen.firstCharMs).toBeGreaterThanOrEqual(gen.syncMs);
      expect(gen.tensorsAfter).toBe(gen.tensorsBefore);
    } finally {
      engine.dispose();
    }
  }, 30_000);

  it('a task engine can keep the TensorFlow.js-ops graph (the Speed race\'s "WebGPU (TensorFlow.js ops)")', async () => {
    const ops = await createTaskEngine('tfjs', textModel('lstm', 8), trainSpec(8, 2), corpus, { fusedKernels: false });
    const fused = await createTaskEngine('tfjs', textModel('lstm', 8), trainSpec(8, 2), corpus);
    try {
      expect((ops as TfjsTextEngine).fusedKernels).toBe(false);
      expect((fused as TfjsTextEngine).fusedKernels).toBe(true);
    } finally {
      ops.dispose();
      fused.dispose();
    }
  });

  it('the from-scratch RNN runs without initialising any TensorFlow.js backend work', async () => {
    const engine = await createTaskEngine('scratch', textModel('rnn', 16), trainSpec(16, 2), corpus);
    const train = await measureTextTraining(engine, 32, { budgetMs: 1 });
    expect(train.charsPerSecond).toBeGreaterThan(0);
    const gen = await measureGeneration(engine, [0], { budgetMs: 1e6, maxChars: 65 });
    expect(gen.chars).toBe(65);
  });
});
