// The learning-speed benchmark's measure (src/core/bench/qualityBench.ts): scoring a model with a stepper in
// rows of 256 characters from a zero state is exactly what the worker's evaluation computes
// (TfjsTextEngine.evaluate), so min-char-rnn's JS port and the page are scored alike; and the summary keys.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { qualitySummary, validBitsInRows } from '../../src/core/bench/qualityBench';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildVocab, encode } from '../../src/core/text/vocab';

const TEXT = 'the state of the union is strong, and the union of states is long. '.repeat(12);

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('qualityBench', () => {
  it('validBitsInRows = the worker evaluation (rows of 256 from zero) in bits', async () => {
    const vocab = buildVocab(TEXT);
    const tokens = encode(TEXT, vocab);
    const engine = await createTfjsTextEngine(
      { cell: 'gru', layers: 1, hidden: 12, input: 'embedding', embedding: 6, dropout: 0, vocabSize: vocab.chars.length },
      { seqLength: 16, batchSize: 4, optimizer: 'adam', learningRate: 0.03, clipNorm: 5, seed: 3 },
      tokens,
    );
    await engine.train(5);
    const text = tokens.subarray(0, 600); // two full rows and a short one
    const nats = await engine.evaluate(text);
    expect(validBitsInRows(await engine.stepper(), text)).toBeCloseTo(nats / Math.LN2, 4);
    engine.dispose();
  });

  it('summarises the 90 s and 300 s checkpoints as ratios ours / min-char-rnn', () => {
    const point = (seconds: number, validBits: number) => ({ seconds, trainedSeconds: seconds, steps: 1, chars: 1, validBits });
    const s = qualitySummary([point(90, 2.4), point(300, 2.0)], { implementation: 'numpy', points: [point(90, 3.2), point(300, 2.5)] });
    expect(s['text.valid_bits_90s_vs_minchar']).toBeCloseTo(0.75, 10);
    expect(s['text.valid_bits_300s_vs_minchar']).toBeCloseTo(0.8, 10);
    expect(qualitySummary(null, null)['text.valid_bits_90s']).toBeNull();
  });
});
