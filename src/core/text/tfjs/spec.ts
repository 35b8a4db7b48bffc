// Range checks for the model and training settings, shared by the engines' constructors, the worker and the
// importer (a saved model's settings come from a file: every field may have any JSON type). The limits are
// those of src/core/limits.ts; messages quote the offending value through quoteValue (short, safe to show).
import { LIMITS, quoteValue } from '../../limits';
import type { TextModelSpec, TextTrainSpec } from '../engine';
import { checkLrSchedule } from '../lrSchedule';

const isInt = (x: unknown, lo: number, hi: number) => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;
const CELLS: readonly unknown[] = ['rnn', 'gru', 'lstm'];
const OPTIMIZERS: readonly unknown[] = ['adam', 'rmsprop', 'adagrad', 'sgd'];
const M = LIMITS.textModel;

/** Why `spec` is not a valid model, or null. */
export function checkModelSpec(spec: TextModelSpec): string | null {
  if (!CELLS.includes(spec.cell)) return `unknown cell type ${quoteValue(spec.cell)}`;
  if (!isInt(spec.layers, 1, M.maxLayers)) return `layers must be a whole number in 1–${M.maxLayers} (got ${quoteValue(spec.layers)})`;
  if (!isInt(spec.hidden, 1, M.maxHidden)) return `hidden units must be a whole number in 1–${M.maxHidden} (got ${quoteValue(spec.hidden)})`;
  if (spec.input !== 'onehot' && spec.input !== 'embedding') return `unknown input encoding ${quoteValue(spec.input)}`;
  if (spec.input === 'embedding' && !isInt(spec.embedding, 1, M.maxEmbedding)) {
    return `embedding width must be a whole number in 1–${M.maxEmbedding} (got ${quoteValue(spec.embedding)})`;
  }
  if (!(typeof spec.dropout === 'number' && spec.dropout >= 0 && spec.dropout < 1)) return `dropout must be in [0, 1) (got ${quoteValue(spec.dropout)})`;
  if (!isInt(spec.vocabSize, 1, M.maxVocab)) return `vocabulary size must be a whole number in 1–${M.maxVocab} (got ${quoteValue(spec.vocabSize)})`;
  return null;
}

/** Why `train` is not a valid training setup, or null. */
export function checkTrainSpec(train: TextTrainSpec): string | null {
  if (!isInt(train.seqLength, 1, M.maxSeqLength)) return `window length must be a whole number in 1–${M.maxSeqLength} (got ${quoteValue(train.seqLength)})`;
  if (!isInt(train.batchSize, 1, M.maxBatchSize)) return `batch size must be a whole number in 1–${M.maxBatchSize} (got ${quoteValue(train.batchSize)})`;
  if (!OPTIMIZERS.includes(train.optimizer)) return `unknown optimizer ${quoteValue(train.optimizer)}`;
  if (!(Number.isFinite(train.learningRate) && train.learningRate > 0)) {
    return `learning rate must be a positive number (got ${quoteValue(train.learningRate)})`;
  }
  if (!(Number.isFinite(train.clipNorm) && train.clipNorm >= 0)) return `clip norm must be ≥ 0 (got ${quoteValue(train.clipNorm)})`;
  if (!Number.isFinite(train.seed)) return `seed must be a number (got ${quoteValue(train.seed)})`;
  if (train.carryState !== undefined && typeof train.carryState !== 'boolean') return `carryState must be true or false (got ${quoteValue(train.carryState)})`;
  if (train.lrSchedule !== undefined) return checkLrSchedule(train.lrSchedule);
  return null;
}

/** Throws unless `tokens` hold at least one window of T plus its next character, all inside the vocabulary. */
export function checkTrainTokens(tokens: Int32Array, T: number, vocabSize = Infinity): void {
  if (tokens.length < T + 1) throw new RangeError(`${tokens.length} training characters are too few for a window of ${T} (need ${T + 1})`);
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i] >= 0 && tokens[i] < vocabSize)) throw new RangeError(`token ${tokens[i]} at ${i} is outside the vocabulary`);
  }
}
