// The saved form of a trained text model, shared by the worker (IndexedDB, downloads) and the CLI (--save).
//
// A bundle is three files' worth of data:
//   model.json       the standard TensorFlow.js LayersModel JSON (modelTopology + weightsManifest whose one
//                    group points at "weights.bin"), loadable with tf.loadLayersModel;
//   weights.bin      the float32 weights in the manifest's order;
//   text-model.json  this project's sidecar: vocabulary, settings, loss history.
// The model maps token ids (input 'embedding': int32 [batch, time]) or one-hot vectors (input 'onehot':
// float32 [batch, time, vocab]) to next-character LOGITS [batch, time, vocab] (softmax not applied).
import type { TextModelSpec, TextTrainSpec } from '../engine';

export const BUNDLE_FORMAT = 'backprop-playground/text-model';
export const SIDECAR_FORMAT = 'backprop-playground/text-model-sidecar';
export const MODEL_JSON_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
export const SIDECAR_FILE = 'text-model.json';

/** The vocabulary in serialisable form (index = token id). */
export interface VocabJson {
  /** One code point (as a string) per token, in token order. */
  symbols: string[];
  /** Token id that rare / unseen characters map to, or -1 when there is none. */
  unknown: number;
  lowercase: boolean;
  minCount: number;
}

/** One point of the loss curve. */
export interface LossPoint {
  step: number;
  /** Smoothed training loss (nats/char). */
  train: number;
  /** Validation loss (nats/char) when it was evaluated at this step. */
  valid?: number;
  elapsedMs: number;
}

export interface TextModelSidecar {
  format: typeof SIDECAR_FORMAT;
  version: 1;
  engine: 'tfjs' | 'scratch';
  model: TextModelSpec;
  train: TextTrainSpec;
  vocab: VocabJson;
  step: number;
  history: LossPoint[];
  /** ISO date. */
  savedAt: string;
}

/** Everything needed to restore a model; structured-clone friendly (IndexedDB, postMessage). */
export interface TextModelBundle {
  format: typeof BUNDLE_FORMAT;
  version: 1;
  /** The model.json text (modelTopology + weightsManifest), or '' for the scratch engine. */
  modelJson: string;
  /** weights.bin: concatenated float32 weights in model.json's manifest order. */
  weights: ArrayBuffer;
  sidecar: TextModelSidecar;
}

/** A saved file could not be used; the message says why in words a user can act on. */
export class ModelBundleError extends Error {
  readonly code = 'bad-model-file';
  constructor(message: string) {
    super(message);
    this.name = 'ModelBundleError';
  }
}
