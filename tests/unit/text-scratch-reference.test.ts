// The from-scratch RNN against min-char-rnn run in NumPy (tests/fixtures/minchar_rnn_small.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReferenceFile, ReferenceFileError } from '../../src/core/text/scratch/referenceFile';
import { trainMinCharRnn } from '../../src/core/text/scratch/minCharRnn';
import { ScratchRnnEngine } from '../../src/core/text/scratch/scratchRnnEngine';

const FIXTURE = readFileSync(new URL('../fixtures/minchar_rnn_small.json', import.meta.url), 'utf8');
const TOL = 1e-9;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-300);
    if (!(err <= TOL)) throw new Error(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (relative error ${err})`);
  }
}

describe('min-char-rnn reference', () => {
  it('reproduces every loss, smoothed loss and final weight to relative error 1e-9', () => {
    const ref = parseReferenceFile(FIXTURE);
    const expected = ref.expected!;
    const result = trainMinCharRnn(ref.run);
    expect(result.losses.length).toBe(60);
    expectClose(result.losses, expected.losses!, 'losses');
    expectClose(result.smoothLosses, expected.smoothLosses!, 'smooth_losses');
    for (const key of ['Wxh', 'Whh', 'Why'] as const) expectClose(result.final[key].flat(), expected.final![key].flat(), key);
    expectClose(result.final.bh, expected.final!.bh, 'bh');
    expectClose(result.final.by, expected.final!.by, 'by');
  });

  it('ScratchRnnEngine with batch 1, Adagrad, clip 5 and sequential windows is the same computation', async () => {
    const ref = parseReferenceFile(FIXTURE);
    const { run } = ref;
    const engine = new ScratchRnnEngine(
      { cell: 'rnn', layers: 1, hidden: ref.hidden, input: 'onehot', embedding: 0, dropout: 0, vocabSize: run.vocabSize },
      { seqLength: run.seqLength, batchSize: 1, optimizer: 'adagrad', learningRate: run.learningRate, clipNorm: run.clip, seed: 0 },
      run.tokens,
      { init: run.params },
    );
    const perStep: number[] = [];
    for (let i = 0; i < run.steps; i++) perStep.push((await engine.train(1)).loss! * run.seqLength);
    expectClose(perStep, ref.expected!.losses!, 'engine losses');
    expectClose(engine.weights().Why.flat(), ref.expected!.final!.Why.flat(), 'engine Why');
  });

  it('names the problem in a malformed reference file', () => {
    const good = JSON.parse(FIXTURE) as Record<string, unknown>;
    const bad = (patch: (d: Record<string, unknown>) => void) => {
      const d = structuredClone(good);
      patch(d);
      return () => parseReferenceFile(JSON.stringify(d));
    };
    expect(bad((d) => delete d.init)).toThrow(/"init"/);
    expect(bad((d) => delete d.seq_length)).toThrow(/missing key "seq_length"/);
    expect(bad((d) => ((d.init as Record<string, number[][]>).Wxh[3] = [1, 2]))).toThrow(/init\.Wxh must be 16×50.*row 3 has 2/);
    expect(bad((d) => ((d.init as Record<string, unknown[]>).by[2] = null))).toThrow(/init\.by\[2\] is not a finite number/);
    expect(bad((d) => (d.corpus = (d.corpus as string) + '@'))).toThrow(/outside "vocab": '@'/);
    expect(bad((d) => (d.hidden = 0))).toThrow(/"hidden" must be a whole number/);
    expect(() => parseReferenceFile('{"corpus": NaN}')).toThrow(ReferenceFileError);
  });
});
