// A tiny text engine on the current TensorFlow.js backend, the same every time it is built (seeded): for tests
// that train twice — with and without a kernel replacement — and compare the losses.
import type { CellType } from '../../src/core/text/engine';
import { createTfjsTextEngine } from '../../src/core/text/tfjs/engine';
import { buildVocab, encode } from '../../src/core/text/vocab';

const TEXT = 'the quick brown fox jumps over the lazy dog. '.repeat(30);

/** Hidden 12, embedding 6, window 8 × batch 4, Adam 0.02, seed 3, on a pangram repeated 30 times. */
export async function tinyTextEngine(cell: CellType, options: { lossReadEvery?: number } = {}) {
  const vocab = buildVocab(TEXT);
  const tokens = encode(TEXT, vocab);
  const engine = await createTfjsTextEngine(
    { cell, layers: 1, hidden: 12, input: 'embedding', embedding: 6, dropout: 0, vocabSize: vocab.chars.length },
    { seqLength: 8, batchSize: 4, optimizer: 'adam', learningRate: 0.02, clipNorm: 5, seed: 3 },
    tokens,
    options,
  );
  return { engine, tokens };
}
