// Building the Text lab's engines for a speed task: the corpus as tokens, the model and training settings.
import type { CellType, EngineKind, TextEngine, TextModelSpec, TextTrainSpec } from '../text/engine';
import type { TfjsEngineOptions } from '../text/tfjs/engineOptions';
import { createTextEngine } from '../text/engineFactory';
import { buildVocab, encode, type Vocab } from '../text/vocab';
import type { TextTaskModel } from './tasks';

/** Gate blocks per cell (the recurrent kernel is [H, gates·H]); the same as tfjs/model.ts's GATES. */
export const GATES_PER_CELL: Record<CellType, number> = { rnn: 1, gru: 3, lstm: 4 };

/** The Text lab's default training settings (window and batch come from the task). */
export const BENCH_TRAIN: Omit<TextTrainSpec, 'seqLength' | 'batchSize'> = {
  optimizer: 'adam',
  learningRate: 0.01,
  clipNorm: 5,
  seed: 1,
};

export interface BenchCorpus {
  vocab: Vocab;
  tokens: Int32Array;
}

/** Tokenises the corpus once per run (the vocabulary is the whole text's, as in the Text lab). */
export function tokenizeBenchCorpus(text: string): BenchCorpus {
  const vocab = buildVocab(text);
  return { vocab, tokens: encode(text, vocab) };
}

export function modelSpec(model: TextTaskModel, vocabSize: number): TextModelSpec {
  return { cell: model.cell, layers: model.layers ?? 1, hidden: model.hidden, input: model.input, embedding: model.embedding, dropout: 0, vocabSize };
}

export function trainSpec(seqLength: number, batchSize: number): TextTrainSpec {
  return { ...BENCH_TRAIN, seqLength, batchSize };
}

/** The from-scratch RNN or the TensorFlow.js model (on whatever backend is active) for `model`; `options`
 *  reach the TensorFlow.js engine (e.g. fusedKernels: false for the 'webgpu-ops' engine). */
export async function createTaskEngine(
  kind: EngineKind,
  model: TextTaskModel,
  train: TextTrainSpec,
  corpus: BenchCorpus,
  options: Pick<TfjsEngineOptions, 'fusedKernels'> = {},
): Promise<TextEngine> {
  return createTextEngine(kind, modelSpec(model, corpus.vocab.chars.length), train, corpus.tokens, options);
}
