// The seed exports the model cases mutate, and what an accepted import must satisfy. Shared by the in-process
// model test and the worker-thread graph test.
import * as tf from '@tensorflow/tfjs';
import type { TextModelSidecar } from '../../../src/core/text/tfjs/bundle';
import { exportTextModel, type ImportedTextModel } from '../../../src/core/text/tfjs/export';
import { buildTextModel } from '../../../src/core/text/tfjs/model';
import { checkModelSpec, checkTrainSpec } from '../../../src/core/text/tfjs/spec';
import { vocabToJson } from '../../../src/core/text/tfjs/vocabJson';
import { buildVocab } from '../../../src/core/text/vocab';
import type { SeedBundles } from './modelCases';
import { clip } from './outcome';

export const SEED_TRAIN = { seqLength: 8, batchSize: 2, optimizer: 'adam', learningRate: 0.01, clipNorm: 5, seed: 1 } as const;

/** Two tiny real exports (the app's own exportTextModel): a GRU on token ids and a 2-layer one-hot RNN. */
export async function buildSeedBundles(): Promise<SeedBundles> {
  const vocab = buildVocab('hello world');
  const V = vocab.chars.length;
  const history = [{ step: 3, train: 2.05, valid: 2.1, elapsedMs: 12 }];
  const gru = buildTextModel({ cell: 'gru', layers: 1, hidden: 4, input: 'embedding', embedding: 3, dropout: 0, vocabSize: V }, 1);
  const rnn = buildTextModel({ cell: 'rnn', layers: 2, hidden: 3, input: 'onehot', embedding: 0, dropout: 0.1, vocabSize: V }, 2);
  try {
    return {
      gru: await exportTextModel(gru, { train: { ...SEED_TRAIN }, vocab: vocabToJson(vocab, 1), step: 3, history }),
      rnn: await exportTextModel(rnn, { train: { ...SEED_TRAIN }, vocab: vocabToJson(vocab, 1), step: 3, history }),
    };
  } finally {
    gru.dispose();
    rnn.dispose();
  }
}

const isCodePoint = (s: unknown) => typeof s === 'string' && [...s].length === 1 && !/^[\uD800-\uDFFF]$/.test(s);
const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

/** Why the sidecar of an accepted model is not what the rest of the app may rely on, or null. */
export function sidecarProblem(s: TextModelSidecar, vocabSize: number): string | null {
  const train = checkTrainSpec(s.train);
  if (train) return `train settings: ${train}`;
  const v = s.vocab;
  if (!Array.isArray(v.symbols) || v.symbols.length !== vocabSize) return `${v.symbols?.length} symbols for ${vocabSize} outputs`;
  if (!v.symbols.every(isCodePoint) || new Set(v.symbols).size !== v.symbols.length) return 'symbols are not distinct single characters';
  if (typeof v.lowercase !== 'boolean') return `vocab.lowercase is ${JSON.stringify(v.lowercase)}, not a boolean`;
  if (!Number.isInteger(v.minCount) || v.minCount < 1) return `vocab.minCount is ${clip(JSON.stringify(v.minCount) ?? String(v.minCount))}, not a whole number ≥ 1`;
  if (!Number.isInteger(v.unknown) || v.unknown < -1 || v.unknown >= vocabSize) return `vocab.unknown is ${String(v.unknown)}`;
  if (!Number.isSafeInteger(s.step) || s.step < 0) return `step is ${String(s.step)}, not a whole number ≥ 0`;
  if (!Array.isArray(s.history)) return 'history is not a list';
  for (const [i, p] of s.history.entries()) {
    if (!Number.isSafeInteger(p.step) || p.step < 0 || !finite(p.train) || !finite(p.elapsedMs) || (p.valid !== undefined && !finite(p.valid))) {
      return `history[${i}] is ${clip(JSON.stringify(p) ?? String(p))}`;
    }
  }
  if (typeof s.savedAt !== 'string') return 'savedAt is not a string';
  return null;
}

/** Why an accepted import is not a model the app can safely use, or null. Disposes the model. */
export async function acceptedProblem(r: ImportedTextModel): Promise<string | null> {
  try {
    const limits = checkModelSpec(r.spec);
    if (limits) return `the model breaks the app's limits: ${limits}`;
    const side = sidecarProblem(r.sidecar, r.spec.vocabSize);
    if (side) return `sidecar: ${side}`;
    for (const w of r.net.getWeights()) {
      const values = await w.data();
      for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return `a weight holds ${values[i]}`;
    }
    return null;
  } finally {
    r.net.dispose();
  }
}

/** tf.memory().numTensors, for leak checks. */
export const tensorCount = () => tf.memory().numTensors;
