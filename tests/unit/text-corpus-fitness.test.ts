// Corpus fitness (src/core/text/corpusFitness.ts) against the real training path: every degenerate corpus
// either trains (one step of the TensorFlow.js engine on the CPU backend for every cell and input, and of the
// from-scratch engine, then an evaluation and a generated character) or is refused up front in plain words.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitByPosition } from '../../src/core/text/corpus';
import { checkCorpus, corpusFacts, corpusFitness, type CorpusSetting } from '../../src/core/text/corpusFitness';
import type { CellType, InputEncoding, TextModelSpec, TextTrainSpec } from '../../src/core/text/engine';
import { ScratchRnnEngine } from '../../src/core/text/scratch';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildVocab, encode } from '../../src/core/text/vocab';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Options {
  lowercase: boolean;
  minCount: number;
  validFraction: number;
}
const PLAIN: Options = { lowercase: false, minCount: 1, validFraction: 0.1 };
const T = 8;
const B = 4;

/** Tokens as the worker prepares them (textCorpusState.ts: buildVocab, encode with 'skip', splitByPosition). */
function prepare(text: string, o: Options) {
  const vocab = buildVocab(text, { lowercase: o.lowercase, minCount: o.minCount });
  const split = splitByPosition(encode(text, vocab, { missing: 'skip' }), o.validFraction);
  return { vocab, split };
}

const train = (over: Partial<TextTrainSpec> = {}): TextTrainSpec => ({ seqLength: T, batchSize: B, optimizer: 'adam', learningRate: 0.01, clipNorm: 5, seed: 1, ...over });

/** One training step, an evaluation and a generated character on every engine; throws what the engine throws. */
async function trainOneStep(text: string, o: Options, engine: 'tfjs' | 'scratch', trainSpec = train()): Promise<void> {
  const { vocab, split } = prepare(text, o);
  const V = vocab.chars.length;
  const models: TextModelSpec[] = [];
  if (engine === 'scratch') models.push({ cell: 'rnn', layers: 1, hidden: 8, input: 'onehot', embedding: 4, dropout: 0, vocabSize: V });
  else for (const cell of ['rnn', 'gru', 'lstm'] as CellType[]) for (const input of ['onehot', 'embedding'] as InputEncoding[]) models.push({ cell, layers: cell === 'gru' ? 2 : 1, hidden: 8, input, embedding: 4, dropout: 0.1, vocabSize: V });
  for (const spec of models) {
    const e = engine === 'scratch' ? new ScratchRnnEngine(spec, trainSpec, split.train) : await createTfjsTextEngine(spec, trainSpec, split.train, { lossReadEvery: 1 });
    try {
      const burst = await e.train(1);
      expect(Number.isFinite(burst.loss), `${spec.cell} ${spec.input}: loss ${burst.loss}`).toBe(true);
      if (split.validation.length >= 2) expect(Number.isFinite(await e.evaluate(split.validation))).toBe(true);
      const probs = (await e.stepper()).next(0);
      expect(probs.length).toBe(V);
    } finally {
      e.dispose();
    }
  }
}

