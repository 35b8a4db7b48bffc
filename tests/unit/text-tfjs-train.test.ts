// Training loop of the TensorFlow.js engine on the CPU backend with tiny models.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TextModelSpec, TextTrainSpec } from '../../src/core/text/engine';
import { DivergedError } from '../../src/core/text/engine';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildVocab, encode } from '../../src/core/text/vocab';

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

describe('TfjsTextEngine', () => {
  for (const cell of ['rnn', 'gru', 'lstm'] as const) {
    it(`${cell}: the loss falls well below ln V on a repeated corpus`, async () => {
      const engine = await createTfjsTextEngine(model({ cell, hidden: 16 }), train({ seqLength: 12, learningRate: 0.03 }), tokens);
      const start = await engine.evaluate(tokens.subarray(0, 200));
      expect(Math.abs(start - Math.log(vocab.chars.length))).toBeLessThan(0.3);
      let last = NaN;
      for (let i = 0; i < 10; i++) {
        const burst = await engine.train(8);
        expect(burst.steps).toBe(8);
        expect(burst.chars).toBe(8 * 8 * 12);
        if (burst.loss !== undefined) last = burst.loss;
      }
      expect(last).toBeLessThan(start * 0.6);
      expect(await engine.evaluate(tokens.subarray(0, 200))).toBeLessThan(start * 0.6);
      engine.dispose();
    });
  }

  it('changes the learning rate without resetting the optimiser', async () => {
    const a = await createTfjsTextEngine(model(), train({ learningRate: 0.02 }), tokens);
    const b = await createTfjsTextEngine(model(), train({ learningRate: 0.02 }), tokens);
    await a.train(4);
    await b.train(4);
    b.setLearningRate(0.02); // same value: trajectories stay identical (state kept)
    const la = await a.train(4);
    const lb = await b.train(4);
    expect(lb.loss).toBeCloseTo(la.loss ?? NaN, 6);
    b.setLearningRate(1e-9); // tiny: the weights barely move any more
    const p0 = Array.from((await b.stepper()).next(1));
    await b.train(4);
    const p1 = Array.from((await b.stepper()).next(1));
    expect(Math.max(...p0.map((p, i) => Math.abs(p - p1[i])))).toBeLessThan(1e-5);
    expect(b.trainSpec.learningRate).toBe(1e-9);
    expect(() => b.setLearningRate(-1)).toThrow();
    a.dispose();
    b.dispose();
  });

  it('is reproducible for a seed', async () => {
    const a = await createTfjsTextEngine(model({ cell: 'rnn' }), train({ seed: 7 }), tokens);
    const b = await createTfjsTextEngine(model({ cell: 'rnn' }), train({ seed: 7 }), tokens);
    expect((await a.train(4)).loss).toBe((await b.train(4)).loss);
    a.dispose();
    b.dispose();
  });

  it('rolls back to the last good weights when the loss becomes NaN', async () => {
    for (const optimizer of ['adam', 'rmsprop', 'adagrad', 'sgd'] as const) {
      const engine = await createTfjsTextEngine(model({ cell: 'rnn' }), train({ optimizer, learningRate: 0.05 }), tokens);
      await engine.train(8);
      const good = Array.from((await engine.stepper()).next(2));
      engine.poisonNextStep();
      await expect(engine.train(4)).rejects.toBeInstanceOf(DivergedError);
      const restored = Array.from((await engine.stepper()).next(2));
      expect(restored).toEqual(good);
      // Training continues normally afterwards (fresh optimiser state).
      const after = await engine.train(4);
      expect(Number.isFinite(after.loss)).toBe(true);
      engine.dispose();
    }
  });

  it('rejects bad settings and too short a corpus', async () => {
    await expect(createTfjsTextEngine(model({ layers: 4 }), train(), tokens)).rejects.toThrow(/layers/);
    await expect(createTfjsTextEngine(model(), train({ learningRate: 0 }), tokens)).rejects.toThrow(/learning rate/);
    await expect(createTfjsTextEngine(model(), train({ seqLength: 64 }), tokens.subarray(0, 30))).rejects.toThrow(/too few/);
    expect(tf.memory().numTensors).toBe(0);
  });
});
