// The learning-rate schedule (src/core/text/lrSchedule.ts): its curve, its checks, and in both engines a
// scheduled run equals the same run with the rate set by hand before each step (same seed, same weights),
// a restored model continues the curve from its step, and two seeded runs are the same run.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TextEngine, TextModelSpec, TextTrainSpec } from '../../src/core/text/engine';
import { checkLrSchedule, describeLrSchedule, lrFactor, type LrSchedule } from '../../src/core/text/lrSchedule';
import { DEFAULT_TRAIN_SPEC } from '../../src/core/text/defaults';
import { ScratchRnnEngine } from '../../src/core/text/scratch/scratchRnnEngine';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { checkTrainSpec } from '../../src/core/text/tfjs/spec';
import { buildVocab, encode } from '../../src/core/text/vocab';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(30);
const vocab = buildVocab(TEXT);
const tokens = encode(TEXT, vocab);
const SCHEDULE: LrSchedule = { warmupSteps: 3, decay: 'cosine', decaySteps: 4, floor: 0.25 };

describe('lrFactor', () => {
  it('warms up linearly, decays along a cosine to the floor, then stays there', () => {
    expect([0, 1, 2].map((s) => lrFactor(SCHEDULE, s))).toEqual([1 / 3, 2 / 3, 1]);
    expect(lrFactor(SCHEDULE, 3)).toBe(1); // decay starts at the base rate
    expect(lrFactor(SCHEDULE, 5)).toBeCloseTo(0.25 + 0.75 * 0.5, 12); // half way: the mean of base and floor
    expect(lrFactor(SCHEDULE, 7)).toBeCloseTo(0.25, 12);
    expect(lrFactor(SCHEDULE, 1000)).toBeCloseTo(0.25, 12);
    for (let s = 3; s < 8; s++) expect(lrFactor(SCHEDULE, s + 1)).toBeLessThanOrEqual(lrFactor(SCHEDULE, s));
  });

  it('without a decay the rate stays at the base after the warm-up; without a schedule it is the base', () => {
    expect(lrFactor({ ...SCHEDULE, decay: 'none' }, 500)).toBe(1);
    expect(lrFactor({ ...SCHEDULE, warmupSteps: 0 }, 0)).toBe(1);
    expect(lrFactor(undefined, 0)).toBe(1);
  });

  it('a schedule from a file or a request is checked', () => {
    expect(checkLrSchedule(SCHEDULE)).toBeNull();
    expect(checkLrSchedule(null)).toMatch(/object/);
    expect(checkLrSchedule({ ...SCHEDULE, warmupSteps: -1 })).toMatch(/warm-up/);
    expect(checkLrSchedule({ ...SCHEDULE, decay: 'linear' })).toMatch(/decay/);
    expect(checkLrSchedule({ ...SCHEDULE, decaySteps: 1.5 })).toMatch(/decay steps/);
    expect(checkLrSchedule({ ...SCHEDULE, floor: 2 })).toMatch(/floor/);
    const train: TextTrainSpec = { seqLength: 16, batchSize: 8, optimizer: 'adam', learningRate: 0.02, clipNorm: 5, seed: 1 };
    expect(checkTrainSpec({ ...train, lrSchedule: SCHEDULE })).toBeNull();
    expect(checkTrainSpec({ ...train, lrSchedule: { ...SCHEDULE, floor: -1 } })).toMatch(/floor/);
  });
});

/** The next-character probabilities after '0', a fingerprint of the weights. */
async function fingerprint(engine: TextEngine): Promise<number[]> {
  return Array.from((await engine.stepper()).next(1));
}

/** `steps` steps with the rate set by hand from the schedule, starting at `from`. */
async function byHand(engine: TextEngine, base: number, from: number, steps: number): Promise<void> {
  for (let s = from; s < from + steps; s++) {
    engine.setLearningRate(base * lrFactor(SCHEDULE, s));
    await engine.train(1);
  }
}

const engines: [string, (train: TextTrainSpec) => Promise<TextEngine>, TextTrainSpec][] = [
  [
    'TensorFlow.js LSTM',
    (t) => createTfjsTextEngine({ cell: 'lstm', layers: 1, hidden: 16, input: 'embedding', embedding: 8, dropout: 0, vocabSize: vocab.chars.length } satisfies TextModelSpec, t, tokens),
    { seqLength: 12, batchSize: 4, optimizer: 'adam', learningRate: 0.02, clipNorm: 5, seed: 3 },
  ],
  [
    'from-scratch RNN',
    async (t) => new ScratchRnnEngine({ cell: 'rnn', layers: 1, hidden: 16, input: 'onehot', embedding: 0, dropout: 0, vocabSize: vocab.chars.length }, t, tokens),
    { seqLength: 12, batchSize: 4, optimizer: 'adagrad', learningRate: 0.1, clipNorm: 5, seed: 3 },
  ],
];

describe.each(engines)('%s under a schedule', (_name, create, train) => {
  it('equals the rate set by hand before each step, and two seeded runs are the same run', async () => {
    const scheduled = await create({ ...train, lrSchedule: SCHEDULE });
    const again = await create({ ...train, lrSchedule: SCHEDULE });
    const manual = await create(train);
    await scheduled.train(5);
    await scheduled.train(4);
    await again.train(9);
    await byHand(manual, train.learningRate, 0, 9);
    const [a, b, c] = await Promise.all([fingerprint(scheduled), fingerprint(again), fingerprint(manual)]);
    expect(b).toEqual(a);
    for (let i = 0; i < a.length; i++) expect(c[i]).toBeCloseTo(a[i], 6);
    // And it did change the run: a constant rate ends elsewhere.
    const constant = await create(train);
    await constant.train(9);
    const d = await fingerprint(constant);
    expect(Math.max(...d.map((p, i) => Math.abs(p - a[i])))).toBeGreaterThan(1e-4);
    for (const e of [scheduled, again, manual, constant]) e.dispose();
  });

  it('a restored model continues the curve from its step', async () => {
    const resumed = await create({ ...train, lrSchedule: SCHEDULE });
    resumed.resumeAtStep?.(4);
    await resumed.train(3);
    const manual = await create(train);
    await byHand(manual, train.learningRate, 4, 3);
    const [a, c] = await Promise.all([fingerprint(resumed), fingerprint(manual)]);
    for (let i = 0; i < a.length; i++) expect(c[i]).toBeCloseTo(a[i], 6);
    resumed.dispose();
    manual.dispose();
  });
});

describe('the default schedule, in words', () => {
  it('is a cosine to a tenth over 3,600 steps, and the page says so', () => {
    expect(DEFAULT_TRAIN_SPEC.lrSchedule).toEqual({ warmupSteps: 0, decay: 'cosine', decaySteps: 3600, floor: 0.1 });
    expect(checkLrSchedule(DEFAULT_TRAIN_SPEC.lrSchedule)).toBeNull();
    expect(describeLrSchedule(DEFAULT_TRAIN_SPEC.lrSchedule, 0.01)).toBe('The rate decays along a cosine to 0.001 (0.1×) over 3,600 steps.');
    expect(describeLrSchedule({ warmupSteps: 50, decay: 'none', decaySteps: 0, floor: 1 }, 0.01)).toBe('The rate warms up over 50 steps.');
    expect(describeLrSchedule(undefined, 0.01)).toBe('');
    expect(lrFactor(DEFAULT_TRAIN_SPEC.lrSchedule, 1800)).toBeCloseTo(0.55, 10);
    expect(lrFactor(DEFAULT_TRAIN_SPEC.lrSchedule, 9000)).toBeCloseTo(0.1, 10);
  });
});
