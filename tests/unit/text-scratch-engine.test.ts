import { describe, expect, it } from 'vitest';
import type { TextModelSpec, TextOptimizer, TextTrainSpec } from '../../src/core/text/engine';
import { ScratchRnnEngine } from '../../src/core/text/scratch/scratchRnnEngine';
import { clipElementwise } from '../../src/core/text/scratch/optimizers';
import { buildVocab, encode } from '../../src/core/text/vocab';

const TEXT = 'the cat sat on the mat. '.repeat(40);
const vocab = buildVocab(TEXT);
const tokens = encode(TEXT, vocab);
const model: TextModelSpec = { cell: 'rnn', layers: 1, hidden: 24, input: 'onehot', embedding: 0, dropout: 0, vocabSize: vocab.chars.length };
const trainSpec = (over: Partial<TextTrainSpec> = {}): TextTrainSpec => ({
  seqLength: 12,
  batchSize: 4,
  optimizer: 'adagrad',
  learningRate: 0.1,
  clipNorm: 5,
  seed: 1,
  ...over,
});

describe('ScratchRnnEngine', () => {
  it.each<[TextOptimizer, number]>([
    ['adagrad', 0.1],
    ['adam', 0.01],
    ['rmsprop', 0.01],
    ['sgd', 0.05], // gradients are summed over the window, so plain SGD needs a smaller step
  ])('learns a repetitive text with %s', async (optimizer, learningRate) => {
    const engine = new ScratchRnnEngine(model, trainSpec({ optimizer, learningRate }), tokens);
    const before = await engine.evaluate(tokens);
    expect(before).toBeCloseTo(Math.log(vocab.chars.length), 1); // tiny initial weights ≈ uniform
    const burst = await engine.train(300);
    expect(burst.steps).toBe(300);
    expect(burst.chars).toBe(300 * 4 * 12);
    const after = await engine.evaluate(tokens);
    expect(after).toBeLessThan(before * 0.6);
    engine.dispose();
  });

  it('is deterministic for a seed, in random as well as sequential batch mode', async () => {
    for (const batches of ['sequential', 'random'] as const) {
      const a = new ScratchRnnEngine(model, trainSpec(), tokens, { batches });
      const b = new ScratchRnnEngine(model, trainSpec(), tokens, { batches });
      expect((await a.train(20)).loss).toBe((await b.train(20)).loss);
    }
  });

  it('stepper agrees with evaluate and is unaffected by later training', async () => {
    const engine = new ScratchRnnEngine(model, trainSpec(), tokens);
    await engine.train(50);
    const stepper = await engine.stepper();
    const sample = tokens.subarray(0, 60);
    let nll = 0;
    stepper.reset();
    for (let i = 0; i + 1 < sample.length; i++) nll -= Math.log(stepper.next(sample[i])[sample[i + 1]]);
    expect(nll / (sample.length - 1)).toBeCloseTo(await engine.evaluate(sample), 12);

    const probsBefore = Array.from((stepper.reset(), stepper.next(0)));
    await engine.train(20);
    expect(Array.from((stepper.reset(), stepper.next(0)))).toEqual(probsBefore);
    expect(probsBefore.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  it('setLearningRate keeps optimiser state; lr 0 freezes the weights', async () => {
    const engine = new ScratchRnnEngine(model, trainSpec(), tokens);
    await engine.train(5);
    engine.setLearningRate(0);
    const w = engine.weights();
    await engine.train(5);
    expect(engine.weights()).toEqual(w);
  });

  it('refuses what it does not implement, and use after dispose', async () => {
    expect(() => new ScratchRnnEngine({ ...model, cell: 'lstm' }, trainSpec(), tokens)).toThrow(/vanilla RNN only/);
    expect(() => new ScratchRnnEngine({ ...model, layers: 2 }, trainSpec(), tokens)).toThrow(/one layer/);
    expect(() => new ScratchRnnEngine(model, trainSpec(), Int32Array.of(0, 1, 99))).toThrow(/outside the vocabulary/);
    const engine = new ScratchRnnEngine(model, trainSpec(), tokens);
    engine.dispose();
    await expect(engine.train(1)).rejects.toThrow(/disposed/);
  });

  it('clips elementwise (not by norm), and 0 disables clipping', () => {
    const g = Float64Array.of(-7, -2, 0, 3, 9);
    clipElementwise(g, 5);
    expect(Array.from(g)).toEqual([-5, -2, 0, 3, 5]);
    const h = Float64Array.of(-7, 9);
    clipElementwise(h, 0);
    expect(Array.from(h)).toEqual([-7, 9]);
  });
});
