// Range checks for the model and training settings, shared by the engines' constructors and the worker.
import type { TextModelSpec, TextTrainSpec } from '../engine';

const isInt = (x: number, lo: number, hi: number) => Number.isInteger(x) && x >= lo && x <= hi;

/** Why `spec` is not a valid model, or null. */
export function checkModelSpec(spec: TextModelSpec): string | null {
  if (!['rnn', 'gru', 'lstm'].includes(spec.cell)) return `unknown cell type ${JSON.stringify(spec.cell)}`;
  if (!isInt(spec.layers, 1, 3)) return `layers must be 1, 2 or 3 (got ${spec.layers})`;
  if (!isInt(spec.hidden, 1, 1024)) return `hidden units must be a whole number in 1–1024 (got ${spec.hidden})`;
  if (spec.input !== 'onehot' && spec.input !== 'embedding') return `unknown input encoding ${JSON.stringify(spec.input)}`;
  if (spec.input === 'embedding' && !isInt(spec.embedding, 1, 1024)) {
    return `embedding width must be a whole number in 1–1024 (got ${spec.embedding})`;
  }
  if (!(spec.dropout >= 0 && spec.dropout < 1)) return `dropout must be in [0, 1) (got ${spec.dropout})`;
  if (!isInt(spec.vocabSize, 1, 1 << 16)) return `vocabulary size must be a whole number in 1–65536 (got ${spec.vocabSize})`;
  return null;
}

/** Why `train` is not a valid training setup, or null. */
export function checkTrainSpec(train: TextTrainSpec): string | null {
  if (!isInt(train.seqLength, 1, 1024)) return `window length must be a whole number in 1–1024 (got ${train.seqLength})`;
  if (!isInt(train.batchSize, 1, 1024)) return `batch size must be a whole number in 1–1024 (got ${train.batchSize})`;
  if (!['adam', 'rmsprop', 'adagrad', 'sgd'].includes(train.optimizer)) return `unknown optimizer ${JSON.stringify(train.optimizer)}`;
  if (!(train.learningRate > 0 && Number.isFinite(train.learningRate))) {
    return `learning rate must be a positive number (got ${train.learningRate})`;
  }
  if (!(train.clipNorm >= 0 && Number.isFinite(train.clipNorm))) return `clip norm must be ≥ 0 (got ${train.clipNorm})`;
  if (!Number.isFinite(train.seed)) return `seed must be a number (got ${train.seed})`;
  return null;
}