/** Error text from a library, which must never be what a person reads. */
const LIBRARY_TEXT = /Error in|tensor|dtype|shape|undefined|NaN|\[object|at \w+ \(/i;

const astral = (n: number, from = 0x10000) => Array.from({ length: n }, (_, i) => String.fromCodePoint(from + i)).join('');

// name, text, options, expected level for the tfjs engine, expected problem (when not ok)
const CASES: [string, string, Options, 'ok' | 'warn' | 'refuse', string?][] = [
  ['empty', '', PLAIN, 'refuse', 'empty'],
  ['two characters', 'ab', PLAIN, 'refuse', 'shorter-than-window'],
  ['one short of a window', 'abcdefgh', PLAIN, 'refuse', 'shorter-than-window'],
  ['exactly a window and one', 'abcdefghi', { ...PLAIN, validFraction: 0 }, 'warn', 'windows-repeat'],
  ['a window and one, with validation', 'abcdefghij', { ...PLAIN, validFraction: 0.5 }, 'refuse', 'training-part-too-short'],
  ['one character repeated', 'a'.repeat(300), PLAIN, 'warn', 'single-character'],
  ['one space repeated', ' '.repeat(300), PLAIN, 'warn', 'single-character'],
  ['one line break repeated', '\n'.repeat(300), PLAIN, 'warn', 'single-character'],
  ['whitespace only', ' \t\n'.repeat(100), PLAIN, 'warn', 'whitespace-only'],
  ['one repeated line', 'hello world\n'.repeat(40), PLAIN, 'warn', 'one-repeated-line'],
  ['all folded into the unknown sign', 'abcdefghijklmnopqrstuvwxyz'.repeat(3), { ...PLAIN, minCount: 5 }, 'warn', 'only-unknown'],
  ['lower-casing to one character', 'aA'.repeat(100), { ...PLAIN, lowercase: true }, 'warn', 'single-character'],
  ['validation too short to measure', 'the cat sat on the mat', { ...PLAIN, validFraction: 0.05 }, 'warn', 'no-validation'],
  ['fewer windows than the batch', 'abcdefghijk', { ...PLAIN, validFraction: 0 }, 'warn', 'windows-repeat'],
  ['only one script (CJK)', '我们的猫在垫子上坐着。'.repeat(30), PLAIN, 'ok'],
  ['only one script (Cyrillic)', 'съешь же ещё этих мягких булок\n'.repeat(10) + 'да выпей чаю', PLAIN, 'ok'],
  ['emoji and astral characters', '😀😃😄😁🐍'.repeat(60), PLAIN, 'ok'],
  ['lone surrogates', 'ab\uD800cd\uDC00'.repeat(30), PLAIN, 'ok'],
  ['ordinary English', 'The quick brown fox jumps over the lazy dog.\nA wizard’s job is to vex chumps quickly in fog.\n'.repeat(4), PLAIN, 'ok'],
];

describe('corpus fitness against the training path', () => {
  it('tfjs.oneHot refuses depth 1 (the library exception a one-character corpus used to end in)', () => {
    expect(() => tf.oneHot(tf.tensor1d([0], 'int32'), 1)).toThrow(/depth must be >=2/);
  });

  it.each(CASES)('%s', async (_name, text, o, level, problem) => {
    const setting: CorpusSetting = { seqLength: T, batchSize: B, engine: 'tfjs' };
    const fitness = checkCorpus(text, o, setting);
    expect(fitness.level, fitness.message ?? '').toBe(level);
    if (problem) expect(fitness.findings.map((f) => f.problem)).toContain(problem);
    if (fitness.message) expect(fitness.message).not.toMatch(LIBRARY_TEXT);
    if (level === 'refuse') {
      // The core would have failed on it too (or trained on nothing): refusing is not over-cautious.
      await expect(trainOneStep(text, o, 'tfjs')).rejects.toThrow();
      return;
    }
    await trainOneStep(text, o, 'tfjs');
    // The from-scratch engine, with a batch its lanes can hold.
    const { vocab, split } = prepare(text, o);
    const facts = corpusFacts(text, vocab, split, o.validFraction);
    const lanes = Math.max(1, Math.floor(facts.trainTokens / (T + 1)));
    const scratch = corpusFitness(facts, { seqLength: T, batchSize: lanes, engine: 'scratch' });
    expect(scratch.level).not.toBe('refuse');
    await trainOneStep(text, o, 'scratch', train({ batchSize: lanes, optimizer: 'adagrad' }));
  });

  it('the from-scratch engine refuses a batch its lanes cannot hold, and names the batch that fits', async () => {
    const text = 'the cat sat on the mat. '.repeat(4); // 96 characters, 86 to train on
    const fitness = checkCorpus(text, PLAIN, { seqLength: T, batchSize: 16, engine: 'scratch' });
    expect(fitness.level).toBe('refuse');
    expect(fitness.findings[0].problem).toBe('too-short-for-lanes');
    expect(fitness.message).toContain('Use a batch of 9 or less');
    expect(() => new ScratchRnnEngine({ cell: 'rnn', layers: 1, hidden: 8, input: 'onehot', embedding: 4, dropout: 0, vocabSize: prepare(text, PLAIN).vocab.chars.length }, train({ batchSize: 16 }), prepare(text, PLAIN).split.train)).toThrow();
    expect(checkCorpus(text, PLAIN, { seqLength: T, batchSize: 9, engine: 'scratch' }).level).not.toBe('refuse');
  });
});

describe('every vocabulary size up to the limit', () => {
  it.each([1, 2, 3, 16, 255, 256, 1000])('%i distinct characters train', async (n) => {
    const text = astral(n).repeat(Math.max(2, Math.ceil(40 / n)));
    const fitness = checkCorpus(text, PLAIN, { seqLength: T, batchSize: B, engine: 'tfjs' });
    expect(fitness.level).not.toBe('refuse');
    expect(prepare(text, PLAIN).vocab.chars.length).toBe(n);
    await trainOneStep(text, PLAIN, 'tfjs');
  });

  it('65,536 distinct characters (the limit) train one step; 65,537 are refused with the way out', async () => {
    const text = astral(65_536);
    expect(checkCorpus(text, { ...PLAIN, validFraction: 0 }, { seqLength: T, batchSize: 1, engine: 'tfjs' }).level).not.toBe('refuse');
    const { vocab, split } = prepare(text, { ...PLAIN, validFraction: 0 });
    expect(vocab.chars.length).toBe(65_536);
    const spec: TextModelSpec = { cell: 'rnn', layers: 1, hidden: 4, input: 'embedding', embedding: 4, dropout: 0, vocabSize: 65_536 };
    const e = await createTfjsTextEngine(spec, train({ batchSize: 1 }), split.train);
    try {
      await e.train(1);
    } finally {
      e.dispose();
    }
    const over = checkCorpus(text + String.fromCodePoint(0x30000), PLAIN, { seqLength: T, batchSize: 1, engine: 'tfjs' });
    expect(over.level).toBe('refuse');
    expect(over.message).toContain('a model can predict at most 65,536');
    expect(over.message).toContain('Raise the minimum count');
  });
});

// The WASM backend takes other paths through the same graph (one-hot lookups, one-hot step selectors).
describe('a one-character vocabulary and a one-step window on WASM', () => {
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trains one step for every cell and input', async () => {
    await trainOneStep('a'.repeat(200), PLAIN, 'tfjs');
    await trainOneStep('ab'.repeat(100), PLAIN, 'tfjs', train({ seqLength: 1 }));
    await trainOneStep('a'.repeat(200), PLAIN, 'tfjs', train({ seqLength: 1 }));
  });
});
